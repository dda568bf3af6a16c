using System.ComponentModel;
using Letopis.Core.Common;
using Letopis.Core.Execution;
using Letopis.Web.Auth;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Api;

/// <summary>
/// Execution control of contracts («контроль исполнения»): the plan of control points, payments against it,
/// the acts that close its stages, reminder rules on control dates, and the settlement («взаиморасчёты»)
/// of a contract and of a counterparty.
/// </summary>
public static class ExecutionEndpoints
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapExecutionEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/v1/documents").WithTags("Execution control").RequireAuthorization().WithProblems();
        documents.MapGet("/{id:guid}/control-points", ListPoints)
            .WithSummary("Lists the control points of a contract's plan");
        documents.MapPost("/{id:guid}/control-points", CreatePoint)
            .WithSummary("Adds a control point to a contract's plan")
            .WithDescription("Edit rights on the document. 400 `errors.kind` (unknown kind), `errors.title`, `errors.dueOn` (missing, or before the "
                + "contract starts: valid from, else signed by us), `errors.amount` (negative), `errors.responsibleId` (unknown or inactive).");
        documents.MapPost("/{id:guid}/control-points/copy", CopyPlan)
            .WithSummary("Copies another document's plan (a schedule, another contract) into this one")
            .WithDescription("Open points are copied with their kinds, titles, amounts and responsible people; control dates move by "
                + "`shiftDays`. Payments, acts and reasons are not copied. 400 `errors.fromDocumentId` when it is hidden or the same document.");
        documents.MapGet("/{id:guid}/settlement", DocumentSettlement)
            .WithSummary("The settlement of a contract: planned, paid, acted, balance, overdue points, stages without an act");
        documents.MapGet("/{id:guid}/settlement.xlsx", DocumentSettlementXlsx)
            .Produces(StatusCodes.Status200OK, contentType: XlsxType)
            .WithSummary("The settlement of a contract as an Excel workbook");
        documents.MapGet("/{id:guid}/control-reminders", ListDocumentRules)
            .WithSummary("Lists the reminder rules on control dates of one contract");
        documents.MapPost("/{id:guid}/control-reminders", AddDocumentRule)
            .WithSummary("Adds a reminder rule on control dates to one contract")
            .WithDescription("A rule of the contract replaces the rules of its type for the same kind of point. Edit rights on the document.");

        var points = app.MapGroup("/api/v1/control-points").WithTags("Execution control").RequireAuthorization().WithProblems();
        points.MapGet("", ListAcross)
            .WithSummary("Lists control points across contracts (the department view)")
            .WithDescription("Only points of documents the caller may read; overdue first by date. `departmentId` includes the departments below it.");
        points.MapGet("/counts", CountAcross)
            .WithSummary("Counts control points across contracts per responsible person (the department view's counts)")
            .WithDescription("The same filter as the list; most points first.");
        points.MapPut("/{id:guid}", UpdatePoint)
            .WithSummary("Changes a control point (the whole point, with its version)")
            .WithDescription("A new control date re-arms its reminders. 409 `stale_version` for a stale `version`, 412 for a stale `If-Match`.");
        points.MapDelete("/{id:guid}", DeletePoint)
            .WithSummary("Deletes a control point with its payments");
        points.MapPost("/{id:guid}/complete", CompletePoint)
            .WithSummary("Marks a control point done")
            .WithDescription("Its reminders are cancelled. A closing act or invoice may be linked at once.");
        points.MapPost("/{id:guid}/link", LinkPoint)
            .WithSummary("Links the act or invoice that closes a control point")
            .WithDescription("The document must belong to the contract's tree (400 `errors.closingDocumentId`); its amount becomes the point's acted amount.");
        points.MapPost("/{id:guid}/miss-reason", MissReason)
            .WithSummary("Records why a control date was missed");
        points.MapGet("/{id:guid}/payments", ListPayments)
            .WithSummary("Lists the payments recorded against a control point");
        points.MapPost("/{id:guid}/payments", RecordPayment)
            .WithSummary("Records an actual payment against a control point")
            .WithDescription("Kopecks exactly, partial payments allowed. 400 `errors.amount` for a zero or negative amount. More than is left of the "
                + "plan without `confirm: true` → 409 `payment_exceeds_plan` with `planned`, `paid`, `left` and `amount`; with it the over-payment is recorded.");

        app.MapGroup("/api/v1/payments").WithTags("Execution control").RequireAuthorization().WithProblems()
            .MapDelete("/{id:guid}", DeletePayment)
            .WithSummary("Deletes a recorded payment");

        var counterparties = app.MapGroup("/api/v1/counterparties").WithTags("Execution control").RequireAuthorization().WithProblems();
        counterparties.MapGet("/{id:guid}/settlement", CounterpartySettlement)
            .WithSummary("The settlement with a counterparty over its contracts");
        counterparties.MapGet("/{id:guid}/settlement.xlsx", CounterpartySettlementXlsx)
            .Produces(StatusCodes.Status200OK, contentType: XlsxType)
            .WithSummary("The settlement with a counterparty as an Excel workbook");

        var types = app.MapGroup("/api/v1/document-types").WithTags("Execution control").RequireAuthorization().WithProblems();
        types.MapGet("/{code}/control-reminders", ListTypeRules)
            .WithSummary("Lists the reminder rules on control dates of a document type");
        types.MapPost("/{code}/control-reminders", AddTypeRule)
            .WithSummary("Adds a reminder rule on control dates to a document type (the document types right)");

        app.MapGroup("/api/v1/control-reminders").WithTags("Execution control").RequireAuthorization().WithProblems()
            .MapDelete("/{id:guid}", DeleteRule)
            .WithSummary("Deletes a reminder rule on control dates");
    }

    internal static async Task<Results<Ok<IReadOnlyList<ControlPointDto>>, ProblemHttpResult>> ListPoints(
        [Description("The contract.")] Guid id, CurrentActor actor, ManageControlPoints handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Created<ControlPointDto>, ProblemHttpResult>> CreatePoint(
        [Description("The contract.")] Guid id, ControlPointRequest request, HttpContext http, CurrentActor actor, ManageControlPoints handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.CreateAsync(await actor.AccessAsync(ct), id, request, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Created($"/api/v1/control-points/{result.Value.Id}", result.Value);
    }

    internal static async Task<Results<Created<IReadOnlyList<ControlPointDto>>, ProblemHttpResult>> CopyPlan(
        [Description("The contract that receives the points.")] Guid id, CopyControlPlanRequest request, CurrentActor actor,
        ManageControlPoints handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.CopyAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/documents/{id}/control-points", result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<ControlPointDto>>, ProblemHttpResult>> ListAcross(
        [Description("true: only open points past their control date.")] bool? overdue,
        [Description("Only points whose responsible person is in this department or the departments below it.")] Guid? departmentId,
        [Description("Only points of this responsible person.")] Guid? responsibleId,
        [Description("Only points of this counterparty's contracts.")] Guid? counterpartyId,
        [Description("open, done or cancelled.")] string? status,
        [Description("Page number, from 1.")] int? page,
        [Description("Items per page (default 50, at most 500).")] int? pageSize,
        CurrentActor actor, ListControlPoints handler, ProblemWriter problems, CancellationToken ct)
    {
        if (status is not null && Core.Documents.ApiNames.Parse<ControlPointStatus>(status) is null)
            return problems.Result(Error.Validation(("status", FieldErrors.Invalid)));
        var query = new ControlPointQuery(overdue, departmentId, responsibleId, counterpartyId, status);
        return TypedResults.Ok(await handler.HandleAsync(await actor.AccessAsync(ct), query, PageRequest.From(page, pageSize), ct));
    }

    internal static async Task<Results<Ok<IReadOnlyList<ControlPointCountDto>>, ProblemHttpResult>> CountAcross(
        [Description("true: only open points past their control date.")] bool? overdue,
        [Description("Only points whose responsible person is in this department or the departments below it.")] Guid? departmentId,
        [Description("Only points of this responsible person.")] Guid? responsibleId,
        [Description("Only points of this counterparty's contracts.")] Guid? counterpartyId,
        [Description("open, done or cancelled.")] string? status,
        CurrentActor actor, ListControlPoints handler, ProblemWriter problems, CancellationToken ct)
    {
        if (status is not null && Core.Documents.ApiNames.Parse<ControlPointStatus>(status) is null)
            return problems.Result(Error.Validation(("status", FieldErrors.Invalid)));
        var query = new ControlPointQuery(overdue, departmentId, responsibleId, counterpartyId, status);
        return TypedResults.Ok(await handler.CountsAsync(await actor.AccessAsync(ct), query, ct));
    }

    internal static async Task<Results<Ok<ControlPointDto>, ProblemHttpResult>> UpdatePoint(
        [Description("The control point.")] Guid id, ControlPointRequest request, HttpContext http, CurrentActor actor, ManageControlPoints handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), id, request, http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeletePoint(
        [Description("The control point.")] Guid id,
        [Description("The point's version as last read; a stale one gets 409.")] int? version,
        HttpContext http, CurrentActor actor, ManageControlPoints handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DeleteAsync(await actor.AccessAsync(ct), id, version ?? http.Request.IfMatchVersion(), ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ControlPointDto>, ProblemHttpResult>> CompletePoint(
        [Description("The control point.")] Guid id, CompleteControlPointRequest? request, CurrentActor actor, ManageControlPoints handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.CompleteAsync(await actor.AccessAsync(ct), id, request ?? new CompleteControlPointRequest(null, null), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ControlPointDto>, ProblemHttpResult>> LinkPoint(
        [Description("The control point.")] Guid id, LinkClosingDocumentRequest request, CurrentActor actor, ManageControlPoints handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.LinkAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<ControlPointDto>, ProblemHttpResult>> MissReason(
        [Description("The control point.")] Guid id, MissReasonRequest request, CurrentActor actor, ManageControlPoints handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.MissReasonAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<IReadOnlyList<ControlPaymentDto>>, ProblemHttpResult>> ListPayments(
        [Description("The control point.")] Guid id, CurrentActor actor, RecordPayment handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Created<ControlPaymentDto>, ProblemHttpResult>> RecordPayment(
        [Description("The control point paid against.")] Guid id, PaymentRequest request, CurrentActor actor, RecordPayment handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.RecordAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/payments/{result.Value.Id}", result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeletePayment(
        [Description("The payment.")] Guid id, CurrentActor actor, RecordPayment handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DeleteAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<SettlementDto>, ProblemHttpResult>> DocumentSettlement(
        [Description("The contract.")] Guid id, CurrentActor actor, ReadSettlement handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ForDocumentAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<CounterpartySettlementDto>, ProblemHttpResult>> CounterpartySettlement(
        [Description("The counterparty.")] Guid id, CurrentActor actor, ReadSettlement handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ForCounterpartyAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static Task<Results<FileContentHttpResult, ProblemHttpResult>> DocumentSettlementXlsx(
        [Description("The contract.")] Guid id, CurrentActor actor, ReadSettlement handler, IStringLocalizer<SharedResource> text,
        ProblemWriter problems, CancellationToken ct) =>
        Xlsx(id, null, actor, handler, text, problems, ct);

    internal static Task<Results<FileContentHttpResult, ProblemHttpResult>> CounterpartySettlementXlsx(
        [Description("The counterparty.")] Guid id, CurrentActor actor, ReadSettlement handler, IStringLocalizer<SharedResource> text,
        ProblemWriter problems, CancellationToken ct) =>
        Xlsx(null, id, actor, handler, text, problems, ct);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Xlsx(
        Guid? documentId, Guid? counterpartyId, CurrentActor actor, ReadSettlement handler, IStringLocalizer<SharedResource> text,
        ProblemWriter problems, CancellationToken ct)
    {
        string Label(string key) => text["execution.export." + key] is { ResourceNotFound: false } s ? s.Value : key;
        var result = await handler.XlsxAsync(await actor.AccessAsync(ct), documentId, counterpartyId, Label, ct);
        return result.IsSuccess
            ? TypedResults.File(result.Value.Content, XlsxType, result.Value.FileName)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<IReadOnlyList<ControlReminderRuleDto>>, ProblemHttpResult>> ListDocumentRules(
        [Description("The contract.")] Guid id, CurrentActor actor, ManageControlReminders handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListForDocumentAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Created<ControlReminderRuleDto>, ProblemHttpResult>> AddDocumentRule(
        [Description("The contract.")] Guid id, ControlReminderRuleRequest request, CurrentActor actor, ManageControlReminders handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.AddForDocumentAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/control-reminders/{result.Value.Id}", result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<IReadOnlyList<ControlReminderRuleDto>>, ProblemHttpResult>> ListTypeRules(
        [Description("The document type's code (contract, …).")] string code, CurrentActor actor, ManageControlReminders handler,
        ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListForTypeAsync(await actor.AccessAsync(ct), code, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Created<ControlReminderRuleDto>, ProblemHttpResult>> AddTypeRule(
        [Description("The document type's code (contract, …).")] string code, ControlReminderRuleRequest request, CurrentActor actor,
        ManageControlReminders handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.AddForTypeAsync(await actor.AccessAsync(ct), code, request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/control-reminders/{result.Value.Id}", result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteRule(
        [Description("The rule.")] Guid id, CurrentActor actor, ManageControlReminders handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DeleteAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }
}
