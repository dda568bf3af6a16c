using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

/// <summary>
/// Offline, every request to another host waits for a timeout: the pages Letopis serves must ask their
/// own server for everything, fonts and scripts included.
/// </summary>
[Collection(ServerCollection.Name)]
public class OfflineAssetsTests(LetopisServer server)
{
    [Fact]
    public async Task ApiDocs_Opened_RequestsNothingFromOtherHosts()
    {
        var page = await server.NewPageAsync();
        var foreign = await RecordForeignRequestsAsync(page);

        await page.GotoAsync("/api/docs");
        await page.Locator("h1.section-header-label", new PageLocatorOptions { HasText = "Letopis API" }).WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        foreign.ShouldBeEmpty();
    }

    [Fact]
    public async Task LoginPage_Opened_ShowsTheIconAndRequestsNothingFromOtherHosts()
    {
        var page = await server.NewPageAsync();
        var foreign = await RecordForeignRequestsAsync(page);

        await page.GotoAsync("/login");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var icon = await page.EvaluateAsync<int>(
            "async () => (await fetch(document.querySelector('link[rel=icon][type=\"image/svg+xml\"]').href)).status");
        icon.ShouldBe(200);
        foreign.ShouldBeEmpty();
    }

    /// <summary>Requests of the page to any other host, answered with a failure at once.</summary>
    private async Task<List<string>> RecordForeignRequestsAsync(IPage page)
    {
        var origin = new Uri(server.BaseUrl);
        var foreign = new List<string>();
        await page.Context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || (url.Host == origin.Host && url.Port == origin.Port))
            {
                await route.ContinueAsync();
                return;
            }
            lock (foreign)
                foreign.Add(route.Request.Url);
            await route.AbortAsync();
        });
        return foreign;
    }
}
