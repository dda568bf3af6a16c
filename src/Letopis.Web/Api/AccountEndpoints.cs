using System.Security.Claims;
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
        UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(login) || string.IsNullOrEmpty(password))
            return Results.LocalRedirect($"/login?error=required&returnUrl={Uri.EscapeDataString(back)}");
        // A control character or a broken surrogate is in no login (and PostgreSQL cannot compare NUL).
        var user = IsPlainText(login) ? await users.FindByNameAsync(login.Trim()) : null;
        if (user is null || !user.IsActive)
            return Results.LocalRedirect($"/login?error=invalid&returnUrl={Uri.EscapeDataString(back)}");
        var result = await signIn.PasswordSignInAsync(user, password, remember ?? false, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return Results.LocalRedirect($"/login?error=locked&returnUrl={Uri.EscapeDataString(back)}");
        if (!result.Succeeded)
            return Results.LocalRedirect($"/login?error=invalid&returnUrl={Uri.EscapeDataString(back)}");
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
    /// Only local paths: an open redirect after sign-in would be a phishing aid. Control characters
    /// and broken surrogates are refused too (<c>LocalRedirect</c> would throw on them).
    /// </summary>
    private static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && IsPlainText(url)
            ? url
            : "/";

    private static bool IsPlainText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
                return false;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return false;
        }
        return true;
    }
}
