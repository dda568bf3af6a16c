using System.ComponentModel;
using Letopis.Core.Approvals;
using Letopis.Core.Common;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>The navigation badge of «На согласовании».</summary>
/// <param name="Open">Pending tasks of the caller and of the colleagues they stand in for today.</param>
/// <param name="Overdue">How many of them are past their deadline.</param>
public sealed record ApprovalCountDto(int Open, int Overdue);

public static class ApprovalsEndpoints
{
    public static void MapApprovalsEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/v1/documents").WithTags("Approvals").RequireAuthorization().WithProblems();
        documents.MapPost("/{id:guid}/approval", Start)
            .WithSummary("Sends a document to approval")
            .WithDescription("Starts a route on the newest published version of the document type's scheme; the first stage's approvers get their tasks. "
                + "409 `approval_no_scheme`, `approval_running`, `approval_no_file`.");
        documents.MapGet("/{id:guid}/approval", Current)
            .WithSummary("Reads a document's current approval route")
            .WithDescription("The newest route with its scheme version, stages, tasks, decisions, comments, delay reasons and the files each decision saw; 404 when none.");
        documents.MapGet("/{id:guid}/approval/history", History)
            .WithSummary("Lists all approval routes of a document, newest first");

        var routes = app.MapGroup("/api/v1/approval-routes").WithTags("Approvals").RequireAuthorization().WithProblems();
        routes.MapGet("/{id:guid}", GetRoute)
            .WithSummary("Reads an approval route");
        routes.MapPost("/{id:guid}/withdraw", Withdraw)
            .WithSummary("Withdraws a route (its author)");
        routes.MapPost("/{id:guid}/resubmit", Resubmit)
            .WithSummary("Resubmits a route returned for rework (its author, after uploading a new file version)");

        var tasks = app.MapGroup("/api/v1/approval-tasks").WithTags("Approvals").RequireAuthorization().WithProblems();
        tasks.MapGet("", Inbox)
            .WithSummary("Lists the caller's open approval tasks")
            .WithDescription("«На согласовании»: pending tasks of the caller and of the colleagues they stand in for today, by deadline.");
        tasks.MapGet("/count", Count)
            .WithSummary("Counts the caller's open and overdue approval tasks");
        tasks.MapPost("/{id:guid}/decision", Decide)
            .WithSummary("Decides an approval task")
            .WithDescription("`approve`, `reject` or `rework`; a comment is required for anything but approve, a `delayReason` for an overdue task. "
                + "The same decision repeated returns the route; a different one on a decided task is 409 `approval_task_decided`.");
        tasks.MapPost("/{id:guid}/delegate", Delegate)
            .WithSummary("Delegates an approval task to a colleague, with a comment");
    }

    internal static async Task<Results<Created<ApprovalRouteDto>, ProblemHttpResult>> Start(
        [Description("The document.")] Guid id, StartApprovalRequest? request, CurrentActor actor, StartApprovalRoute handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request ?? new StartApprovalRequest(null), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/documents/{id}/approval", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ApprovalRouteDto>, ProblemHttpResult>> Current(
        [Description("The document.")] Guid id, CurrentActor actor, ReadApprovalRoute handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.CurrentAsync(await actor.AccessAsync(ct), id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        return result.Value is { } route ? TypedResults.Ok(route) : problems.Result(Error.NotFound());
    }

    internal static async Task<Results<Ok<IReadOnlyList<ApprovalRouteDto>>, ProblemHttpResult>> History(
        [Description("The document.")] Guid id, CurrentActor actor, ReadApprovalRoute handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ApprovalRouteDto>, ProblemHttpResult>> GetRoute(
        [Description("The route.")] Guid id, CurrentActor actor, ReadApprovalRoute handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ApprovalRouteDto>, ProblemHttpResult>> Withdraw(
        [Description("The route.")] Guid id, ApprovalRouteCommentRequest? request, CurrentActor actor, ManageApprovalRoute handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.WithdrawAsync(await actor.AccessAsync(ct), id, request ?? new ApprovalRouteCommentRequest(null), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ApprovalRouteDto>, ProblemHttpResult>> Resubmit(
        [Description("The route.")] Guid id, ApprovalRouteCommentRequest? request, CurrentActor actor, ManageApprovalRoute handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ResubmitAsync(await actor.AccessAsync(ct), id, request ?? new ApprovalRouteCommentRequest(null), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Ok<PageOf<ApprovalInboxItemDto>>> Inbox(
        [Description("Only the caller's own tasks (and those they stand in for); the only list there is, so it may be omitted.")] bool? mine,
        [Description("Only tasks past their deadline.")] bool? overdue,
        [Description("Page number, from 1.")] int? page,
        [Description("Items per page (default 50, at most 500).")] int? pageSize,
        CurrentActor actor, ListApprovalInbox handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(await actor.AccessAsync(ct), PageRequest.From(page, pageSize), overdue == true, ct));

    internal static async Task<Ok<ApprovalCountDto>> Count(CurrentActor actor, ListApprovalInbox handler, CancellationToken ct)
    {
        var (open, overdue) = await handler.CountAsync(await actor.AccessAsync(ct), ct);
        return TypedResults.Ok(new ApprovalCountDto(open, overdue));
    }

    internal static async Task<Results<Ok<ApprovalRouteDto>, ProblemHttpResult>> Decide(
        [Description("The task.")] Guid id, ApprovalDecisionRequest request, CurrentActor actor, DecideApprovalTask handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ApprovalRouteDto>, ProblemHttpResult>> Delegate(
        [Description("The task.")] Guid id, PassApprovalTaskRequest request, CurrentActor actor, ManageApprovalRoute handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DelegateAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }
}
