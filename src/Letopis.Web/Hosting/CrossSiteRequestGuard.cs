using Letopis.Web.Api;
using Microsoft.AspNetCore.Antiforgery;

namespace Letopis.Web.Hosting;

/// <summary>
/// Refuses state-changing requests that another site makes a browser send with the UI's cookie
/// (cross-site request forgery): a file upload from a hidden form, a sign-out, a sign-in into the
/// attacker's account. Runs after authentication, for POST, PUT, PATCH and DELETE.
/// </summary>
/// <remarks>
/// <para>Requests carrying a token (<c>Authorization</c> header, or a hub's <c>access_token</c>, as
/// <see cref="Auth.AuthSetup"/> picks the scheme) pass untouched: a browser never attaches those by itself.</para>
/// <para>The others must show they come from the UI's own pages: <c>Sec-Fetch-Site</c> is
/// <c>same-origin</c> or <c>none</c>; without it, <c>Origin</c> (or else <c>Referer</c>) is the request's
/// own origin or <see cref="PublicAddress"/>'s. A request the browser says is from elsewhere is refused
/// outright, antiforgery token or not: the UI never sends one.</para>
/// <para>A request with none of the three headers comes from something that is not a current browser
/// (every current browser sends <c>Origin</c> on a cross-site POST): it passes when it is anonymous —
/// there is no session to abuse, and scripts may post to <c>/api/v1/auth/token</c> — but with the
/// cookie it must carry a valid antiforgery token (header <c>RequestVerificationToken</c>, or the
/// field of a URL-encoded form such as the sign-out form's), so that an old browser cannot be used
/// against its user.</para>
/// </remarks>
public sealed class CrossSiteRequestGuard(RequestDelegate next, PublicAddress address, IAntiforgery antiforgery)
{
    public const string Code = "cross_site_request";

    private enum Verdict
    {
        SameOrigin,
        CrossSite,
        Unknown,
    }

    public async Task InvokeAsync(HttpContext context, ProblemWriter problems)
    {
        var request = context.Request;
        if (!IsUnsafe(request.Method) || CarriesToken(request))
        {
            await next(context);
            return;
        }
        var verdict = Judge(request);
        if (verdict == Verdict.SameOrigin
            || (verdict == Verdict.Unknown && (context.User.Identity?.IsAuthenticated != true || await HasValidAntiforgeryTokenAsync(context))))
        {
            await next(context);
            return;
        }
        await problems.WriteAsync(context, StatusCodes.Status403Forbidden, Code);
    }

    private static bool IsUnsafe(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool CarriesToken(HttpRequest request) =>
        request.Headers.Authorization.Count > 0
        || (request.Path.StartsWithSegments("/hubs") && request.Query.ContainsKey("access_token"));

    private Verdict Judge(HttpRequest request)
    {
        if (request.Headers.TryGetValue("Sec-Fetch-Site", out var site))
            return site.ToString() is "same-origin" or "none" ? Verdict.SameOrigin : Verdict.CrossSite;
        // "null" is what a page with Referrer-Policy: no-referrer sends even to its own origin (and a
        // sandboxed frame to any): it says nothing, so the request is judged as one with no Origin.
        if (request.Headers.Origin is { Count: > 0 } origin && origin.ToString() != "null")
            return IsOwn(request, origin.ToString()) ? Verdict.SameOrigin : Verdict.CrossSite;
        if (request.Headers.Referer is { Count: > 0 } referer)
            return IsOwn(request, referer.ToString()) ? Verdict.SameOrigin : Verdict.CrossSite;
        return Verdict.Unknown;
    }

    /// <summary>
    /// The request's own origin is trusted as well as the public one: a browser sends the cookie only
    /// to the host it belongs to, so a forged Host cannot come with a victim's session.
    /// </summary>
    private bool IsOwn(HttpRequest request, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var origin))
            return false;
        return address.IsPublicOrigin(origin)
            || (Uri.TryCreate($"{request.Scheme}://{request.Host}", UriKind.Absolute, out var own) && PublicAddress.SameOrigin(own, origin));
    }

    private async Task<bool> HasValidAntiforgeryTokenAsync(HttpContext context)
    {
        // A multipart body is not read here: the token would have to be found by buffering a whole upload.
        var request = context.Request;
        if (!request.Headers.ContainsKey("RequestVerificationToken")
            && !(request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ?? false))
            return false;
        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return false;
        }
    }
}
