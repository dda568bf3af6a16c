using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Access;

/// <summary>
/// Access contexts are cached per node; a change of department or role made on one node must
/// apply to the very next request on every node.
/// </summary>
public class AccessChangeTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MovingAnEmployee_ToAnotherDepartment_ChangesWhatTheySeeOnTheOtherNodeAtOnce(string provider)
    {
        using var nodeA = new LetopisHost(provider);
        using var nodeB = new LetopisHost(provider, nodeA.ConnectionString);
        var adminA = await nodeA.AdminAsync();
        var sales = await nodeA.CreateDepartmentAsync("Продажи");
        var supply = await nodeA.CreateDepartmentAsync("Снабжение");
        var supplier = await nodeA.CreateUserAsync(departmentId: supply);
        var employee = await nodeA.CreateUserAsync(departmentId: sales);
        var created = await adminA.PostAsJsonAsync("/api/v1/counterparties", new { name = "ООО «Снабсервис»", responsibleId = supplier.Id });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var employeeB = await nodeB.ClientAsync(employee.Login, employee.Password);
        (await employeeB.GetAsync($"/api/v1/counterparties/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var moved = await adminA.PatchAsJsonAsync($"/api/v1/users/{employee.Id}", new { departmentId = supply });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await employeeB.GetAsync($"/api/v1/counterparties/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var back = await adminA.PatchAsJsonAsync($"/api/v1/users/{employee.Id}", new { departmentId = sales });
        back.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await employeeB.GetAsync($"/api/v1/counterparties/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task WideningARolesScope_OnOneNode_ShowsHiddenCardsOnTheOtherNode(string provider)
    {
        using var nodeA = new LetopisHost(provider);
        using var nodeB = new LetopisHost(provider, nodeA.ConnectionString);
        var adminA = await nodeA.AdminAsync();
        var role = "viewer-" + Guid.NewGuid().ToString("N")[..6];
        var roleCreated = await adminA.PostAsJsonAsync("/api/v1/roles", new { name = role });
        var roleId = (await roleCreated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var viewer = await nodeA.CreateUserAsync(role: role);
        var created = await adminA.PostAsJsonAsync("/api/v1/counterparties", new { name = "ООО «Видимость»" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var viewerB = await nodeB.ClientAsync(viewer.Login, viewer.Password);
        (await viewerB.GetAsync($"/api/v1/counterparties/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var widened = await adminA.PutAsJsonAsync($"/api/v1/roles/{roleId}/permissions",
            new[] { new { entityKind = "counterparty", action = "read", scope = "all" } });
        widened.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await viewerB.GetAsync($"/api/v1/counterparties/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var narrowed = await adminA.PutAsJsonAsync($"/api/v1/roles/{roleId}/permissions",
            new[] { new { entityKind = "counterparty", action = "read", scope = "none" } });
        narrowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await viewerB.GetAsync($"/api/v1/counterparties/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
