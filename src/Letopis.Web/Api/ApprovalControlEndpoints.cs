using System.ComponentModel;
using System.Text;
using Letopis.Core.Approvals;
using Letopis.Core.Approvals.Control;
using Letopis.Core.Common;
using Letopis.Core.Documents.Files;
using Letopis.Web.Auth;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Letopis.Web.Api;

/// <summary>
/// Control of approvals: the approval sheet of a route, the overdue approvals a head watches, the
/// average approval times, and — for holders of the approval right — cancelling, restarting and
/// reassigning, and moving running routes to a scheme's newest version.
/// </summary>
public static class ApprovalControlEndpoints
{
    public static void MapApprovalControlEndpoints(this IEndpointRouteBuilder app)
    {
        var routes = app.MapGroup("/api/v1/approval-routes").WithTags("Approval control").RequireAuthorization().WithProblems();
        routes.MapGet("/{id:guid}/sheet", Sheet)
            .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status200OK, contentType: ApprovalSheet.PdfContentType)
            .ProducesProblem(503)
            .WithSummary("The approval sheet of a route as printable HTML or PDF")
            .WithDescription("«Лист согласования»: the document, the scheme version and the route's status, then every stage, person, decision, "
                + "date, comment, delay reason and the SHA-256 of the file versions each decision was bound to. Whoever sees the document "
                + "reads it; a hidden document is a 404. 503 `pdf_engine_missing` names the system package a server without the PDF engine lacks.");
        routes.MapPost("/{id:guid}/sheet/attach", AttachSheet)
            .ProducesProblem(413).ProducesProblem(503)
            .WithSummary("Attaches the approval sheet's PDF to the document as a file")
            .WithDescription("Adds «Лист согласования N.pdf» to the document's files through the ordinary upload (edit rights on the document, "
                + "storage quotas, text extraction, history): the first time a new file, afterwards a new version of it. 201 with the file "
                + "as the upload answers it.");

        routes.MapPost("/{id:guid}/cancel", Cancel)
            .WithSummary("Cancels a running route (the approval right; a comment is required)")
            .WithDescription("Open tasks close and their reminders are cancelled, the document returns to draft. 400 `errors.comment` without "
                + "a comment, 403 without the approval right, 409 `approval_route_finished` for a finished route.");
        routes.MapPost("/{id:guid}/restart", Restart)
            .WithSummary("Restarts a route from its first stage on the same version (the approval right)")
            .WithDescription("A new round: open tasks close, every stage starts again and everyone decides again; earlier rounds stay as history. "
                + "A cancelled, withdrawn or rejected route may be restarted too unless another route of the document is live "
                + "(409 `approval_running`); an approved one may not (409 `approval_route_finished`).");

        var tasks = app.MapGroup("/api/v1/approval-tasks").WithTags("Approval control").RequireAuthorization().WithProblems();
        tasks.MapPost("/{id:guid}/reassign", Reassign)
            .WithSummary("Reassigns a pending task to another active user (the approval right; a comment is required)")
            .WithDescription("Above all for a stuck task: one whose rule found nobody or whose assignee is inactive. The reminders move to the new "
                + "assignee, who is notified; the history names both. 400 `errors.userId` (missing, unknown or inactive, or the same person), "
                + "400 `errors.comment`, 409 `approval_task_decided` for a decided task.");

        var schemes = app.MapGroup("/api/v1/approval-schemes").WithTags("Approval control").RequireAuthorization().WithProblems();
        schemes.MapGet("/{id:guid}/move-routes", PreviewMove)
            .WithSummary("Previews moving a scheme's running routes to its newest version")
            .WithDescription("Route by route: the stage it would land on (`toStage`; null when every stage is already complete), the approvals "
                + "that carry over (`carriedOver`), or why it cannot move (`canMove` false, `problem`: `active_stage_missing`, "
                + "`rework_stage_missing`, `route_finished`, `already_newest`). Without `routeIds`: every live route on an older version. "
                + "403 without the approval right.");
        schemes.MapPost("/{id:guid}/move-routes", Move)
            .WithSummary("Moves chosen running routes to the scheme's newest version")
            .WithDescription("Each route moves in its own transaction under its version check; those that cannot be mapped, or changed "
                + "meanwhile (`route_changed`), are returned in `leftAlone` with the reason and are not touched. `toVersion` is the version "
                + "the preview showed: a newer one published since is 409 `approval_version_changed`.");

