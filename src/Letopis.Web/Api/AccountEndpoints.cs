using System.Globalization;
using System.Security.Claims;
using System.Text;
using Letopis.Core.Access;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Api;

/// <summary>The UI's form posts: sign in and out with the cookie, and choose the language.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription();
        group.MapPost("/login", Login).AllowAnonymous();
        group.MapPost("/logout", Logout);
        group.MapGet("/culture", SetCulture).AllowAnonymous();
        group.MapGet("/renew", Renew).AllowAnonymous();
    }

    internal static async Task<IResult> Login(
        [FromForm] string? login, [FromForm] string? password, [FromForm] string? returnUrl, [FromForm] bool? remember,
        CheckPassword check, SignInManager<AppUser> signIn, CancellationToken ct)
    {
        var back = SafeReturnUrl(returnUrl);
        // The login comes back filled in, so that a mistyped password costs only the password; only
        // something shaped like a login is sent back, never stray bytes.
        var again = login?.Trim() is { Length: >= 2 and <= 64 } typed && typed.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@')
            ? "&login=" + Uri.EscapeDataString(typed)
            : "";
        if (string.IsNullOrWhiteSpace(login) || string.IsNullOrEmpty(password))
            return Results.LocalRedirect($"/login?error=required&returnUrl={Uri.EscapeDataString(back)}{again}");
        // Unknown logins are counted and locked like real ones (see CheckPassword): both messages
        // are shown alike whether or not the login exists.
        var result = await check.HandleAsync(login, password, ct);
        if (result.User is not { } user)
            return Results.LocalRedirect($"/login?error={(result.LockedOut ? "locked" : "invalid")}&returnUrl={Uri.EscapeDataString(back)}{again}");
        await signIn.SignInWithClaimsAsync(user, remember ?? false, [new Claim("amr", "pwd")]);
        return Results.LocalRedirect(back);
    }

    internal static async Task<IResult> Logout(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/login");
    }

    /// <summary>
    /// After the user changed their own password on the profile page: the cookie this browser holds
    /// was issued under the old stamp, so it gets one under the new stamp (see <see cref="SignInRenewal"/>).
    /// </summary>
    internal static async Task<IResult> Renew(
        string? note, string? returnUrl, HttpContext http, SignInRenewal renewal, UserManager<AppUser> users, SignInManager<AppUser> signIn,
        IOptionsMonitor<CookieAuthenticationOptions> cookies, TimeProvider time)
    {
        var back = SafeReturnUrl(returnUrl);
        // The previous cookie is read as it is: its stamp has moved, which is why it is being renewed.
        var options = cookies.Get(IdentityConstants.ApplicationScheme);
        var previous = options.CookieManager.GetRequestCookie(http, options.Cookie.Name!) is { } raw ? options.TicketDataFormat.Unprotect(raw) : null;
        if (renewal.Read(note) is not { } renewed
            || previous?.Principal.FindFirstValue(ClaimTypes.NameIdentifier) != renewed.UserId.ToString()
            || previous.Properties.ExpiresUtc is not { } expires || expires <= time.GetUtcNow()
            || await users.FindByIdAsync(renewed.UserId.ToString()) is not { IsActive: true } user
            || user.SecurityStamp != renewed.SecurityStamp)
        {
            // Nothing changes: the page it goes back to decides (a cookie under an old stamp is dropped there),
            // and a note sent in a link cannot sign anyone out.
            return Results.LocalRedirect(back);
        }
        await signIn.SignInAsync(user, previous.Properties.IsPersistent);
        return Results.LocalRedirect(back);
    }

    internal static IResult SetCulture(string? culture, string? returnUrl, HttpContext http)
    {
        var chosen = culture == "en" ? "en-US" : "ru-RU";
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
        return Results.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    /// <summary>
    /// Where to send the browser after signing in or choosing the language: any path of this site,
    /// and nothing else, since an open redirect after sign-in would be a phishing aid. Browsers drop
    /// tabs and line breaks from a URL and read a backslash as a slash, so <c>/\t/evil</c> and
    /// <c>/\evil</c> would lead off the site: an address with a control character or starting with
    /// <c>//</c> or <c>/\</c> goes home. Characters outside ASCII are percent-encoded (UTF-8), as a
    /// browser would, because a Location header carries ASCII only.
    /// </summary>
    internal static string SafeReturnUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || (url.Length > 1 && url[1] is '/' or '\\'))
            return "/";
        var local = new StringBuilder(url.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
                return "/";
            if (rune.Value is > ' ' and < 0x7F)
            {
                local.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
                local.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return local.ToString();
    }
}
