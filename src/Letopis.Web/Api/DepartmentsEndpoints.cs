using System.Text.Json.Nodes;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

public static class DepartmentsEndpoints
{
    public static void MapDepartmentsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/departments").WithTags("Departments").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists departments");
        group.MapPost("", Create)
            .WithSummary("Creates a department");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a department");
        group.MapPatch("/{id:guid}", Patch)
            .WithSummary("Edits a department (JSON merge patch)");
        group.MapDelete("/{id:guid}", Delete)
            .WithSummary("Deletes a department");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists a department's changes");
    }

    internal static async Task<Ok<PageOf<DepartmentDto>>> List(ListDepartments handler, CancellationToken ct)
    {
        var all = await handler.HandleAsync(ct);
        return TypedResults.Ok(new PageOf<DepartmentDto>(all, all.Count, 1, Math.Max(all.Count, 1)));
    }

    internal static async Task<Results<Ok<DepartmentDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, ListDepartments handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Created<DepartmentDto>, ProblemHttpResult>> Create(
        CreateDepartmentRequest request, CurrentActor actor, LetopisDb db, CreateDepartment handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(db, ct), request, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/departments/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<DepartmentDto>, ProblemHttpResult>> Patch(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, LetopisDb db, UpdateDepartment handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var request = new UpdateDepartmentRequest(
            body.Field<string?>("name"), body.Field<Guid?>("parentId"), body.Field<Guid?>("headId"),
            body.VersionField(), http.Request.IfMatchVersion());
        var result = await handler.HandleAsync(await actor.AccessAsync(db, ct), id, request, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, CurrentActor actor, LetopisDb db, DeleteDepartment handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(db, ct), id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        Guid id, int? page, int? pageSize, ListDepartments departments, GetHistory history, ProblemWriter problems, CancellationToken ct)
    {
        if (!(await departments.GetAsync(id, ct)).IsSuccess)
            return problems.Result(Error.NotFound());
        return TypedResults.Ok(await history.HandleAsync(EntityKinds.Department, id, PageRequest.From(page, pageSize), ct));
    }
}
