using System.ComponentModel;
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
        group.MapGet("", List)
            .WithSummary("Lists the entries of a reference book");
        group.MapPost("", Create)
            .WithSummary("Adds an entry to a reference book");
        group.MapPatch("/{id:guid}", Patch)
            .WithSummary("Renames an entry of a reference book");
        group.MapDelete("/{id:guid}", Delete)
            .WithSummary("Deletes an entry of a reference book");
    }

    internal static async Task<Results<Ok<PageOf<ReferenceItemDto>>, ProblemHttpResult>> List(
        [Description("The reference book: regions, categories, groups, activity-types or ad-sources.")] string book, [Description("Also list archived entries.")] bool? includeArchived, ManageReferenceBooks handler, ProblemWriter problems, CancellationToken ct)
    {
        if (!ReferenceItem.Slugs.TryGetValue(book, out var kind))
            return problems.Result(Error.NotFound());
        var items = await handler.ListAsync(kind, includeArchived ?? false, ct);
        return TypedResults.Ok(new PageOf<ReferenceItemDto>(items, items.Count, 1, Math.Max(1, items.Count)));
    }

    internal static async Task<Results<Created<ReferenceItemDto>, ProblemHttpResult>> Create(
        [Description("The reference book: regions, categories, groups, activity-types or ad-sources.")] string book, ReferenceItemRequest request, CurrentActor actor, ManageReferenceBooks handler, ProblemWriter problems, CancellationToken ct)
    {
        if (!ReferenceItem.Slugs.TryGetValue(book, out var kind))
            return problems.Result(Error.NotFound());
        var result = await handler.CreateAsync(await actor.AccessAsync(ct), kind, request.Name, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/reference/{book}/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ReferenceItemDto>, ProblemHttpResult>> Patch(
        [Description("The reference book: regions, categories, groups, activity-types or ad-sources.")] string book, Guid id, JsonObject body, CurrentActor actor, ManageReferenceBooks handler, ProblemWriter problems, CancellationToken ct)
    {
        if (!ReferenceItem.Slugs.TryGetValue(book, out var kind))
            return problems.Result(Error.NotFound());
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), kind, id, body.Field<string?>("name"), body.Field<bool?>("isArchived"), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        [Description("The reference book: regions, categories, groups, activity-types or ad-sources.")] string book, Guid id, CurrentActor actor, ManageReferenceBooks handler, ProblemWriter problems, CancellationToken ct)
    {
        if (!ReferenceItem.Slugs.TryGetValue(book, out var kind))
            return problems.Result(Error.NotFound());
        var result = await handler.DeleteAsync(await actor.AccessAsync(ct), kind, id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }
}
