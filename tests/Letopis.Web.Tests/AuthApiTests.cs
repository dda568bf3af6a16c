using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Access;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

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
    public async Task Token_AfterFiveFailures_RefusesEvenTheRightPasswordAsLockedOut(string provider)
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

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Token_UnknownLoginAfterFiveFailures_IsAnsweredLikeALockedRealLogin(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var nobody = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        var anonymous = host.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = "wrong-password-1" });
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { login = nobody, password = "wrong-password-1" });
        }

        var locked = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = "wrong-password-1" });
        var unknown = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { login = nobody.ToUpperInvariant(), password = "wrong-password-1" });

        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var lockedProblem = await locked.Content.ReadFromJsonAsync<JsonElement>();
        var unknownProblem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        lockedProblem.GetProperty("code").GetString().ShouldBe("locked_out");
        foreach (var field in new[] { "code", "title", "type" })
            unknownProblem.GetProperty(field).GetString().ShouldBe(lockedProblem.GetProperty(field).GetString(), field);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Token_LockedUserAfterAnAdministratorSetsANewPassword_SignsIn(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var admin = await host.AdminAsync();
        var anonymous = host.CreateClient();
        for (var i = 0; i < 5; i++)
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = "wrong-password-1" });
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{user.Id}");

        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { password = "new-password-2026" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = "new-password-2026" });

        listed.GetProperty("lockedOut").GetBoolean().ShouldBeTrue();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Token_ThirtyParallelWrongPasswordsOnTwoServers_CheckFiveAndLockUntilTheLockoutEnds(string provider)
    {
        using var nodeA = new LetopisHost(provider);
        using var nodeB = new LetopisHost(provider, nodeA.ConnectionString);
        var user = await nodeA.CreateUserAsync();
        var clientA = nodeA.CreateClient();
        var clientB = nodeB.CreateClient();

        var burst = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? clientA : clientB)
            .PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = $"wrong-password-{i}" })));
        var key = user.Login.ToUpperInvariant();
        var checkedGuesses = await nodeA.WithDbAsync(db => db.Set<SignInAttempt>().Where(a => a.LoginKey == key).Select(a => a.Failures).SingleAsync());
        var refusedA = await clientA.PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = user.Password });
        var refusedB = await clientB.PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = user.Password });
        nodeA.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        nodeB.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var afterLockout = await clientB.PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = user.Password });

        burst.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Unauthorized);
        checkedGuesses.ShouldBe(5);
        foreach (var refused in new[] { refusedA, refusedB })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("locked_out");
        }
        afterLockout.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await nodeA.WithDbAsync(db => db.Set<SignInAttempt>().AnyAsync(a => a.LoginKey == key))).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Token_FourFailuresThenRightPassword_SucceedsAndStartsCountingAgain(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var anonymous = host.CreateClient();

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 4; i++)
                (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = "wrong-password-1" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = user.Password });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"round {round + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Token_UnknownLogin_TakesAboutAsLongAsAWrongPassword(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        // Four attempts per user stay below the lockout, so every known attempt checks a real hash.
        var users = new[] { await host.CreateUserAsync(), await host.CreateUserAsync(), await host.CreateUserAsync() };
        var anonymous = host.CreateClient();
        await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { login = "warm-up", password = "wrong-password-1" });

        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            known.Add(await TimeAsync(anonymous, users[i % 3].Login));
            unknown.Add(await TimeAsync(anonymous, "nobody-" + Guid.NewGuid().ToString("N")[..8]));
        }

        var ratio = Median(unknown) / Median(known);
        ratio.ShouldBeGreaterThan(0.3, $"unknown {Median(unknown):F1} ms, known {Median(known):F1} ms");
        ratio.ShouldBeLessThan(3.0, $"unknown {Median(unknown):F1} ms, known {Median(known):F1} ms");

        static async Task<double> TimeAsync(HttpClient client, string login)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { login, password = "wrong-password-1" });
            watch.Stop();
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            return watch.Elapsed.TotalMilliseconds;
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
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

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OwnPasswordChange_AfterFiveWrongCurrentPasswords_IsRefusedAndTheLoginLocked(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var session = await host.ClientAsync(user.Login, user.Password);
        const string NewPassword = "Novyi-parol-2027";

        for (var i = 0; i < 5; i++)
        {
            var wrong = await session.PatchAsJsonAsync("/api/v1/me", new { currentPassword = $"guess-{i}-2026", newPassword = NewPassword });
            wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        var right = await session.PatchAsJsonAsync("/api/v1/me", new { currentPassword = user.Password, newPassword = NewPassword });

        // A held session gives no more guesses at the password than the sign-in page does.
        right.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await right.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("fieldCodes").GetProperty("currentPassword")[0].GetString().ShouldBe("too_many_attempts");
        var signIn = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = user.Password });
        (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("locked_out");
        (await session.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("login").GetString().ShouldBe(user.Login);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Token_TwentyParallelRightPasswords_AllSignIn(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();

        // An integration starting its workers signs in with one login many times at once.
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = user.Password })));

        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK);
        var wrong = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = "not-the-password-1" });
        (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("invalid_credentials");
    }
}
