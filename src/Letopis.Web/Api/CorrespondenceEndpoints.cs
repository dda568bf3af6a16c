using System.ComponentModel;
using Letopis.Core.Common;
using Letopis.Core.Correspondence;
using Letopis.Core.Documents;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Letopis.Web.Api;

/// <summary>Incoming and outgoing letters: resolutions, assignments, reports, sending, and the secretary's desk.</summary>
public static class CorrespondenceEndpoints
{
    public static void MapCorrespondenceEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/v1/documents").WithTags("Correspondence").RequireAuthorization().WithProblems();
        documents.MapPost("/{id:guid}/resolutions", WriteResolution)
            .WithSummary("Writes a resolution with assignments on a letter")
            .WithDescription("The addressee or whoever may edit the letter. Every assignment needs an active executor, a text and a due date "
                + "today or later; `controllerId` puts it «на контроле». Field errors are named `assignments[i].executorId` and so on.");
        documents.MapGet("/{id:guid}/resolutions", Resolutions)
            .WithSummary("Lists a letter's resolutions with their assignments and reports");
        documents.MapPost("/{id:guid}/send", Send)
            .WithSummary("Records that an outgoing letter was sent")
            .WithDescription("Sets the sending date, method and tracking number; a reply (`replyToId`) closes the answered letter's open assignments "
                + "with closure `reply`.");

        var assignments = app.MapGroup("/api/v1/assignments").WithTags("Correspondence").RequireAuthorization().WithProblems();
        assignments.MapGet("", List)
            .WithSummary("Lists assignments of the caller as executor or controller");
        assignments.MapGet("/count", Count)
            .WithSummary("Counts the caller's open and overdue assignments");
        assignments.MapGet("/{id:guid}", Get)
            .WithSummary("Reads an assignment with its reports");
        assignments.MapPost("/{id:guid}/report", Report)
            .WithSummary("Reports on an assignment (an executor)")
            .WithDescription("On control the assignment becomes `reported` and waits for the controller; otherwise it is `done`. "
                + "A closed assignment answers 409 `assignment_closed`.");
        assignments.MapPost("/{id:guid}/files", AttachFile)
            .Accepts<IFormFile>("multipart/form-data").ProducesProblem(413)
            .WithSummary("Attaches a file to the report of an assignment")
            .WithDescription("multipart/form-data with one part `file`: stored among the letter's files and attached to the report "
                + "waiting for a verdict, or to a new report when none waits.");
        assignments.MapPost("/{id:guid}/accept", Accept)
            .WithSummary("Accepts the report on an assignment (the controller)");
        assignments.MapPost("/{id:guid}/return", Return)
            .WithSummary("Returns the report on an assignment for rework (the controller), with a comment");
        assignments.MapPost("/{id:guid}/extension", RequestExtension)
            .WithSummary("Asks for a later due date (an executor)");
        assignments.MapPost("/{id:guid}/extension/decision", DecideExtension)
            .WithSummary("Grants or refuses a later due date (the controller, or the author when not on control)");
        assignments.MapPost("/{id:guid}/cancel", Cancel)
            .WithSummary("Cancels an assignment (its author, the controller or an editor of the letter)");

        app.MapGroup("/api/v1/correspondence").WithTags("Correspondence").RequireAuthorization().WithProblems()
            .MapGet("/desk", Desk)
            .WithSummary("The secretary's desk: letters awaiting registration, resolution, reply or sending");
    }

    internal static async Task<Results<Created<ResolutionDto>, ProblemHttpResult>> WriteResolution(
        [Description("The letter.")] Guid id, WriteResolutionRequest request, CurrentActor actor, WriteResolution handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/documents/{id}/resolutions", result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<IReadOnlyList<ResolutionDto>>, ProblemHttpResult>> Resolutions(
        [Description("The letter.")] Guid id, CurrentActor actor, ReadResolutions handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ForDocumentAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> Send(
        [Description("The outgoing letter.")] Guid id, SendLetterRequest? request, CurrentActor actor, SendLetter handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request ?? new SendLetterRequest(null, null, null), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Ok<PageOf<AssignmentListItemDto>>> List(
        [Description("true: where the caller is an executor (lead or co-executor).")] bool? mine,
        [Description("true: where the caller is the controller.")] bool? controlled,
        [Description("true: only those past their due date and not closed.")] bool? overdue,
        [Description("open, reported, done, cancelled, or several separated by commas; open and reported by default.")] string? status,
        [Description("Only the assignments of this letter.")] Guid? documentId,
        [Description("Page number, from 1.")] int? page,
        [Description("Items per page (default 50, at most 500).")] int? pageSize,
        CurrentActor actor, ListAssignments handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(
            await actor.AccessAsync(ct), new AssignmentQuery(mine == true, controlled == true, overdue == true, status, documentId),
            PageRequest.From(page, pageSize), ct));

    internal static async Task<Ok<AssignmentCountsDto>> Count(CurrentActor actor, ListAssignments handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.CountAsync(await actor.AccessAsync(ct), ct));

    internal static async Task<Results<Ok<AssignmentDto>, ProblemHttpResult>> Get(
        [Description("The assignment.")] Guid id, CurrentActor actor, ReadAssignment handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<AssignmentDto>, ProblemHttpResult>> Report(
        [Description("The assignment.")] Guid id, AssignmentReportRequest request, CurrentActor actor, ReportAssignment handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ReportAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<IResult> AttachFile(
        [Description("The assignment.")] Guid id, HttpContext http, CurrentActor actor, ReportAssignment handler, ProblemWriter problems,
        Microsoft.Extensions.Options.IOptions<Core.Documents.Files.DocumentFileOptions> options, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.Value.MaxBytes + Core.Documents.Files.UploadDocumentFile.EnvelopeBytes;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return problems.Result(Error.Validation(("file", FieldErrors.Required)));

        var access = await actor.AccessAsync(ct);
        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file")
            {
                await section.Body.CopyToAsync(Stream.Null, ct);
                continue;
            }
            var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            var result = await handler.AttachFileAsync(access, id, name, section.Body, http.Request.ContentLength, ct);
            return result.IsSuccess ? TypedResults.Created($"/api/v1/assignments/{id}", result.Value) : problems.Result(result.Error!);
        }
        return problems.Result(Error.Validation(("file", FieldErrors.Required)));
    }

    internal static async Task<Results<Ok<AssignmentDto>, ProblemHttpResult>> Accept(
        [Description("The assignment.")] Guid id, AssignmentReviewRequest? request, CurrentActor actor, ReviewAssignment handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.AcceptAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<AssignmentDto>, ProblemHttpResult>> Return(
        [Description("The assignment.")] Guid id, AssignmentReviewRequest request, CurrentActor actor, ReviewAssignment handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ReturnAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<AssignmentDto>, ProblemHttpResult>> RequestExtension(
        [Description("The assignment.")] Guid id, AssignmentExtensionRequest request, CurrentActor actor, AssignmentExtension handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.RequestAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<AssignmentDto>, ProblemHttpResult>> DecideExtension(
        [Description("The assignment.")] Guid id, AssignmentExtensionDecisionRequest request, CurrentActor actor, AssignmentExtension handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DecideAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<AssignmentDto>, ProblemHttpResult>> Cancel(
        [Description("The assignment.")] Guid id, AssignmentReviewRequest? request, CurrentActor actor, ReviewAssignment handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.CancelAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Ok<CorrespondenceDeskDto>> Desk(CurrentActor actor, ReadCorrespondenceDesk handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(await actor.AccessAsync(ct), ct));
}
