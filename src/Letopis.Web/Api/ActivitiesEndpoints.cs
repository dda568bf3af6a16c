using System.ComponentModel;
using System.Text.Json.Nodes;
using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.History;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>A chronicle note on an activity.</summary>
/// <param name="Text">Where things stand: «КП на рассмотрении, ждём ответа до пятницы».</param>
public sealed record AddActivityNoteRequest(string? Text);

/// <summary>The contacts workspace: activities, the agenda, chronicle notes.</summary>
public static class ActivitiesEndpoints
{
    public static void MapActivitiesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/activities").WithTags("Activities").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists activities (calls, meetings, tasks …) by filter");
        group.MapPost("", Plan).Accepts<PlanActivityRequest>("application/json")
            .WithSummary("Plans an activity");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads an activity");
        group.MapPatch("/{id:guid}", Patch).Accepts<PlanActivityRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits an activity (JSON merge patch)");
        group.MapPost("/{id:guid}/complete", Complete).Accepts<CompleteActivityRequest>("application/json")
            .WithSummary("Completes an activity with its result");
        group.MapPost("/{id:guid}/cancel", Cancel).Accepts<CancelActivityRequest>("application/json")
            .WithSummary("Cancels an activity");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists an activity's field changes");
        group.MapGet("/{id:guid}/notes", Notes)
            .WithSummary("Lists an activity's notes");
        group.MapPost("/{id:guid}/notes", AddNote)
            .WithSummary("Adds a note to an activity");

        app.MapGroup("/api/v1/agenda").WithTags("Activities").RequireAuthorization().WithProblems().MapGet("", Agenda)
            .WithSummary("Reads a user's planned activities of one day, grouped by kind");
    }

    /// <summary>A new activity from a JSON object; <paramref name="prefix"/> names nested fields (<c>followUp.</c>).</summary>
    private static PlanActivityRequest PlanRequest(JsonObject body, string prefix = "") => new(
        Field<string?>(body, "kind", prefix), Field<string?>(body, "subject", prefix), Field<string?>(body, "description", prefix),
        Field<DateTimeOffset?>(body, "plannedAt", prefix), Field<int?>(body, "durationMinutes", prefix),
        Field<DateTimeOffset?>(body, "endsAt", prefix), Field<string?>(body, "place", prefix), Field<Guid?>(body, "assigneeId", prefix),
        Field<Guid?>(body, "counterpartyId", prefix), Field<Guid?>(body, "contactId", prefix), Field<int?>(body, "remindBeforeMinutes", prefix),
        Field<Guid?>(body, "leadId", prefix), Field<Guid?>(body, "dealId", prefix));

    private static T? Field<T>(JsonObject body, string name, string prefix)
    {
        try
        {
            return body.Field<T?>(name).Or(default);
        }
        catch (PatchFieldException e)
        {
            throw new PatchFieldException(prefix + name, e.Code);
        }
    }

    private static ActivityFields Fields(JsonObject body) => new(
        body.Field<string?>("kind"), body.Field<string?>("subject"), body.Field<string?>("description"),
        body.Field<DateTimeOffset?>("plannedAt"), body.Field<int?>("durationMinutes"), body.Field<DateTimeOffset?>("endsAt"),
        body.Field<string?>("place"), body.Field<Guid?>("assigneeId"), body.Field<Guid?>("counterpartyId"),
        body.Field<Guid?>("contactId"), body.Field<int?>("remindBeforeMinutes"), body.Field<string?>("result"),
        body.Field<string?>("nextStep"), body.Field<Guid?>("leadId"), body.Field<Guid?>("dealId"));

    internal static async Task<Results<Created<ActivityDto>, ProblemHttpResult>> Plan(
        JsonObject body, CurrentActor actor, PlanActivity handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), PlanRequest(body), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/activities/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ActivityDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CurrentActor actor, ReadActivity handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<ActivityDto>, ProblemHttpResult>> Patch(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, UpdateActivity handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, Fields(body), body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<CompletedActivityDto>, ProblemHttpResult>> Complete(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, CompleteActivity handler, ProblemWriter problems, CancellationToken ct)
    {
        PlanActivityRequest? followUp = null;
        if (body.TryGetPropertyValue("followUp", out var node) && node is not null)
            followUp = node is JsonObject next ? PlanRequest(next, "followUp.") : throw new PatchFieldException("followUp");
        var request = new CompleteActivityRequest(
            Field<string?>(body, "result", ""), Field<string?>(body, "nextStep", ""), followUp, body.VersionField());
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request, http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Activity.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<ActivityDto>, ProblemHttpResult>> Cancel(
        Guid id, HttpContext http, CurrentActor actor, CancelActivity handler, ProblemWriter problems, CancellationToken ct,
        JsonObject? body = null)
    {
        var request = body is null ? new CancelActivityRequest() : new CancelActivityRequest(Field<string?>(body, "reason", ""), body.VersionField());
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request, http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<PageOf<ActivityDto>>, ProblemHttpResult>> List(
        [Description("Planned on or after this day, YYYY-MM-DD.")] DateOnly? from, [Description("Planned on or before this day, YYYY-MM-DD.")] DateOnly? to, [Description("Only activities assigned to this user.")] Guid? userId, [Description("Only activities with this counterparty.")] Guid? counterpartyId, [Description("planned, done or cancelled.")] string? status, int? page, int? pageSize,
        [Description("Only activities planned on this lead.")] Guid? leadId, [Description("Only activities planned on this deal.")] Guid? dealId,
        CurrentActor actor, ListActivities handler, ProblemWriter problems, CancellationToken ct)
    {
        ActivityStatus? parsed = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<ActivityStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
                return problems.Result(Error.Validation(("status", FieldErrors.Invalid)));
            parsed = s;
        }
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), new ActivityListQuery(from, to, userId, counterpartyId, parsed, leadId, dealId),
            PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<AgendaDto>, ProblemHttpResult>> Agenda(
        [Description("The day, YYYY-MM-DD; today when absent.")] DateOnly? date, [Description("Whose agenda; the caller's when absent.")] Guid? userId, CurrentActor actor, ReadAgenda handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), date, userId, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        Guid id, int? page, int? pageSize, CurrentActor actor, ReadActivity handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HistoryAsync(await actor.AccessAsync(ct), id, PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<ActivityNoteDto>>, ProblemHttpResult>> Notes(
        Guid id, int? page, int? pageSize, CurrentActor actor, ActivityNotes handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListAsync(await actor.AccessAsync(ct), id, PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Created<ActivityNoteDto>, ProblemHttpResult>> AddNote(
        Guid id, AddActivityNoteRequest request, CurrentActor actor, ActivityNotes handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.AddAsync(await actor.AccessAsync(ct), id, request.Text, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/activities/{id}/notes/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }
}