        var approvals = app.MapGroup("/api/v1/approvals").WithTags("Approval control").RequireAuthorization().WithProblems();
        approvals.MapGet("/overdue", Overdue)
            .WithSummary("Overdue approvals of a department with the delay reasons")
            .WithDescription("Pending tasks past their deadline and tasks decided after it, earliest deadline first. A head sees the approvers of "
                + "their department and the departments below it; a holder of the approval right any department (`departmentId` narrows to "
                + "one department's tree). The title of a document the caller cannot see is left empty.");
        approvals.MapGet("/statistics", Statistics)
            .WithSummary("Average approval time per stage and per approver")
            .WithDescription("Hours from receiving a task to deciding it, averaged over the decisions made between `from` and `to` "
                + "(days of the company's calendar, both included; the last 30 days by default), with how many came after the deadline. "
                + "The same people as the overdue list.");
    }

    internal static async Task<IResult> Sheet(
        Guid id,
        [Description("`html` (the default: a page to print) or `pdf`.")] string? format,
        [Description("true: ask the browser to show the PDF (to print it) instead of saving it.")] bool? inline,
        HttpContext http, CurrentActor actor, ApprovalSheet sheet, ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var wanted = string.IsNullOrWhiteSpace(format) ? "html" : format.Trim().ToLowerInvariant();
        if (wanted is not ("html" or "pdf"))
            return problems.Result(Error.Validation(("format", FieldErrors.Invalid)));
        var access = await actor.AccessAsync(ct);
        var name = await sheet.FileNameAsync(access, id, ct);
        if (!name.IsSuccess)
            return problems.Result(name.Error!);
        var response = http.Response;
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (wanted == "html")
        {
            var html = await sheet.HtmlAsync(access, id, ct);
            if (!html.IsSuccess)
                return problems.Result(html.Error!);
            response.Headers.ContentSecurityPolicy = "sandbox allow-modals; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src data:";
            return TypedResults.Content(html.Value, "text/html; charset=utf-8", Encoding.UTF8);
        }
        var pdf = await sheet.PdfAsync(access, id, ct);
        if (!pdf.IsSuccess)
            return TemplatesEndpoints.Problem(problems, text, pdf.Error!);
        var disposition = new ContentDispositionHeaderValue(inline == true ? "inline" : "attachment");
        disposition.SetHttpFileName(name.Value);
        response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.Bytes(pdf.Value, ApprovalSheet.PdfContentType);
    }

    internal static async Task<Results<Created<FileUploadedDto>, ProblemHttpResult>> AttachSheet(
        Guid id, CurrentActor actor, ApprovalSheet sheet, ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var result = await sheet.AttachAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/files/{result.Value.Id}", result.Value)
            : TemplatesEndpoints.Problem(problems, text, result.Error!);
    }

    internal static async Task<Results<Ok<ApprovalRouteDto>, ProblemHttpResult>> Cancel(
        [Description("The route.")] Guid id, ApprovalRouteCommentRequest? request, CurrentActor actor, ControlApprovalRoutes handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.CancelAsync(await actor.AccessAsync(ct), id, request ?? new ApprovalRouteCommentRequest(null), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ApprovalRouteDto>, ProblemHttpResult>> Restart(
        [Description("The route.")] Guid id, ApprovalRouteCommentRequest? request, CurrentActor actor, ControlApprovalRoutes handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.RestartAsync(await actor.AccessAsync(ct), id, request ?? new ApprovalRouteCommentRequest(null), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ApprovalRouteDto>, ProblemHttpResult>> Reassign(
        [Description("The task.")] Guid id, PassApprovalTaskRequest? request, CurrentActor actor, ControlApprovalRoutes handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ReassignAsync(await actor.AccessAsync(ct), id, request ?? new PassApprovalTaskRequest(null, null), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<IReadOnlyList<RouteMovePreviewDto>>, ProblemHttpResult>> PreviewMove(
        [Description("The approval scheme.")] Guid id,
        [Description("Only these routes (repeat the parameter); absent: every live route on an older version.")] Guid[]? routeIds,
        CurrentActor actor, MoveApprovalRoutes handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.PreviewAsync(await actor.AccessAsync(ct), id, routeIds, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<MoveRoutesResultDto>, ProblemHttpResult>> Move(
        [Description("The approval scheme.")] Guid id, MoveRoutesRequest? request, CurrentActor actor, MoveApprovalRoutes handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.MoveAsync(await actor.AccessAsync(ct), id, request ?? new MoveRoutesRequest(null, null), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Ok<PageOf<OverdueApprovalDto>>> Overdue(
        [Description("Only approvers of this department and the departments below it.")] Guid? departmentId,
        [Description("Page number, from 1.")] int? page,
        [Description("Items per page (default 50, at most 500).")] int? pageSize,
        CurrentActor actor, ReadApprovalControl handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.OverdueAsync(await actor.AccessAsync(ct), departmentId, PageRequest.From(page, pageSize), ct));

    internal static async Task<Ok<ApprovalStatisticsDto>> Statistics(
        [Description("Only routes of this approval scheme.")] Guid? schemeId,
        [Description("Decisions made on or after this day, YYYY-MM-DD (default: 29 days before `to`).")] DateOnly? from,
        [Description("Decisions made on or before this day, YYYY-MM-DD (default: today).")] DateOnly? to,
        CurrentActor actor, ReadApprovalControl handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.StatisticsAsync(await actor.AccessAsync(ct), schemeId, from, to, ct));
}
