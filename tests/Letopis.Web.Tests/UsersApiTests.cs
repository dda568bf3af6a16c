using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

public class UsersApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateUser_ReturnsCreatedUserWithLocation(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var department = await host.CreateDepartmentAsync("Юридический отдел");
        var login = "lawyer" + Guid.NewGuid().ToString("N")[..6];

        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            login,
            password = "pravo-2026",
            fullName = "Морозова Ольга Викторовна",
            email = "morozova@stroygrad.example",
            departmentId = department,
            roles = new[] { "employee" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var user = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/users/{user.GetProperty("id").GetGuid()}");
        user.GetProperty("departmentId").GetGuid().ShouldBe(department);
        (await host.ClientAsync(login, "pravo-2026")).ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateUser_WithBadFields_NamesEveryFieldAndCreatesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var login = "dup" + Guid.NewGuid().ToString("N")[..6];

        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            login = login + " with space",
            password = "short",
            fullName = new string('Ж', 10_000),
            email = "no-at-sign",
            departmentId = Guid.NewGuid(),
            roles = new[] { "wizard" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "login", "password", "fullName", "email", "departmentId", "roles" })
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users?q={login}");
        list.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task CreateUser_ByEmployee_Is403()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var employee = await host.CreateUserAsync();
        var client = await host.ClientAsync(employee.Login, employee.Password);

        var response = await client.PostAsJsonAsync("/api/v1/users", new { login = "intruder", password = "intruder-2026", fullName = "X" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PatchUser_RecordsEveryFieldChangeInHistoryWithWhoAndWhen(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();
        var user = await host.CreateUserAsync(fullName: "Попова Анна");

        var response = await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { fullName = "Попова Анна Дмитриевна", roles = new[] { "head" } });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{user.Id}/history");
        var items = history.GetProperty("items").EnumerateArray().ToList();
        var name = items.Single(i => i.GetProperty("field").GetString() == "fullName" && i.GetProperty("operation").GetString() == "updated");
        name.GetProperty("oldValue").GetString().ShouldBe("Попова Анна");
        name.GetProperty("newValue").GetString().ShouldBe("Попова Анна Дмитриевна");
        name.GetProperty("userId").GetGuid().ShouldBe(adminId);
        name.GetProperty("at").GetDateTime().ShouldBe(host.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1));
        var roles = items.Single(i => i.GetProperty("field").GetString() == "roles" && i.GetProperty("operation").GetString() == "updated");
        roles.GetProperty("oldValue").GetString().ShouldBe("employee");
        roles.GetProperty("newValue").GetString().ShouldBe("head");
        items.ShouldNotContain(i => i.GetProperty("field").GetString() == "passwordHash");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DisabledUser_CannotUseATokenIssuedBefore(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);

        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { isActive = false })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await client.GetAsync("/api/v1/me");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("account_disabled");
    }

    [Fact]
    public async Task ListUsers_FiltersByNameAndPages()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++)
            await host.CreateUserAsync(fullName: $"Снабженец {tag} {i}");

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users?q=Снабженец {tag}&pageSize=2&page=2");

        page.GetProperty("total").GetInt32().ShouldBe(3);
        page.GetProperty("items").GetArrayLength().ShouldBe(1);
        page.GetProperty("page").GetInt32().ShouldBe(2);
        page.GetProperty("pageSize").GetInt32().ShouldBe(2);
    }
}
