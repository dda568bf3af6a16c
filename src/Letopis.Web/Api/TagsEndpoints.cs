using System.ComponentModel;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

public static class TagsEndpoints
{
    public static void MapTagsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tags").WithTags("Tags").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists the tags on counterparties the caller can see");
    }

    /// <summary>
    /// Tags for autocomplete: names starting with <paramref name="q"/>, alphabetically (page size
    /// default 20), only those used on a counterparty the caller may see.
    /// </summary>
    internal static async Task<Ok<PageOf<TagDto>>> List([Description("Text the tag starts with or contains.")] string? q, int? page, int? pageSize, CurrentActor actor, ListTags handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(await actor.AccessAsync(ct), q, PageRequest.From(page, pageSize ?? 20), ct));
}
