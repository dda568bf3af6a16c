using System.Security.Claims;
using System.Text.Encodings.Web;
using Letopis.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Auth;

/// <summary>Authenticates <c>Authorization: Bearer ltp_…</c> personal API tokens by their stored hash.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ManageApiTokens tokens,
    IUserClaimsPrincipalFactory<AppUser> principals,
    UserManager<AppUser> users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header[7..].Trim();
        var owner = await tokens.OwnerAsync(secret, Context.RequestAborted);
        if (owner is null)
            return AuthenticateResult.Fail("Unknown, revoked or expired API token.");
        var user = await users.FindByIdAsync(owner.UserId.ToString());
        if (user is null)
            return AuthenticateResult.Fail("Unknown user.");
        var principal = await principals.CreateAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("letopis:auth", "api-token"));
        if (owner.Scope is { } scope)
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(TokenScopeGuard.ScopeClaim, scope));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}
