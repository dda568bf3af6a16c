using System.ComponentModel;
using System.Text.Json.Nodes;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

public static class UsersEndpoints
{
    public static void MapUsersEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists users");
        group.MapPost("", Create)
            .WithSummary("Creates a user");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a user");
        group.MapPatch("/{id:guid}", Patch)
            .WithSummary("Edits a user (JSON merge patch)");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists a user's changes (roles, department)");
    }

    internal static async Task<Ok<PageOf<UserDto>>> List(
        [Description("Text in the full name, login or e-mail.")] string? q, [Description("Only users of this department.")] Guid? departmentId, [Description("true: only active accounts; false: only deactivated ones.")] bool? active, int? page, int? pageSize, ListUsers handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(q, departmentId, active, PageRequest.From(page, pageSize), ct));

    internal static async Task<Results<Ok<UserDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, ListUsers handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Created<UserDto>, ProblemHttpResult>> Create(
        CreateUserRequest request, CurrentActor actor, LetopisDb db, CreateUser handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(db, ct), request, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/users/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<UserDto>, ProblemHttpResult>> Patch(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, LetopisDb db, UpdateUser handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var request = new UpdateUserRequest(
            body.Field<string?>("fullName"), body.Field<string?>("email"), body.Field<Guid?>("departmentId"),
            body.Field<IReadOnlyList<string>?>("roles"), body.Field<bool?>("isActive"), body.Field<string?>("culture"),
            body.Field<string?>("password"), body.VersionField(), http.Request.IfMatchVersion(), body.Field<string?>("timeZone"),
            RevokeApiTokens: body.Field<bool?>("revokeApiTokens").Value ?? false, Position: body.Field<string?>("position"));
        var result = await handler.HandleAsync(await actor.AccessAsync(db, ct), id, request, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    /// <summary>
    /// A user's change history: for administrators, the heads above the user, and the user themself;
    /// anyone else gets 404.
    /// </summary>
    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        Guid id, int? page, int? pageSize, CurrentActor actor, LetopisDb db, ReadUserHistory handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(db, ct), id, PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }
}
