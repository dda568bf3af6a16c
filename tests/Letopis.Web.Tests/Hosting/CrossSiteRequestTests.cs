using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.TestKit;
using static Letopis.Web.Tests.DocumentFiles.FileTestKit;

namespace Letopis.Web.Tests.Hosting;

/// <summary>
/// Another site's page cannot make a signed-in user's browser change anything: a write that carries
/// only the UI's cookie must come from the UI's own origin. Token clients are not browsers and pass.
/// </summary>
public class CrossSiteRequestTests
{
    private const string Evil = "https://evil.example";

    private static HttpRequestMessage Upload(Guid document, string name, params (string Header, string Value)[] headers)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("Счёт на оплату № 17")), "file", name } };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/documents/{document}/files") { Content = form };
        foreach (var (header, value) in headers)
            request.Headers.Add(header, value);
        return request;
    }

    private static async Task<string[]> FileNamesAsync(HttpClient admin, Guid document) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}/files")).GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray();

    private static async Task<string> CodeAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task UploadFile_WithTheCookieFromAnotherSite_IsRefusedAndStoresNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var user = await host.CreateUserAsync("admin");
        var document = await DocumentAsync(host, user.Id);
        var browser = await LoginForm.SignedInBrowserAsync(host, user.Login, user.Password);

        var fromOrigin = await browser.SendAsync(Upload(document, "origin.txt", ("Origin", Evil)));
        fromOrigin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CodeAsync(fromOrigin)).ShouldBe("cross_site_request");

        var fromFetchMetadata = await browser.SendAsync(Upload(document, "fetch-site.txt", ("Sec-Fetch-Site", "cross-site"), ("Origin", Evil)));
        fromFetchMetadata.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // A browser too old to say where the request came from must bring an antiforgery token with the cookie.
        var silent = await browser.SendAsync(Upload(document, "silent.txt"));
        silent.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await FileNamesAsync(admin, document)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task UploadFile_WithTheCookieFromTheUiItself_IsStored(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var user = await host.CreateUserAsync("admin");
        var document = await DocumentAsync(host, user.Id);
        var browser = await LoginForm.SignedInBrowserAsync(host, user.Login, user.Password);

        (await browser.SendAsync(Upload(document, "fetch-site.txt", ("Sec-Fetch-Site", "same-origin"), ("Origin", "http://localhost"))))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await browser.SendAsync(Upload(document, "origin.txt", ("Origin", "http://localhost")))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await browser.SendAsync(Upload(document, "referer.txt", ("Referer", $"http://localhost/documents/{document}"))))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        (await FileNamesAsync(admin, document)).Order().ShouldBe(["fetch-site.txt", "origin.txt", "referer.txt"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task UploadFile_WithABearerToken_IsStoredWhateverTheOrigin(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync("admin");
        var document = await DocumentAsync(host, user.Id);
        var api = await host.ClientAsync(user.Login, user.Password);

        (await api.SendAsync(Upload(document, "script.txt"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        // A web form of an integrator's site posts with its token: the browser did not attach that by itself.
        (await api.SendAsync(Upload(document, "site-form.txt", ("Origin", Evil), ("Sec-Fetch-Site", "cross-site")))).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await FileNamesAsync(api, document)).Order().ShouldBe(["script.txt", "site-form.txt"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Logout_FromAnotherSite_DoesNotSignOut(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var browser = await LoginForm.SignedInBrowserAsync(host, user.Login, user.Password);

        var forged = new HttpRequestMessage(HttpMethod.Post, "/account/logout") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Origin", Evil);
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");
        forged.Headers.Add("Accept", "text/html");
        var refused = await browser.SendAsync(forged);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CodeAsync(refused)).ShouldBe("cross_site_request");
        refused.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await browser.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The menu's own sign-out still works.
        var own = new HttpRequestMessage(HttpMethod.Post, "/account/logout") { Content = new FormUrlEncodedContent([]) };
        own.Headers.Add("Origin", "http://localhost");
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        (await browser.SendAsync(own)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Logout_FromABrowserThatSaysNothingOfWhereItCameFrom_NeedsTheFormsToken(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var browser = await LoginForm.SignedInBrowserAsync(host, user.Login, user.Password);

        var bare = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        bare.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The menu's form carries the antiforgery token of the signed-in user.
        var token = await LoginForm.AntiforgeryTokenAsync(browser);
        var withToken = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        withToken.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Login_PostedFromAnotherSite_SignsNobodyIn(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var client = LoginForm.Browser(host);

        var response = await LoginForm.PostAsync(client, user.Login, user.Password, returnUrl: null, origin: Evil);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CodeAsync(response)).ShouldBe("cross_site_request");
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refusal_IsInTheCallersLanguage()
    {
        var host = await LetopisHost.SharedAsync("sqlite");
        var user = await host.CreateUserAsync();
        var browser = await LoginForm.SignedInBrowserAsync(host, user.Login, user.Password);

        foreach (var (language, expected) in new[] { ("ru", "Запрос пришёл не со страницы Летописи"), ("en", "did not come from a Letopis page") })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/counterparties") { Content = JsonContent.Create(new { name = "ООО «Подлог»" }) };
            request.Headers.Add("Origin", Evil);
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
            var response = await browser.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()!.ShouldContain(expected);
        }
    }
}
