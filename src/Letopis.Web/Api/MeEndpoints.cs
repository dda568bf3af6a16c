using System.Text.Json.Nodes;
using Letopis.Core.Access;
using Letopis.Core.Data;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Api;

/// <summary>The signed-in user.</summary>
public sealed record MeResponse(
    Guid Id, string Login, string FullName, string? Email, Guid? DepartmentId, IReadOnlyList<string> Roles,
    string Culture, Guid? OnBehalfOfId, IReadOnlyList<DeputyshipDto> ActingFor, int Version);

public static class MeEndpoints
{
    public static void MapMeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").WithTags("Me").RequireAuthorization().WithProblems();
        group.MapGet("", GetMe);
        group.MapPatch("", PatchMe);
        group.MapGet("/api-tokens", ListTokens);
        group.MapPost("/api-tokens", IssueToken);
        group.MapDelete("/api-tokens/{id:guid}", RevokeToken);
    }

    internal static async Task<Ok<MeResponse>> GetMe(HttpContext http, LetopisDb db, CurrentActor actor, ListDeputyships deputies, CancellationToken ct)
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
                u.Version,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            })
            .SingleAsync(ct);
        var roles = me.Roles;
        var actingFor = await deputies.ActingForAsync(userId, ct);
        http.Response.SetETag(me.Version);
        return TypedResults.Ok(new MeResponse(me.Id, me.UserName!, me.FullName, me.Email, me.DepartmentId, roles,
            me.Culture, actor.OnBehalfOfId, actingFor, me.Version));
    }

    internal static async Task<Results<Ok<UserDto>, ProblemHttpResult>> PatchMe(
        JsonObject body, CurrentActor actor, UpdateOwnProfile handler, ProblemWriter problems, CancellationToken ct)
    {
        var request = new UpdateOwnProfileRequest(
            body.Field<string?>("fullName"), body.Field<string?>("email"), body.Field<string?>("culture"),
            body.Field<string?>("currentPassword").Value, body.Field<string?>("newPassword").Value);
        var result = await handler.HandleAsync(actor.UserId!.Value, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
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
