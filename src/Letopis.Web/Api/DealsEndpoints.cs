using System.ComponentModel;
using System.Text.Json.Nodes;
using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Deals;
using Letopis.Core.History;
using Letopis.Web.Auth;
using Letopis.Web.Components.Shared;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Api;

/// <summary>A line item of a deal.</summary>
/// <param name="Name">What is sold.</param>
/// <param name="Quantity">Greater than 0, up to three decimals.</param>
/// <param name="Unit">Unit of measure («шт», «м²»).</param>
/// <param name="Price">The price of one unit with VAT, 0 or more, up to two decimals.</param>
/// <param name="VatRate">VAT percent: 0, 5, 7, 10, 20 or 22; null: without VAT.</param>
public sealed record DealItemRequest(string? Name, decimal? Quantity, string? Unit, decimal? Price, int? VatRate);

/// <summary>A new deal (also the shape of a merge patch: absent fields stay unchanged).</summary>
/// <param name="Title">What is being sold, to whom.</param>
/// <param name="PipelineId">The deal pipeline; on creation only.</param>
/// <param name="StageId">An open stage of the pipeline; by default its first. On creation only: later moves go through <c>POST /api/v1/deals/{id}/stage</c>.</param>
/// <param name="CompanyId">The client: a counterparty the caller may see.</param>
/// <param name="ContactIds">Contact persons the caller may see; the first is the main one. A patch replaces the list.</param>
/// <param name="Amount">With VAT; with items it is their sum and cannot be set.</param>
/// <param name="Currency">ISO 4217 code; <c>RUB</c> by default.</param>
/// <param name="ExpectedCloseOn">When the deal is expected to close.</param>
/// <param name="ResponsibleId">Responsible manager; defaults to the caller.</param>
/// <param name="SourceId">An <c>ad-sources</c> entry.</param>
/// <param name="Comment">Free text.</param>
/// <param name="Items">Line items; the amount becomes their sum. A patch replaces them all.</param>
public sealed record DealRequest(
    string? Title, Guid? PipelineId, Guid? StageId, Guid? CompanyId, IReadOnlyList<Guid>? ContactIds, decimal? Amount,
    string? Currency, DateOnly? ExpectedCloseOn, Guid? ResponsibleId, Guid? SourceId, string? Comment, IReadOnlyList<DealItemRequest>? Items)
{
    /// <summary>Custom field values by code (entity <c>deal</c>); in a patch, null clears a code and absent codes stay.</summary>
    public IReadOnlyDictionary<string, object?>? CustomFields { get; init; }

    /// <summary>The version read (patch only): a stale one gets 409.</summary>
    public int? Version { get; init; }
}

/// <summary>The new items of a deal.</summary>
/// <param name="Items">All the items; an empty list removes them.</param>
/// <param name="Version">The version read: a stale one gets 409.</param>
public sealed record DealItemsRequest(IReadOnlyList<DealItemRequest>? Items, int? Version);

/// <summary>A move of a deal.</summary>
/// <param name="StageId">The target stage: of the deal's pipeline, or of <c>pipelineId</c>.</param>
/// <param name="PipelineId">Another deal pipeline to move the deal to.</param>
/// <param name="LostReasonId">A <c>lost-reasons</c> entry; required by a lost stage.</param>
/// <param name="LostComment">Why it was lost, in words.</param>
/// <param name="Version">The version read: a stale one gets 409.</param>
public sealed record MoveDealBody(Guid? StageId, Guid? PipelineId, Guid? LostReasonId, string? LostComment, int? Version);

