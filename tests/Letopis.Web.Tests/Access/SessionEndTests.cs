using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.TestKit;
using Letopis.Web.Auth;
using Letopis.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Letopis.Web.Tests.Access;

/// <summary>
/// A password change, a reset, a role change and a deactivation end every cookie and access token
/// issued before it, on the very next request; personal API tokens are separate credentials.
/// </summary>
public class SessionEndTests
{
    private const string NewPassword = "renewed-pass-2026";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ResetByAdmin_EndsEarlierTokenAndCookie_FreshSignInWorks(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var user = await host.CreateUserAsync();
        var token = await host.ClientAsync(user.Login, user.Password);
        var browser = await BrowserAsync(host, user.Login, user.Password);

        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { password = NewPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await ShouldBeEndedAsync(token);
        await ShouldBeEndedAsync(browser);
        await ShouldWorkAsync(await host.ClientAsync(user.Login, NewPassword));
        await ShouldWorkAsync(await BrowserAsync(host, user.Login, NewPassword));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ResetByAdmin_PageWithEarlierCookie_SignsOutAndRedirectsToLogin(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var user = await host.CreateUserAsync();
        var browser = await BrowserAsync(host, user.Login, user.Password);

        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { password = NewPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await browser.GetAsync("/profile");

        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.ShouldStartWith("/login?error=expired");
        page.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeTrue();
        cookies.ShouldContain(c => c.StartsWith(".Letopis.Auth=;", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ChangeOwnPassword_WithCookie_EndsOtherSignInsButKeepsThisBrowser(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var token = await host.ClientAsync(user.Login, user.Password);
        var otherBrowser = await BrowserAsync(host, user.Login, user.Password);
        var browser = await BrowserAsync(host, user.Login, user.Password);

        var changed = await browser.PatchAsJsonAsync("/api/v1/me", new { currentPassword = user.Password, newPassword = NewPassword });

        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldWorkAsync(browser);
        await ShouldBeEndedAsync(token);
        await ShouldBeEndedAsync(otherBrowser);
        await ShouldWorkAsync(await host.ClientAsync(user.Login, NewPassword));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ChangeOwnPassword_WithToken_EndsThatTokenAndTheCookies(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var token = await host.ClientAsync(user.Login, user.Password);
        var browser = await BrowserAsync(host, user.Login, user.Password);

        var changed = await token.PatchAsJsonAsync("/api/v1/me", new { currentPassword = user.Password, newPassword = NewPassword });

        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeEndedAsync(token);
        await ShouldBeEndedAsync(browser);
        await ShouldWorkAsync(await host.ClientAsync(user.Login, NewPassword));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ChangeOwnPassword_OnProfilePage_RenewsThisBrowsersCookieOnly(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var browser = await BrowserAsync(host, user.Login, user.Password);
        var otherBrowser = await BrowserAsync(host, user.Login, user.Password);

        // What the profile page does in its circuit: save, then send the browser through /account/renew.
        string stamp;
        await using (var scope = host.Scope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<UpdateOwnProfile>().SaveAsync(user.Id,
                new UpdateOwnProfileRequest(default, default, default, user.Password, NewPassword), CancellationToken.None);
            stamp = saved.Value.NewSecurityStamp!;
        }
        var note = Uri.EscapeDataString(host.Services.GetRequiredService<SignInRenewal>().Issue(user.Id, stamp));
        var renewed = await browser.GetAsync($"/account/renew?note={note}&returnUrl=%2Fprofile");

        renewed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        renewed.Headers.Location!.OriginalString.ShouldBe("/profile");
        await ShouldWorkAsync(browser);
        await ShouldBeEndedAsync(otherBrowser);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Renew_WithAnotherUsersCookieOrAfterAReset_RenewsNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var user = await host.CreateUserAsync();
        var stranger = await host.CreateUserAsync();
        var strangersBrowser = await BrowserAsync(host, stranger.Login, stranger.Password);
        var browser = await BrowserAsync(host, user.Login, user.Password);
        string stamp;
        await using (var scope = host.Scope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<UpdateOwnProfile>().SaveAsync(user.Id,
                new UpdateOwnProfileRequest(default, default, default, user.Password, NewPassword), CancellationToken.None);
            stamp = saved.Value.NewSecurityStamp!;
        }
        var note = Uri.EscapeDataString(host.Services.GetRequiredService<SignInRenewal>().Issue(user.Id, stamp));

        var asStranger = await strangersBrowser.GetAsync($"/account/renew?note={note}&returnUrl=%2F");
        asStranger.Headers.Location!.OriginalString.ShouldBe("/");
        asStranger.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await strangersBrowser.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid().ShouldBe(stranger.Id);

        // An administrator's reset after the change wins over the note.
        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { password = "admin-set-2026" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterReset = await browser.GetAsync($"/account/renew?note={note}&returnUrl=%2F");
        afterReset.Headers.Contains("Set-Cookie").ShouldBeFalse();
        await ShouldBeEndedAsync(browser);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RoleChange_EndsEarlierTokenAndCookie_OtherEditsDoNot(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var user = await host.CreateUserAsync();
        var token = await host.ClientAsync(user.Login, user.Password);
        var browser = await BrowserAsync(host, user.Login, user.Password);

        // The users dialog always sends the roles and the switch: unchanged, they end nothing.
        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { fullName = "Новое Имя", roles = new[] { "employee" }, isActive = true }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldWorkAsync(token);
        await ShouldWorkAsync(browser);

        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { roles = new[] { "head" } })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await ShouldBeEndedAsync(token);
        await ShouldBeEndedAsync(browser);
        var fresh = await host.ClientAsync(user.Login, user.Password);
        (await fresh.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["head"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DeactivationThenReactivation_EndsEarlierTokenAndCookie(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var user = await host.CreateUserAsync();
        var token = await host.ClientAsync(user.Login, user.Password);
        var browser = await BrowserAsync(host, user.Login, user.Password);

        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { isActive = false })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { isActive = true })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await ShouldBeEndedAsync(token);
        await ShouldBeEndedAsync(browser);
        await ShouldWorkAsync(await host.ClientAsync(user.Login, user.Password));
        await ShouldWorkAsync(await BrowserAsync(host, user.Login, user.Password));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PersonalApiToken_SurvivesPasswordChangeAndPlainReset_NotAResetThatRevokes(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);
        var issued = await client.PostAsJsonAsync("/api/v1/me/api-tokens", new { name = "Телефония" });
        var secret = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var script = host.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", secret);

        (await client.PatchAsJsonAsync("/api/v1/me", new { currentPassword = user.Password, newPassword = NewPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldWorkAsync(script);
        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { password = "admin-set-2026" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldWorkAsync(script);

        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { password = "admin-set-2027", revokeApiTokens = true })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await script.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var fresh = await host.ClientAsync(user.Login, "admin-set-2027");
        var tokens = await fresh.GetFromJsonAsync<JsonElement>("/api/v1/me/api-tokens");
        tokens.EnumerateArray().Single().GetProperty("revokedAt").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OpenCircuit_AfterReset_StopsActingAndReloads(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var user = await host.CreateUserAsync();
        var clock = new FakeTimeProvider(LetopisHost.Start);
        var navigation = new RecordingNavigation();
        var (circuit, actor) = await CircuitAsync(host, user, navigation, clock);

        (await circuit.ActAsync()).ShouldBeTrue();
        actor.UserId.ShouldBe(user.Id);

        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { password = NewPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Advance(ActorCircuitHandler.CheckInterval);

        (await circuit.ActAsync()).ShouldBeFalse();
        actor.UserId.ShouldBeNull();
        navigation.Reloads.ShouldBe(1);
        (await circuit.ActAsync()).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OpenCircuit_AfterItsOwnPasswordChange_KeepsActing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var clock = new FakeTimeProvider(LetopisHost.Start);
        var navigation = new RecordingNavigation();
        var (circuit, actor) = await CircuitAsync(host, user, navigation, clock);
        (await circuit.ActAsync()).ShouldBeTrue();

        await using (var scope = host.Scope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<UpdateOwnProfile>().SaveAsync(user.Id,
                new UpdateOwnProfileRequest(default, default, default, user.Password, NewPassword), CancellationToken.None);
            circuit.Renewed(saved.Value.NewSecurityStamp!);
        }

        (await circuit.ActAsync()).ShouldBeTrue();
        actor.UserId.ShouldBe(user.Id);
        navigation.Reloads.ShouldBe(0);
    }

    private static async Task<(ActorCircuitHandler Circuit, CurrentActor Actor)> CircuitAsync(
        LetopisHost host, TestUser user, NavigationManager navigation, TimeProvider clock)
    {
        ClaimsPrincipal principal;
        await using (var scope = host.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            principal = await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>()
                .CreateUserPrincipalAsync((await users.FindByIdAsync(user.Id.ToString()))!);
        }
        var actor = new CurrentActor(host.Services);
        var circuit = new ActorCircuitHandler(
            new FixedAuthentication(principal), actor, new ViewerClock(clock, host.Services.GetRequiredService<CompanyTimeZone>()),
            host.Services.GetRequiredService<IServiceScopeFactory>(), navigation, clock,
            host.Services.GetRequiredService<IOptions<IdentityOptions>>());
        return (circuit, actor);
    }

    /// <summary>A browser signed in through the login form, sending what it sends on the UI's own requests.</summary>
    private static async Task<HttpClient> BrowserAsync(LetopisHost host, string login, string password)
    {
        var browser = await LoginForm.SignedInBrowserAsync(host, login, password);
        browser.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
        return browser;
    }

    private static async Task ShouldWorkAsync(HttpClient client) =>
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

    private static async Task ShouldBeEndedAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/me");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("session_expired");
    }


    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private sealed class RecordingNavigation : NavigationManager
    {
        public RecordingNavigation() => Initialize("http://localhost/", "http://localhost/profile");

        public int Reloads { get; private set; }

        protected override void NavigateToCore(string uri, NavigationOptions options)
        {
            if (options.ForceLoad)
                Reloads++;
        }

        public override void Refresh(bool forceReload = false)
        {
            if (forceReload)
                Reloads++;
        }
    }
}
