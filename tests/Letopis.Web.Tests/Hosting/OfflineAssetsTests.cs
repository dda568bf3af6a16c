using System.Net;
using System.Text.RegularExpressions;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Hosting;

/// <summary>The browser finds the site's icon, and the API reference works without the internet.</summary>
public partial class OfflineAssetsTests
{
    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task Favicon_IsServedAsAnImage(string path, string type)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        using var client = host.CreateClient();

        var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(type);
        (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task Pages_LinkTheFavicon()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        using var client = host.CreateClient();

        var html = await client.GetStringAsync("/login");

        html.ShouldContain("rel=\"icon\" href=\"favicon.ico\"");
        html.ShouldContain("rel=\"icon\" href=\"favicon.svg\"");
    }

    [Fact]
    public async Task ApiDocs_LoadNothingFromOtherHosts()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        using var client = host.CreateClient();

        var response = await client.GetAsync("/api/docs/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<script src=\"scalar.js\">");
        AbsoluteUrl().Matches(html).Select(m => m.Value).ShouldBeEmpty(html);
        // Scalar's bundle (served from this server) fetches its fonts from Scalar's CDN unless told not to.
        html.ShouldContain("\"withDefaultFonts\":false");
        (await client.GetAsync("/api/docs/scalar.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [GeneratedRegex(@"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^""'\s)]*")]
    private static partial Regex AbsoluteUrl();
}
