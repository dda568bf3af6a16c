using Letopis.Core.Access;
using Letopis.Core.Data;
using Letopis.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Auth;

/// <summary>
/// One default scheme that picks per request: a personal API token (<c>Bearer ltp_…</c>), an
/// access token from <c>POST /api/v1/auth/token</c> (<c>Bearer …</c>), or the UI's cookie.
/// </summary>
public static class AuthSetup
{
    public const string DefaultScheme = "Letopis";
    public const string ApiTokenScheme = "LetopisApiToken";

    public static IServiceCollection AddLetopisAuth(this IServiceCollection services, LetopisOptions options)
    {
        services.AddIdentity<AppUser, AppRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddEntityFrameworkStores<LetopisDb>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = ".Letopis.Auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/login";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            // The API never redirects to a login page: it answers 401/403 problems.
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = DefaultScheme;
                o.DefaultChallengeScheme = DefaultScheme;
                o.DefaultAuthenticateScheme = DefaultScheme;
            })
            .AddPolicyScheme(DefaultScheme, DefaultScheme, o => o.ForwardDefaultSelector = SelectScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = options.AccessTokenLifetime;
                // Browsers cannot set headers on WebSockets: SignalR sends the token in the query
                // string, which is accepted on the hubs only (elsewhere it would leak into logs and links).
                o.Events.OnMessageReceived = ctx =>
                {
                    if (ctx.Request.Path.StartsWithSegments("/hubs") && ctx.Request.Query["access_token"] is { Count: 1 } token)
                        ctx.Token = token.ToString();
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenScheme, null);

        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<CurrentActor>();
        services.AddScoped<Components.Shared.ViewerClock>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<CurrentActor>());
        services.AddScoped<UiActions>();
        services.AddScoped<ActorCircuitHandler>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<ActorCircuitHandler>());
        services.AddSingleton<SignInRenewal>();
        return services;
    }

    private static string SelectScheme(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization;
        if (header is null && context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.ContainsKey("access_token"))
            return IdentityConstants.BearerScheme;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header.AsSpan(7).TrimStart().StartsWith(ApiToken.Prefix, StringComparison.Ordinal)
                ? ApiTokenScheme
                : IdentityConstants.BearerScheme;
        }
        return IdentityConstants.ApplicationScheme;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Issues an access token for a user, the same kind the bearer handler reads back.</summary>
    public static async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAccessTokenAsync(
        SignInManager<AppUser> signIn, IOptionsMonitor<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions> bearer,
        TimeProvider time, AppUser user)
    {
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var expires = time.GetUtcNow() + options.BearerTokenExpiration;
        var properties = new AuthenticationProperties { IssuedUtc = time.GetUtcNow(), ExpiresUtc = expires };
        var ticket = new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme);
        return (options.BearerTokenProtector.Protect(ticket), expires);
    }
}
