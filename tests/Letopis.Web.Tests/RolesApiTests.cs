using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

public class RolesApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CustomRole_GetsItsMatrixAndTheChangeIsInHistory(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var name = "lawyer-" + Guid.NewGuid().ToString("N")[..6];

        var created = await admin.PostAsJsonAsync("/api/v1/roles", new { name, displayName = "Юрист" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var roleId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var matrix = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/roles/{roleId}/permissions");
        matrix.EnumerateArray().ShouldAllBe(c => c.GetProperty("scope").GetString() == "none");

        var put = await admin.PutAsJsonAsync($"/api/v1/roles/{roleId}/permissions", new[]
        {
            new { entityKind = "document", action = "read", scope = "all" },
            new { entityKind = "document", action = "edit", scope = "departmentTree" },
        });
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = (await put.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        after.Single(c => c.GetProperty("entityKind").GetString() == "document" && c.GetProperty("action").GetString() == "read")
            .GetProperty("scope").GetString().ShouldBe("all");

        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/roles/{roleId}/history");
        var change = history.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("field").GetString() == "document.edit");
        change.GetProperty("oldValue").GetString().ShouldBe("None");
        change.GetProperty("newValue").GetString().ShouldBe("DepartmentTree");
    }

    [Fact]
    public async Task SetPermissions_WithUnknownKindOrScope_IsRefusedAndChangesNothing()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/roles", new { name = "r-" + Guid.NewGuid().ToString("N")[..6] });
        var roleId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var unknownKind = await admin.PutAsJsonAsync($"/api/v1/roles/{roleId}/permissions", new[]
        {
            new { entityKind = "document", action = "read", scope = "all" },
            new { entityKind = "spaceship", action = "read", scope = "all" },
        });
        var unknownScope = await admin.PutAsJsonAsync($"/api/v1/roles/{roleId}/permissions", new[] { new { entityKind = "document", action = "read", scope = "galaxy" } });

        unknownKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknownScope.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var matrix = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/roles/{roleId}/permissions");
        matrix.EnumerateArray().ShouldAllBe(c => c.GetProperty("scope").GetString() == "none");
    }

    [Fact]
    public async Task BuiltInRole_CannotBeDeleted()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var roles = await admin.GetFromJsonAsync<JsonElement>("/api/v1/roles");
        var head = roles.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "head").GetProperty("id").GetGuid();

        var response = await admin.DeleteAsync($"/api/v1/roles/{head}");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("role_built_in");
    }

    [Fact]
    public async Task Employee_CannotChangePermissions()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var roles = await admin.GetFromJsonAsync<JsonElement>("/api/v1/roles");
        var employeeRole = roles.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "employee").GetProperty("id").GetGuid();
        var employee = await host.CreateUserAsync();
        var client = await host.ClientAsync(employee.Login, employee.Password);

        var response = await client.PutAsJsonAsync($"/api/v1/roles/{employeeRole}/permissions", new[] { new { entityKind = "document", action = "read", scope = "all" } });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var matrix = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/roles/{employeeRole}/permissions");
        matrix.EnumerateArray().Single(c => c.GetProperty("entityKind").GetString() == "document" && c.GetProperty("action").GetString() == "read")
            .GetProperty("scope").GetString().ShouldBe("department");
    }
}
