using Letopis.Core.Crm;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

public static class MergeEndpoints
{
    /// <summary>
    /// <c>POST /api/v1/counterparties/{id}/merge</c> <c>{"duplicateId","takeFields"?,"version"?}</c>: the card
    /// <c>{id}</c> survives and absorbs the duplicate, which is deleted.
    /// </summary>
    public static void MapMergeEndpoint(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/merge", Merge)
            .WithSummary("Merges duplicate counterparties into this one");
        group.MapGet("/merge-fields", (MergeCounterparties handler) => TypedResults.Ok(handler.MergeableFields()))
            .WithSummary("Lists the counterparty fields a merge can take from a duplicate");
    }

    internal static async Task<Results<Ok<CounterpartyDto>, ProblemHttpResult>> Merge(
        Guid id, MergeCounterpartiesRequest request, HttpContext http, CurrentActor actor, MergeCounterparties handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request, http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }
}
