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
        group.MapPost("/token", IssueToken).AllowAnonymous();
    }

    internal static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest? request, UserManager<AppUser> users, SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, ProblemWriter problems)
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

        var user = await users.FindByNameAsync(request.Login.Trim());
        if (user is null || !user.IsActive)
            return TypedResults.Problem(problems.Create(StatusCodes.Status401Unauthorized, "invalid_credentials"));
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (check.IsLockedOut)
            return TypedResults.Problem(problems.Create(StatusCodes.Status401Unauthorized, "locked_out"));
        if (!check.Succeeded)
            return TypedResults.Problem(problems.Create(StatusCodes.Status401Unauthorized, "invalid_credentials"));

        var (token, expires) = await AuthSetup.IssueAccessTokenAsync(signIn, bearer, time, user);
        return TypedResults.Ok(new TokenResponse(token, expires));
    }
}
