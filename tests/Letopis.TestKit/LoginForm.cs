using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace Letopis.TestKit;

/// <summary>The UI's login form as a browser uses it: the page's antiforgery token, its cookie, the form post.</summary>
public static partial class LoginForm
{
    /// <summary>A client that keeps cookies and does not follow redirects, so a test sees where it is sent.</summary>
    public static HttpClient Browser(LetopisHost host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Opens the login page and returns its antiforgery token (the browser keeps the matching cookie).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient browser)
    {
        var token = AntiforgeryInput().Match(await browser.GetStringAsync("/login"));
        token.Success.ShouldBeTrue("the login page has no antiforgery token");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Posts the login form with the page's token; <paramref name="origin"/> is sent as <c>Origin</c> when given.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string login, string password, string? returnUrl = "/", string? origin = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(browser),
            ["login"] = login,
            ["password"] = password,
        };
        if (returnUrl is not null)
            fields["returnUrl"] = returnUrl;
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent(fields) };
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return await browser.SendAsync(request);
    }

    /// <summary>A browser signed in through the form: it carries the UI's cookie from then on.</summary>
    public static async Task<HttpClient> SignedInBrowserAsync(LetopisHost host, string login, string password)
    {
        var browser = Browser(host);
        var signedIn = await PostAsync(browser, login, password);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe("/");
        (await browser.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return browser;
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
