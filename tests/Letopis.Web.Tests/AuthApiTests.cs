using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

public class AuthApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Token_WithRightPassword_GivesAccessToMe(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync(fullName: "Иванова Мария");

        var client = await host.ClientAsync(user.Login, user.Password);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        me.GetProperty("login").GetString().ShouldBe(user.Login);
        me.GetProperty("fullName").GetString().ShouldBe("Иванова Мария");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["employee"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Token_WithWrongPassword_Is401Problem(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();

        var response = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = "wrong-password-1" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("invalid_credentials");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Token_AfterFiveFailures_LocksTheAccountEvenForTheRightPassword(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var anonymous = host.CreateClient();

        for (var i = 0; i < 5; i++)
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = "wrong-password-1" });
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = user.Password });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("locked_out");
    }

    [Fact]
    public async Task Token_AfterItExpires_Is401()
    {
        using var host = new LetopisHost(TestDatabases.Sqlite);
        var client = await host.AdminAsync();
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        host.Clock.Advance(TimeSpan.FromHours(9));

        var response = await client.GetAsync("/api/v1/me");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("unauthorized");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PersonalApiToken_WorksUntilRevoked(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);

        var issued = await client.PostAsJsonAsync("/api/v1/me/api-tokens", new { name = "Обмен с 1С" });
        issued.StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var script = host.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
        (await script.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("login").GetString().ShouldBe(user.Login);

        (await client.DeleteAsync($"/api/v1/me/api-tokens/{token.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await script.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_WithoutCredentials_Is401Problem()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);

        var response = await host.CreateClient().GetAsync("/api/v1/me");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task AccessTokenInQueryString_IsAcceptedOnHubsOnly()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var token = (await (await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = "admin", password = LetopisHost.AdminPassword }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var anonymous = host.CreateClient();

        var negotiate = await anonymous.PostAsync($"/hubs/notifications/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(token!)}", null);
        var api = await anonymous.GetAsync($"/api/v1/me?access_token={Uri.EscapeDataString(token!)}");

        negotiate.StatusCode.ShouldBe(HttpStatusCode.OK);
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
