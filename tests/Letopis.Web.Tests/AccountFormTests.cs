using System.Net;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

/// <summary>The login page's form post and the language switch: where they send the browser back to.</summary>
public class AccountFormTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Login_WithCyrillicReturnUrl_SignsInAndRedirectsToTheEscapedAddress(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var browser = LoginForm.Browser(host);

        var response = await LoginForm.PostAsync(browser, user.Login, user.Password, "/search?q=строй");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/search?q=%D1%81%D1%82%D1%80%D0%BE%D0%B9");
        (await browser.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("\\\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\n/evil.example/")]
    [InlineData(" //evil.example/")]
    public async Task Login_WithForeignOrMalformedReturnUrl_SignsInAndRedirectsHome(string returnUrl)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var user = await host.CreateUserAsync();
        var browser = LoginForm.Browser(host);

        var response = await LoginForm.PostAsync(browser, user.Login, user.Password, returnUrl);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.ShouldBe("/");
        (await browser.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Login_WithWrongPassword_ReturnsToTheLoginPageWithItsError(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var browser = LoginForm.Browser(host);

        var response = await LoginForm.PostAsync(browser, user.Login, "wrong-password-1", "/search?q=строй");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith("/login?error=invalid&returnUrl=%2Fsearch%3Fq%3D");
        var page = await browser.GetStringAsync(location);
        page.ShouldContain("data-testid=\"login-error\"");
        // The login stays typed in; only the password is asked again.
        location.ShouldEndWith("&login=" + user.Login);
        page.ShouldContain($"value=\"{user.Login}\"");
        (await browser.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Login_AfterFiveFailures_TellsTheLockoutAlikeForRealAndUnknownLogins(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var nobody = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        var browser = LoginForm.Browser(host);
        for (var i = 0; i < 5; i++)
        {
            await LoginForm.PostAsync(browser, user.Login, "wrong-password-1", "/");
            await LoginForm.PostAsync(browser, nobody, "wrong-password-1", "/");
        }

        var real = await LoginForm.PostAsync(browser, user.Login, user.Password, "/");
        var unknown = await LoginForm.PostAsync(browser, nobody, "wrong-password-1", "/");

        real.Headers.Location!.OriginalString.ShouldBe($"/login?error=locked&returnUrl=%2F&login={user.Login}");
        unknown.Headers.Location!.OriginalString.ShouldBe($"/login?error=locked&returnUrl=%2F&login={nobody}");
        var page = await browser.GetStringAsync("/login?error=locked&returnUrl=%2F");
        WebUtility.HtmlDecode(page).ShouldContain("Слишком много неудачных попыток. Вход заблокирован на 15 минут.");
        (await browser.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/search?q=строй", "/search?q=%D1%81%D1%82%D1%80%D0%BE%D0%B9")]
    [InlineData("/documents?tab=2#files", "/documents?tab=2#files")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/\t/evil.example/", "/")]
    [InlineData("/a\r\nSet-Cookie: x=1", "/")]
    [InlineData("/search\0", "/")]
    public async Task Culture_WithAnyReturnUrl_RedirectsToALocalAddress(string returnUrl, string expected)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);

        var response = await LoginForm.Browser(host).GetAsync($"/account/culture?culture=en&returnUrl={Uri.EscapeDataString(returnUrl)}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(expected);
    }
}