/// <summary>The filter of the deals list.</summary>
/// <param name="PipelineId">Only this pipeline's deals.</param>
/// <param name="StageId">Only the deals in this stage (of <c>pipelineId</c> when both are given).</param>
/// <param name="Status"><c>open</c>, <c>won</c> or <c>lost</c>.</param>
/// <param name="ResponsibleId">Only this manager's deals.</param>
/// <param name="Mine">true: only the caller's deals.</param>
/// <param name="CompanyId">Only this counterparty's deals.</param>
/// <param name="Q">Text in the title.</param>
public sealed record DealListQuery(
    [property: FromQuery(Name = "pipelineId"), Description("Only this pipeline's deals.")] Guid? PipelineId,
    [property: FromQuery(Name = "stageId"), Description("Only the deals in this stage (of pipelineId when both are given).")] Guid? StageId,
    [property: FromQuery(Name = "status"), Description("open, won or lost.")] string? Status,
    [property: FromQuery(Name = "responsibleId"), Description("Only this manager's deals.")] Guid? ResponsibleId,
    [property: FromQuery(Name = "mine"), Description("true: only the caller's deals.")] bool? Mine,
    [property: FromQuery(Name = "companyId"), Description("Only this counterparty's deals.")] Guid? CompanyId,
    [property: FromQuery(Name = "q"), Description("Text in the title.")] string? Q);

