using System.ComponentModel;
using Letopis.Core.Common;
using Letopis.Core.Search;
using Letopis.Web.Auth;
using Letopis.Web.Components.Shared;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Api;

/// <summary>A found record.</summary>
/// <param name="Entity"><c>counterparty</c>, <c>contact</c> or <c>document</c> (a document found by the text of its files too).</param>
/// <param name="Id">Id of the record.</param>
/// <param name="Title">Its name; a document's type, number and title in the language of <c>Accept-Language</c>.</param>
/// <param name="Snippet">A line that tells it apart: ИНН, phone, e-mail; for a contact their position and counterparty;
/// for a document its counterparty, date (in the culture of <c>Accept-Language</c>) and summary, or the fragment of a file's text that matched.</param>
public sealed record SearchResultResponse(string Entity, Guid Id, string Title, string? Snippet);

public static class SearchEndpoints
{
    public static void MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/search").WithTags("Search").RequireAuthorization().WithProblems();
        group.MapGet("", Search)
            .WithSummary("Searches counterparties, contact persons, documents and file contents")
            .WithDescription("Words match in any grammatical form (Russian and English stemming) and the last word also as a prefix; "
                + "digits match the start of an ИНН/КПП/ОГРН and any run of four or more digits of a phone. Only records the caller may see, "
                + "best first. Counting stops after 1000: a total of 1001 means more than 1000, and pages end at the 1000th result. "
                + "A query without a word of two letters or a number of three digits is a 400 naming the field q.");
    }

    internal static async Task<Results<Ok<PageOf<SearchResultResponse>>, ProblemHttpResult>> Search(
        [Description("The words to find: at least one word of two letters or a number of three digits.")] string? q, int? page, int? pageSize, CurrentActor actor, SearchRecords handler, ProblemWriter problems,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), q, PageRequest.From(page, pageSize), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        var found = result.Value;
        return TypedResults.Ok(new PageOf<SearchResultResponse>(
            found.Items.Select(h => new SearchResultResponse(h.Entity, h.Id, SearchHitText.Title(text, h), SearchHitText.Snippet(h))).ToList(), found.Total, found.Page, found.PageSize));
    }
}
