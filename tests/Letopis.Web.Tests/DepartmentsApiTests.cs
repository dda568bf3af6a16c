using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

public class DepartmentsApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MovingADepartmentUnderItsOwnChild_IsRefusedAsACycle(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var parent = await host.CreateDepartmentAsync("Производство");
        var child = await host.CreateDepartmentAsync("Участок", parent);

        var response = await admin.PatchAsJsonAsync($"/api/v1/departments/{parent}", new { parentId = child });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("fieldCodes").GetProperty("parentId")[0].GetString().ShouldBe("cycle");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/departments/{parent}")).GetProperty("parentId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DeletingADepartmentWithMembers_IsAConflict(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var department = await host.CreateDepartmentAsync("Бухгалтерия");
        await host.CreateUserAsync(departmentId: department);

        var response = await admin.DeleteAsync($"/api/v1/departments/{department}");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("department_not_empty");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SettingAHead_ShowsInTheTreeAndInHistory(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var department = await host.CreateDepartmentAsync("ПТО");
        var head = await host.CreateUserAsync("head", department, "Новиков Павел Андреевич");

        (await admin.PatchAsJsonAsync($"/api/v1/departments/{department}", new { headId = head.Id })).EnsureSuccessStatusCode();

        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/departments/{department}");
        card.GetProperty("headName").GetString().ShouldBe("Новиков Павел Андреевич");
        card.GetProperty("memberCount").GetInt32().ShouldBe(1);
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/departments/{department}/history");
        history.GetProperty("items").EnumerateArray()
            .ShouldContain(i => i.GetProperty("field").GetString() == "headId" && i.GetProperty("newValue").GetString() == head.Id.ToString());
    }
}
