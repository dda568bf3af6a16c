namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class SignInTests(LetopisServer server)
{
    [Fact]
    public async Task SignIn_WrongThenRightPassword_ShowsErrorThenHome()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        page.Url.ShouldContain("/login");
        await page.ShotAsync(server, "login");

        await page.FillAsync("input[name=login]", "admin");
        await page.FillAsync("input[name=password]", "not-the-password-1");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("error=invalid", StringComparison.Ordinal));
        (await page.InnerTextAsync("[data-testid=login-error]")).ShouldBe("Неверный логин или пароль.");
        await page.ShotAsync(server, "login-error");

        await page.FillAsync("input[name=login]", "admin");
        await page.FillAsync("input[name=password]", LetopisServer.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        (await page.InnerTextAsync("[data-testid=greeting]")).ShouldStartWith("Здравствуйте");
        await page.ShotAsync(server, "home-admin");

        // Sign-out is a form post with an antiforgery token; afterwards the home page asks to sign in again.
        await page.ClickAsync("[data-testid=user-menu-button]");
        await page.ClickAsync("[data-testid=logout]");
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync("/");
        page.Url.ShouldContain("/login");
    }
}
