using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>A new reference-book entry.</summary>
/// <param name="Name">The entry's name, unique within its book.</param>
public sealed record ReferenceItemRequest(string? Name);

public static class ReferenceEndpoints
{
    public static void MapReferenceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reference/{book}").WithTags("Reference books").RequireAuthorization().WithProblems();
        group.MapGet("", List);
        group.MapPost("", Create);
        group.MapPatch("/{id:guid}", Patch);
        group.MapDelete("/{id:guid}", Delete);
    }

    internal static async Task<Results<Ok<PageOf<ReferenceItemDto>>, ProblemHttpResult>> List(
        string book, bool? includeArchived, ManageReferenceBooks handler, ProblemWriter problems, CancellationToken ct)
    {
        if (!ReferenceItem.Slugs.TryGetValue(book, out var kind))
            return problems.Result(Error.NotFound());
        var items = await handler.ListAsync(kind, includeArchived ?? false, ct);
        return TypedResults.Ok(new PageOf<ReferenceItemDto>(items, items.Count, 1, Math.Max(1, items.Count)));
    }

    internal static async Task<Results<Created<ReferenceItemDto>, ProblemHttpResult>> Create(
        string book, ReferenceItemRequest request, CurrentActor actor, ManageReferenceBooks handler, ProblemWriter problems, CancellationToken ct)
    {
        if (!ReferenceItem.Slugs.TryGetValue(book, out var kind))
            return problems.Result(Error.NotFound());
        var result = await handler.CreateAsync(await actor.AccessAsync(ct), kind, request.Name, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/reference/{book}/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ReferenceItemDto>, ProblemHttpResult>> Patch(
        string book, Guid id, JsonObject body, CurrentActor actor, ManageReferenceBooks handler, ProblemWriter problems, CancellationToken ct)
    {
        if (!ReferenceItem.Slugs.TryGetValue(book, out var kind))
            return problems.Result(Error.NotFound());
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), kind, id, body.Field<string?>("name"), body.Field<bool?>("isArchived"), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string book, Guid id, CurrentActor actor, ManageReferenceBooks handler, ProblemWriter problems, CancellationToken ct)
    {
        if (!ReferenceItem.Slugs.TryGetValue(book, out var kind))
            return problems.Result(Error.NotFound());
        var result = await handler.DeleteAsync(await actor.AccessAsync(ct), kind, id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }
}
