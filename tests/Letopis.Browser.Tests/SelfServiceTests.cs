using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class SelfServiceTests(LetopisServer server)
{
    [Fact]
    public async Task Employee_AppointsDeputy_AndIssuesApiTokenThatWorksUntilRevoked()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("popova", LetopisServer.DemoPassword);

        await page.GoAsync("/deputies");
        await PickDeputyAsync(page, "Волков", "Волков Алексей Игоревич");
        await page.Field("deputy-reason").FillAsync("Командировка в Казань");
        await page.ClickAsync("[data-testid=deputy-save]");
        await page.WaitForSelectorAsync("[data-testid=deputies-mine] >> text=Волков Алексей Игоревич");
        (await page.InnerTextAsync("[data-testid=deputies-mine]")).ShouldContain("Командировка в Казань");
        await page.ShotAsync(server, "deputies-appointed");

        // The same period again overlaps: the handler refuses and the refusal is shown in Russian.
        await PickDeputyAsync(page, "Волков", "Волков Алексей Игоревич");
        await page.ClickAsync("[data-testid=deputy-save]");
        await page.WaitForSelectorAsync(".mud-snackbar >> text=На часть этого периода уже назначен другой замещающий");

        await page.GoAsync("/profile");
        await page.Field("token-name").FillAsync("Обмен с 1С");
        await page.ClickAsync("[data-testid=token-issue]");
        var secret = (await page.InnerTextAsync("[data-testid=token-secret]")).Trim();
        secret.ShouldStartWith("ltp_");
        await page.ShotAsync(server, "profile-token");

        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var me = await http.GetStringAsync("/api/v1/me");
        me.ShouldContain("\"login\":\"popova\"");

        await page.ClickAsync("[data-testid=tokens-table] button:has-text('Отозвать')");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=tokens-table] >> text=Отозван");
        (await http.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>Types into the autocomplete, waits for the filtered list, picks, and waits until the choice is shown.</summary>
    private static async Task PickDeputyAsync(IPage page, string typed, string fullName)
    {
        var input = page.Field("deputy-picker");
        await input.FillAsync(typed);
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await page.WaitForFunctionAsync(
            "([text]) => { const items = [...document.querySelectorAll('.mud-popover-open .mud-list-item')]; return items.length > 0 && items.every(i => i.textContent.includes(text)); }",
            new object[] { fullName });
        await items.First.ClickAsync();
        await Assertions.Expect(input).ToHaveValueAsync(fullName);
        await page.WaitForSelectorAsync(".mud-popover-open .mud-list-item", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
    }
}