public static class DealsEndpoints
{
    public static void MapDealsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/deals").WithTags("Deals").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists deals by filter, newest first");
        group.MapPost("", Create).Accepts<DealRequest>("application/json")
            .WithSummary("Creates a deal");
        group.MapGet("/board", Board)
            .WithSummary("Reads a pipeline's kanban board: every column's count, sum and first cards");
        group.MapGet("/board/columns/{stageId:guid}", Column)
            .WithSummary("Reads the next cards of a board column");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a deal's card");
        group.MapPatch("/{id:guid}", Patch).Accepts<DealRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits a deal (JSON merge patch)");
        group.MapPut("/{id:guid}/items", PutItems).Accepts<DealItemsRequest>("application/json")
            .WithSummary("Replaces a deal's line items; its amount becomes their sum");
        group.MapDelete("/{id:guid}", Delete)
            .WithSummary("Deletes a deal; its documents stay, without the link");
        group.MapPost("/{id:guid}/stage", Move).Accepts<MoveDealBody>("application/json")
            .WithSummary("Moves a deal to a stage (won, lost, or another pipeline's)");
        group.MapGet("/{id:guid}/timeline", TimelineOf)
            .WithSummary("Lists a deal's timeline, newest first");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists a deal's field changes");
        group.MapGet("/{id:guid}/activities", Activities)
            .WithSummary("Lists a deal's activities, newest first");
        group.MapGet("/{id:guid}/documents", Documents)
            .WithSummary("Lists a deal's documents with their files count, newest first");

        app.MapGroup("/api/v1/counterparties").WithTags("Counterparties").RequireAuthorization().WithProblems()
            .MapGet("/{id:guid}/deals", OfCounterparty)
            .WithSummary("Lists a counterparty's deals, newest first");
    }

    internal static DealFields Fields(JsonObject body) => new()
    {
        Title = body.Field<string?>("title"),
        PipelineId = body.Field<Guid?>("pipelineId"),
        StageId = body.Field<Guid?>("stageId"),
        CompanyId = body.Field<Guid?>("companyId"),
        ContactIds = body.Field<IReadOnlyList<Guid>?>("contactIds"),
        Amount = body.Field<decimal?>("amount"),
        Currency = body.Field<string?>("currency"),
        ExpectedCloseOn = body.Field<DateOnly?>("expectedCloseOn"),
        ResponsibleId = body.Field<Guid?>("responsibleId"),
        SourceId = body.Field<Guid?>("sourceId"),
        Comment = body.Field<string?>("comment"),
        Items = Items(body.Field<IReadOnlyList<DealItemRequest?>?>("items")),
        CustomFields = body.CustomFields(),
    };

    private static Optional<IReadOnlyList<DealItemInput?>?> Items(Optional<IReadOnlyList<DealItemRequest?>?> items) =>
        items.HasValue
            ? new Optional<IReadOnlyList<DealItemInput?>?>(true, items.Value?.Select(i => i is null ? null : new DealItemInput(i.Name, i.Quantity, i.Unit, i.Price, i.VatRate)).ToList())
            : default;

    internal static async Task<Results<Ok<PageOf<DealCardDto>>, ProblemHttpResult>> List(
        [AsParameters] DealListQuery query, int? page, int? pageSize, CurrentActor actor, ListDeals handler, ProblemWriter problems, CancellationToken ct)
    {
        var filter = new DealFilter(query.PipelineId, query.StageId, query.Status, query.ResponsibleId, query.Mine == true, query.CompanyId, query.Q);
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), filter, PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Created<DealDto>, ProblemHttpResult>> Create(
        JsonObject body, HttpContext http, CurrentActor actor, CreateDeal handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), Fields(body), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Created($"/api/v1/deals/{result.Value.Id}", result.Value);
    }

    internal static async Task<Results<Ok<DealDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CurrentActor actor, ReadDeal handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<DealDto>, ProblemHttpResult>> Patch(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, UpdateDeal handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, Fields(body), body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<DealDto>, ProblemHttpResult>> PutItems(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, UpdateDeal handler, ProblemWriter problems, CancellationToken ct)
    {
        var items = Items(body.Field<IReadOnlyList<DealItemRequest?>?>("items"));
        var result = await handler.ReplaceItemsAsync(await actor.AccessAsync(ct), id, items.Value ?? [], body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, CurrentActor actor, UpdateDeal handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DeleteAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<DealDto>, ProblemHttpResult>> Move(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, MoveDeal handler, ProblemWriter problems, CancellationToken ct)
    {
        var request = new MoveDealRequest(
            body.Field<Guid?>("stageId").Or(null), body.Field<Guid?>("pipelineId").Or(null),
            body.Field<Guid?>("lostReasonId").Or(null), body.Field<string?>("lostComment").Or(null));
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request, body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<DealBoardDto>, ProblemHttpResult>> Board(
        [Description("The deal pipeline; by default the first one not archived.")] Guid? pipelineId,
        [Description("Only this manager's deals.")] Guid? responsibleId,
        [Description("true: only the caller's deals.")] bool? mine,
        [Description("Cards per column (default 20, at most 100).")] int? take,
        CurrentActor actor, ReadDealBoard handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), pipelineId, responsibleId, mine == true, take, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<List<DealCardDto>>, ProblemHttpResult>> Column(
        Guid stageId,
        [Description("The id of the last card shown; the next cards follow it.")] Guid? after,
        [Description("Only this manager's deals.")] Guid? responsibleId,
        [Description("true: only the caller's deals.")] bool? mine,
        [Description("Cards to read (default 20, at most 100).")] int? take,
        CurrentActor actor, ReadDealBoard handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ColumnAsync(await actor.AccessAsync(ct), stageId, after, responsibleId, mine == true, take, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<TimelineEntryResponse>>, ProblemHttpResult>> TimelineOf(
        Guid id, int? page, int? pageSize, CurrentActor actor, ReadDealRecords handler, IStringLocalizer<SharedResource> text,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.TimelineAsync(await actor.AccessAsync(ct), id, PageRequest.From(page, pageSize), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        var p = result.Value;
        var items = p.Items.Select(i => new TimelineEntryResponse(i.Id, i.At, i.Kind, TimelineText.Title(text, i), i.Text, i.UserId,
            i.UserName, i.OnBehalfOfName, i.EntityKind, i.EntityId, TimelineLines.Link(i), TimelineFilters.Of(i.Kind))).ToList();
        return TypedResults.Ok(new PageOf<TimelineEntryResponse>(items, p.Total, p.Page, p.PageSize));
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        Guid id, int? page, int? pageSize, CurrentActor actor, ReadDealRecords handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HistoryAsync(await actor.AccessAsync(ct), id, PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<ActivityDto>>, ProblemHttpResult>> Activities(
        Guid id, int? page, int? pageSize, CurrentActor actor, ReadDealRecords handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ActivitiesAsync(await actor.AccessAsync(ct), id, PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<DealDocumentDto>>, ProblemHttpResult>> Documents(
        Guid id, int? page, int? pageSize, CurrentActor actor, ReadDealRecords handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DocumentsAsync(await actor.AccessAsync(ct), id, PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<DealCardDto>>, ProblemHttpResult>> OfCounterparty(
        Guid id, int? page, int? pageSize, CurrentActor actor, ListDeals handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.OfCompanyAsync(await actor.AccessAsync(ct), id, PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }
}
