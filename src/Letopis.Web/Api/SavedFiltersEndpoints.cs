using System.ComponentModel;
using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>A saved filter (also the shape of a merge patch: absent fields stay unchanged).</summary>
/// <param name="Entity">The list it belongs to: <c>counterparty</c>. Only on create.</param>
/// <param name="Name">The name in the «Мои фильтры» menu, unique among the owner's filters of the list.</param>
/// <param name="Query">The list's query string, e.g. <c>regionId=…&amp;tag=VIP&amp;sort=-createdAt</c>; paging is dropped.</param>
/// <param name="IsShared">Everyone sees a shared filter; only its owner changes or deletes it.</param>
public sealed record SavedFilterRequest(string? Entity, string? Name, string? Query, bool? IsShared);

public static class SavedFiltersEndpoints
{
    public static void MapSavedFiltersEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/saved-filters").WithTags("Saved filters").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists the caller's saved filters");
        group.MapPost("", Create).Accepts<SavedFilterRequest>("application/json")
            .WithSummary("Saves a filter");
        group.MapPatch("/{id:guid}", Patch).Accepts<SavedFilterRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits a saved filter (JSON merge patch)");
        group.MapDelete("/{id:guid}", Delete)
            .WithSummary("Deletes a saved filter");
    }

    private static SavedFilterFields Fields(JsonObject body) =>
        new(body.Field<string?>("name"), body.Field<string?>("query"), body.Field<bool?>("isShared"));

    /// <summary>The caller's own filters of the list, then those others share.</summary>
    internal static async Task<Results<Ok<PageOf<SavedFilterDto>>, ProblemHttpResult>> List(
        [Description("Only filters of this list (for example counterparties).")] string? entity, CurrentActor actor, ManageSavedFilters handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListAsync(await actor.AccessAsync(ct), entity, ct);
        return result.IsSuccess
            ? TypedResults.Ok(new PageOf<SavedFilterDto>(result.Value, result.Value.Count, 1, Math.Max(1, result.Value.Count)))
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Created<SavedFilterDto>, ProblemHttpResult>> Create(
        JsonObject body, CurrentActor actor, ManageSavedFilters handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.CreateAsync(await actor.AccessAsync(ct), body.Field<string?>("entity").Value, Fields(body), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/saved-filters/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    /// <summary>Renames, re-points or shares a filter: the owner only (someone else's shared filter → 403).</summary>
    internal static async Task<Results<Ok<SavedFilterDto>, ProblemHttpResult>> Patch(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, ManageSavedFilters handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), id, Fields(body), body.VersionField(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, CurrentActor actor, ManageSavedFilters handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DeleteAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }
}
