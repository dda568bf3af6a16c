using Letopis.Core.Access;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Api;

/// <summary>Credentials for an access token.</summary>
/// <param name="Login">The user's login.</param>
/// <param name="Password">The user's password.</param>
public sealed record TokenRequest(string? Login, string? Password);

/// <summary>A bearer token for <c>Authorization: Bearer …</c>.</summary>
public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth").WithProblems();
        group.MapPost("/token", IssueToken).AllowAnonymous()
            .WithSummary("Signs in with login and password and returns an access token");
    }

    internal static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest? request, CheckPassword check, SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, ProblemWriter problems, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.Login) || string.IsNullOrEmpty(request.Password))
        {
            var fields = new List<(string, string)>();
            if (string.IsNullOrWhiteSpace(request?.Login))
                fields.Add(("login", Core.Common.FieldErrors.Required));
            if (string.IsNullOrEmpty(request?.Password))
                fields.Add(("password", Core.Common.FieldErrors.Required));
            return problems.Result(Core.Common.Error.Validation([.. fields]));
        }

        // Unknown logins are counted and locked like real ones (see CheckPassword), so neither
        // "invalid_credentials" nor "locked_out" tells whether a login exists.
        var result = await check.HandleAsync(request.Login, request.Password, ct);
        if (result.User is not { } user)
            return TypedResults.Problem(problems.Create(StatusCodes.Status401Unauthorized, result.ErrorCode));

        var (token, expires) = await AuthSetup.IssueAccessTokenAsync(signIn, bearer, time, user);
        return TypedResults.Ok(new TokenResponse(token, expires));
    }
}
