using System.Text.Json.Nodes;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Api;

/// <summary>The signed-in user.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Login">The sign-in name.</param>
/// <param name="FullName">Full name as colleagues see it.</param>
/// <param name="Email">Where reminders are e-mailed.</param>
/// <param name="DepartmentId">The user's department.</param>
/// <param name="Roles">Role names.</param>
/// <param name="Culture">UI and e-mail language: <c>ru</c> or <c>en</c>.</param>
/// <param name="OnBehalfOfId">The absent colleague this request acts for (<c>X-On-Behalf-Of</c>).</param>
/// <param name="ActingFor">The colleagues the user currently stands in for.</param>
/// <param name="Version">The profile's version.</param>
/// <param name="TimeZone">The IANA time zone the user chose; null: the company's.</param>
/// <param name="CompanyTimeZone">The company's zone (<c>Letopis:TimeZone</c>), the user's when they chose none.</param>
public sealed record MeResponse(
    Guid Id, string Login, string FullName, string? Email, Guid? DepartmentId, IReadOnlyList<string> Roles,
    string Culture, Guid? OnBehalfOfId, IReadOnlyList<DeputyshipDto> ActingFor, int Version,
    string? TimeZone, string CompanyTimeZone);

public static class MeEndpoints
{
    public static void MapMeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").WithTags("Me").RequireAuthorization().WithProblems();
        group.MapGet("", GetMe)
            .WithSummary("Reads the caller's own account");
        group.MapPatch("", PatchMe)
            .WithSummary("Edits the caller's own profile (JSON merge patch)");
        group.MapGet("/api-tokens", ListTokens)
            .WithSummary("Lists the caller's personal API tokens");
        group.MapPost("/api-tokens", IssueToken)
            .WithSummary("Issues a personal API token (its secret is shown once)");
        group.MapDelete("/api-tokens/{id:guid}", RevokeToken)
            .WithSummary("Revokes one of the caller's personal API tokens");
    }

    internal static async Task<Ok<MeResponse>> GetMe(
        HttpContext http, LetopisDb db, CurrentActor actor, ListDeputyships deputies, CompanyTimeZone company, CancellationToken ct)
    {
        var userId = actor.UserId!.Value;
        var me = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.FullName,
                u.Email,
                u.DepartmentId,
                u.Culture,
                u.TimeZone,
                u.Version,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            })
            .SingleAsync(ct);
        var roles = me.Roles;
        var actingFor = await deputies.ActingForAsync(userId, ct);
        http.Response.SetETag(me.Version);
        return TypedResults.Ok(new MeResponse(me.Id, me.UserName!, me.FullName, me.Email, me.DepartmentId, roles,
            me.Culture, actor.OnBehalfOfId, actingFor, me.Version, me.TimeZone, company.Zone.Id));
    }

    internal static async Task<Results<Ok<UserDto>, ProblemHttpResult>> PatchMe(
        JsonObject body, HttpContext http, CurrentActor actor, UpdateOwnProfile handler, UserManager<AppUser> users,
        SignInManager<AppUser> signIn, ProblemWriter problems, CancellationToken ct)
    {
        var request = new UpdateOwnProfileRequest(
            body.Field<string?>("fullName"), body.Field<string?>("email"), body.Field<string?>("culture"),
            body.Field<string?>("currentPassword").Value, body.Field<string?>("newPassword").Value, body.Field<string?>("timeZone"));
        var result = await handler.SaveAsync(actor.UserId!.Value, request, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        // A new password ends every earlier sign-in. A browser calling with its cookie keeps going on a
        // cookie under the new stamp; an access token ends with the rest (the caller knows the new password).
        if (result.Value.NewSecurityStamp is not null && http.Request.Headers.Authorization.Count == 0
            && await users.FindByIdAsync(actor.UserId.Value.ToString()) is { } user)
            await signIn.RefreshSignInAsync(user);
        return TypedResults.Ok(result.Value.User);
    }

    internal static async Task<Ok<List<ApiTokenDto>>> ListTokens(CurrentActor actor, ManageApiTokens tokens, CancellationToken ct) =>
        TypedResults.Ok(await tokens.ListAsync(actor.UserId!.Value, ct));

    internal static async Task<Results<Created<IssuedApiToken>, ProblemHttpResult>> IssueToken(
        IssueApiTokenRequest request, CurrentActor actor, ManageApiTokens tokens, ProblemWriter problems, CancellationToken ct)
    {
        var result = await tokens.IssueAsync(actor.UserId!.Value, request, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/me/api-tokens/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(
        Guid id, CurrentActor actor, ManageApiTokens tokens, ProblemWriter problems, CancellationToken ct)
    {
        var result = await tokens.RevokeAsync(actor.UserId!.Value, id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }
}
