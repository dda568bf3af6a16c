using System.ComponentModel;
using System.Text.Json.Nodes;
using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.History;
using Letopis.Core.Leads;
using Letopis.Web.Auth;
using Letopis.Web.Components.Shared;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Api;

/// <summary>A new lead (also the shape of a merge patch: absent fields stay unchanged).</summary>
/// <param name="Title">What the lead is about («Заявка с сайта: окна в офис»); required.</param>
/// <param name="SourceId">Entry of the <c>ad-sources</c> reference book.</param>
/// <param name="ContactName">The person's name as they gave it.</param>
/// <param name="Phone">Any common notation; stored in E.164, Russia assumed without a country code.</param>
/// <param name="Email">E-mail address.</param>
/// <param name="CompanyName">The company's name as the lead gave it.</param>
/// <param name="Inn">ИНН: 10 or 12 digits; checksum verified.</param>
/// <param name="Comment">Free text: the request, the call's summary.</param>
/// <param name="ResponsibleId">Responsible manager; defaults to the caller.</param>
/// <param name="StageId">An open stage of the lead pipeline; defaults to the first.</param>
public sealed record LeadRequest(
    string? Title, Guid? SourceId, string? ContactName, string? Phone, string? Email, string? CompanyName, string? Inn,
    string? Comment, Guid? ResponsibleId, Guid? StageId)
{
    /// <summary>Custom field values by code (see <c>/api/v1/custom-fields</c>, entity <c>lead</c>); in a patch, null clears a code.</summary>
    public IReadOnlyDictionary<string, object?>? CustomFields { get; init; }
}

/// <summary>A move of a lead to another stage.</summary>
/// <param name="StageId">An open stage of the lead pipeline.</param>
/// <param name="Version">The version the caller read; a stale one is refused with 409.</param>
public sealed record MoveLeadRequest(Guid? StageId, int? Version);

/// <summary>The junk outcome of a lead.</summary>
/// <param name="ReasonId">Entry of the <c>junk-reasons</c> reference book.</param>
/// <param name="Reason">A free comment; at least one of <c>reasonId</c> and <c>reason</c> is required.</param>
/// <param name="Version">The version the caller read; a stale one is refused with 409.</param>
public sealed record JunkLeadRequest(Guid? ReasonId, string? Reason, int? Version);

/// <summary>The leads list's filters.</summary>
public sealed record LeadListQuery(
    [property: FromQuery(Name = "q"), Description("Title, company or contact name fragment, or an exact phone, e-mail or ИНН.")] string? Q,
    [property: FromQuery(Name = "stageId"), Description("Only leads in this stage.")] Guid? StageId,
    [property: FromQuery(Name = "status"), Description("open, converted or junk.")] string? Status,
    [property: FromQuery(Name = "responsibleId"), Description("Only leads of this responsible manager.")] Guid? ResponsibleId,
    [property: FromQuery(Name = "mine"), Description("true: only the caller's own leads.")] bool? Mine,
    [property: FromQuery(Name = "sourceId"), Description("Entry of the ad-sources reference book.")] Guid? SourceId,
    [property: FromQuery(Name = "repeat"), Description("true: only repeat leads; false: only leads of new clients.")] bool? Repeat,
    [property: FromQuery(Name = "createdFrom"), Description("Created at or after this instant.")] DateTime? CreatedFrom,
    [property: FromQuery(Name = "createdTo"), Description("Created before this instant.")] DateTime? CreatedTo);

