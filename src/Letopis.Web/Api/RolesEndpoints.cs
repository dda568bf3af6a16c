using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

public static class RolesEndpoints
{
    public static void MapRolesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/roles").WithTags("Roles").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists roles");
        group.MapPost("", Create)
            .WithSummary("Creates a role");
        group.MapDelete("/{id:guid}", Delete)
            .WithSummary("Deletes a custom role");
        group.MapGet("/{id:guid}/permissions", Permissions)
            .WithSummary("Reads a role's permission matrix");
        group.MapPut("/{id:guid}/permissions", SetPermissions)
            .WithSummary("Sets a role's permission matrix");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists a role's changes");
    }

    internal static async Task<Ok<List<RoleDto>>> List(ListRoles handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(ct));

    internal static async Task<Results<Created<RoleDto>, ProblemHttpResult>> Create(
        CreateRoleRequest request, CurrentActor actor, LetopisDb db, CreateRole handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(db, ct), request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/roles/{result.Value.Id}", result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, CurrentActor actor, LetopisDb db, DeleteRole handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(db, ct), id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<List<PermissionDto>>, ProblemHttpResult>> Permissions(
        Guid id, ListRoles handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.PermissionsAsync(id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<List<PermissionDto>>, ProblemHttpResult>> SetPermissions(
        Guid id, List<PermissionDto> cells, CurrentActor actor, LetopisDb db, SetRolePermissions handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(db, ct), id, cells, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        Guid id, int? page, int? pageSize, ListRoles roles, GetHistory history, ProblemWriter problems, CancellationToken ct)
    {
        if (!(await roles.PermissionsAsync(id, ct)).IsSuccess)
            return problems.Result(Error.NotFound());
        return TypedResults.Ok(await history.HandleAsync(EntityKinds.Role, id, PageRequest.From(page, pageSize), ct));
    }
}
