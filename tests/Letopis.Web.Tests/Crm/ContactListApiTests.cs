using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Crm;

/// <summary><c>GET /api/v1/contacts</c> is a list like every other: paged, by name, only what the caller may see.</summary>
public class ContactListApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_WithoutQ_PagesTheVisibleContactsByName(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var department = await host.CreateDepartmentAsync("Снабжение");
        var user = await host.CreateUserAsync(departmentId: department);
        var client = await host.ClientAsync(user.Login, user.Password);
        var own = await CardDataApiTests.CounterpartyAsync(client, "ООО «Свои контакты»");
        foreach (var name in new[] { "Яковлев Олег", "Абрамова Инна", "Мельников Пётр" })
            (await client.PostAsJsonAsync($"/api/v1/counterparties/{own}/contacts", new { fullName = name })).EnsureSuccessStatusCode();
        var admin = await host.AdminAsync();
        var hidden = await CardDataApiTests.CounterpartyAsync(admin, "ООО «Чужие контакты»");
        (await admin.PostAsJsonAsync($"/api/v1/counterparties/{hidden}/contacts", new { fullName = "Аалто Скрытый" })).EnsureSuccessStatusCode();

        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/contacts?pageSize=2");
        first.GetProperty("total").GetInt32().ShouldBe(3);
        first.GetProperty("page").GetInt32().ShouldBe(1);
        first.GetProperty("pageSize").GetInt32().ShouldBe(2);
        first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fullName").GetString()).ShouldBe(["Абрамова Инна", "Мельников Пётр"]);

        var second = await client.GetFromJsonAsync<JsonElement>("/api/v1/contacts?page=2&pageSize=2");
        second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fullName").GetString()).ShouldBe(["Яковлев Олег"]);

        var byDefault = await client.GetFromJsonAsync<JsonElement>("/api/v1/contacts");
        byDefault.GetProperty("pageSize").GetInt32().ShouldBe(50);
        byDefault.GetProperty("total").GetInt32().ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_CamelCaseAndPascalCaseQueryNames_FilterTheSame(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var marker = "Регион " + Guid.NewGuid().ToString("N")[..6];
        var region = (await (await admin.PostAsJsonAsync("/api/v1/reference/regions", new { name = marker })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetGuid();
        (await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = "ООО «В регионе»", regionId = region })).EnsureSuccessStatusCode();

        foreach (var name in new[] { "regionId", "RegionId", "regionid" })
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?{name}={region}");
            page.GetProperty("total").GetInt32().ShouldBe(1, name);
        }
    }
}
