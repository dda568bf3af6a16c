using Letopis.Core.Common;
using Letopis.Core.Search;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>A found record.</summary>
/// <param name="Entity"><c>counterparty</c>, <c>contact</c> or <c>document</c>.</param>
/// <param name="Id">Id of the record.</param>
/// <param name="Title">Its name.</param>
/// <param name="Snippet">A line that tells it apart: ИНН, phone, e-mail; for a contact their position and counterparty.</param>
public sealed record SearchResultResponse(string Entity, Guid Id, string Title, string? Snippet);

public static class SearchEndpoints
{
    public static void MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/search").WithTags("Search").RequireAuthorization().WithProblems();
        group.MapGet("", Search)
            .WithSummary("Searches counterparties and contact persons")
            .WithDescription("Words match in any grammatical form (Russian and English stemming) and the last word also as a prefix; "
                + "digits match the start of an ИНН/КПП/ОГРН and any run of four or more digits of a phone. Only records the caller may see, "
                + "best first. Counting stops after 1000: a total of 1001 means more than 1000, and pages end at the 1000th result. "
                + "A query without a word of two letters or a number of three digits is a 400 naming the field q.");
    }

    internal static async Task<Results<Ok<PageOf<SearchResultResponse>>, ProblemHttpResult>> Search(
        string? q, int? page, int? pageSize, CurrentActor actor, SearchRecords handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), q, PageRequest.From(page, pageSize), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        var found = result.Value;
        return TypedResults.Ok(new PageOf<SearchResultResponse>(
            found.Items.Select(h => new SearchResultResponse(h.Entity, h.Id, h.Title, h.Snippet)).ToList(), found.Total, found.Page, found.PageSize));
    }
}
