using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Data;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests;

public class FailureTests
{
    [Fact]
    public async Task ServerError_Is500ProblemWithoutInternals()
    {
        using var host = new LetopisHost(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        // A broken database is the most likely real cause of a 500.
        await host.WithDbAsync<int>(db => db.Database.ExecuteSqlRawAsync("DROP TABLE \"RolePermissions\""));
        var roles = await admin.GetFromJsonAsync<JsonElement>("/api/v1/roles");
        var roleId = roles[0].GetProperty("id").GetGuid();

        var response = await admin.GetAsync($"/api/v1/roles/{roleId}/permissions");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("\"code\":\"internal_error\"");
        body.ShouldNotContain("RolePermissions");
        body.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task RevokingAnotherUsersApiToken_Is404AndTheTokenKeepsWorking()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var owner = await host.CreateUserAsync();
        var other = await host.CreateUserAsync();
        var ownerClient = await host.ClientAsync(owner.Login, owner.Password);
        var otherClient = await host.ClientAsync(other.Login, other.Password);
        var token = await (await ownerClient.PostAsJsonAsync("/api/v1/me/api-tokens", new { name = "Телефония" })).Content.ReadFromJsonAsync<JsonElement>();

        var response = await otherClient.DeleteAsync($"/api/v1/me/api-tokens/{token.GetProperty("id").GetGuid()}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var tokens = await ownerClient.GetFromJsonAsync<JsonElement>("/api/v1/me/api-tokens");
        tokens[0].GetProperty("revokedAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