public static class LeadsEndpoints
{
    public static void MapLeadsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/leads").WithTags("Leads").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists leads by filter, newest first");
        group.MapPost("", Create).Accepts<LeadRequest>("application/json")
            .WithSummary("Creates a lead, or merges a repeated request of the last minute into its lead");
        group.MapGet("/board", Board)
            .WithSummary("Reads the leads board: every stage with its count and first cards");
        group.MapGet("/board/columns/{stageId:guid}", Column)
            .WithSummary("Reads more cards of one column of the leads board");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a lead");
        group.MapPatch("/{id:guid}", Patch).Accepts<LeadRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits a lead (JSON merge patch)");
        group.MapDelete("/{id:guid}", Delete)
            .WithSummary("Deletes a lead");
        group.MapPost("/{id:guid}/stage", Move)
            .WithSummary("Moves a lead to another open stage, or reopens a converted or junk one");
        group.MapPost("/{id:guid}/junk", Junk)
            .WithSummary("Closes a lead as junk");
        group.MapGet("/{id:guid}/timeline", TimelineOf)
            .WithSummary("Lists a lead's timeline, newest first");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists a lead's field changes");
        group.MapGet("/{id:guid}/activities", Activities)
            .WithSummary("Lists the activities planned on a lead, latest first");
    }

    internal static LeadFields Fields(JsonObject body) => new(
        body.Field<string?>("title"), body.Field<Guid?>("sourceId"), body.Field<string?>("contactName"), body.Field<string?>("phone"),
        body.Field<string?>("email"), body.Field<string?>("companyName"), body.Field<string?>("inn"), body.Field<string?>("comment"),
        body.Field<Guid?>("responsibleId"), body.Field<Guid?>("stageId"))
    {
        CustomFields = body.CustomFields(),
    };

    /// <summary>
    /// A phone or e-mail sent again within a minute while its lead is still open joins that lead:
    /// its empty fields are filled, the comment appended, and the answer is <c>200</c> with
    /// <c>merged: true</c>; a new lead answers <c>201</c> with <c>merged: false</c>.
    /// </summary>
    internal static async Task<Results<Created<LeadDto>, Ok<LeadDto>, ProblemHttpResult>> Create(
        JsonObject body, HttpContext http, CurrentActor actor, CreateLead handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.IntakeAsync(await actor.AccessAsync(ct), Fields(body), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Lead.Version);
        var lead = result.Value.Lead with { Merged = result.Value.Merged };
        return result.Value.Merged
            ? TypedResults.Ok(lead)
            : TypedResults.Created($"/api/v1/leads/{lead.Id}", lead);
    }

    internal static async Task<Results<Ok<PageOf<LeadListItem>>, ProblemHttpResult>> List(
        [AsParameters] LeadListQuery query, int? page, int? pageSize, CurrentActor actor, ListLeads handler, ProblemWriter problems, CancellationToken ct)
    {
        LeadStatus? status = null;
        if (query.Status is { Length: > 0 } s)
        {
            if (!Enum.TryParse<LeadStatus>(s, ignoreCase: true, out var parsed) || int.TryParse(s, out _))
                return problems.Result(Error.Validation(("status", FieldErrors.Invalid)));
            status = parsed;
        }
        var access = await actor.AccessAsync(ct);
        var filter = new LeadFilter(query.Q, query.StageId, status, query.Mine == true ? access.UserId : query.ResponsibleId,
            query.SourceId, query.Repeat, query.CreatedFrom?.ToUniversalTime(), query.CreatedTo?.ToUniversalTime());
        return TypedResults.Ok(await handler.HandleAsync(access, filter, PageRequest.From(page, pageSize), ct));
    }

    internal static async Task<Ok<LeadBoardDto>> Board(
        [Description("Only the cards of this responsible manager.")] Guid? responsibleId,
        [Description("true: only the caller's own cards («мои»).")] bool? mine,
        [Description("Cards per column (default 20, at most 100).")] int? take,
        CurrentActor actor, ReadLeadBoard handler, CancellationToken ct)
    {
        var access = await actor.AccessAsync(ct);
        return TypedResults.Ok(await handler.HandleAsync(access, mine == true ? access.UserId : responsibleId, take, ct));
    }

    internal static async Task<Results<Ok<LeadBoardColumn>, ProblemHttpResult>> Column(
        Guid stageId,
        [Description("The column's next cursor from the previous answer; none for the first cards.")] string? after,
        [Description("Only the cards of this responsible manager.")] Guid? responsibleId,
        [Description("true: only the caller's own cards («мои»).")] bool? mine,
        [Description("Cards to read (default 20, at most 100).")] int? take,
        CurrentActor actor, ReadLeadBoard handler, ProblemWriter problems, CancellationToken ct)
    {
        var access = await actor.AccessAsync(ct);
        var result = await handler.ColumnAsync(access, stageId, after, mine == true ? access.UserId : responsibleId, take, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CurrentActor actor, ReadLead handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> Patch(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, UpdateLead handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, Fields(body), body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, CurrentActor actor, DeleteLead handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    /// <summary>
    /// Between open stages the move is recorded with the time spent in the previous one. The outcome
    /// stage is refused with <c>400</c> <c>outcome_required</c>: it is reached by junk or conversion.
    /// Moving a converted or junk lead back reopens it (the <c>leadOutcome</c> edit right; <c>403</c> otherwise).
    /// </summary>
    internal static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> Move(
        Guid id, MoveLeadRequest request, HttpContext http, CurrentActor actor, MoveLead handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request.StageId, request.Version, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    /// <summary>A converted or junk lead answers <c>409</c> <c>lead_closed</c>.</summary>
    internal static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> Junk(
        Guid id, JunkLeadRequest request, HttpContext http, CurrentActor actor, JunkLead handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request.ReasonId, request.Reason, request.Version, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<PageOf<TimelineEntryResponse>>, ProblemHttpResult>> TimelineOf(
        Guid id, int? page, int? pageSize, CurrentActor actor, ReadLead handler, IStringLocalizer<SharedResource> text,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.TimelineAsync(await actor.AccessAsync(ct), id, PageRequest.From(page, pageSize), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        var p = result.Value;
        var items = p.Items.Select(i => new TimelineEntryResponse(i.Id, i.At, i.Kind, TimelineText.Title(text, i), i.Text, i.UserId, i.UserName,
            i.OnBehalfOfName, i.EntityKind, i.EntityId, TimelineLines.Link(i), TimelineFilters.Of(i.Kind))).ToList();
        return TypedResults.Ok(new PageOf<TimelineEntryResponse>(items, p.Total, p.Page, p.PageSize));
    }

    internal static async Task<Results<Ok<PageOf<ActivityDto>>, ProblemHttpResult>> Activities(
        Guid id, int? page, int? pageSize,
        [Description("Only activities in this status: planned, done or cancelled.")] string? status,
        CurrentActor actor, ReadLead leads, ListActivities activities, ProblemWriter problems, CancellationToken ct)
    {
        ActivityStatus? parsed = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<ActivityStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
                return problems.Result(Error.Validation(("status", FieldErrors.Invalid)));
            parsed = s;
        }
        var access = await actor.AccessAsync(ct);
        if (!await leads.VisibleAsync(access, id, ct))
            return problems.Result(Error.NotFound());
        var result = await activities.HandleAsync(access, new ActivityListQuery(Status: parsed, LeadId: id), PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        Guid id, int? page, int? pageSize, CurrentActor actor, ReadLead leads, GetHistory history, ProblemWriter problems, CancellationToken ct)
    {
        // The history of a hidden lead is as hidden as the lead.
        if (!await leads.VisibleAsync(await actor.AccessAsync(ct), id, ct))
            return problems.Result(Error.NotFound());
        return TypedResults.Ok(await history.HandleAsync(Lead.EntityKind, id, PageRequest.From(page, pageSize), ct));
    }
}
