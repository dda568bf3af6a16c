using System.ComponentModel;
using System.Globalization;
using Letopis.Core.Common;
using Letopis.Core.Paper;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Letopis.Web.Api;

public static class PaperEndpoints
{
    public static void MapPaperEndpoints(this IEndpointRouteBuilder app)
    {
        var places = app.MapGroup("/api/v1/storage-places").WithTags("Paper copies").RequireAuthorization().WithProblems();
        places.MapGet("", ListPlaces)
            .WithSummary("Lists the storage places tree (flat, with paths and copy counts)");
        places.MapPost("", CreatePlace)
            .WithSummary("Creates a storage place");
        places.MapPut("/{id:guid}", UpdatePlace)
            .WithSummary("Renames or moves a storage place with its subtree");
        places.MapDelete("/{id:guid}", DeletePlace)
            .WithSummary("Deletes an empty storage place")
            .WithDescription("409 `storage_place_not_empty` while copies belong there or places lie under it.");

        var documents = app.MapGroup("/api/v1/documents").WithTags("Paper copies").RequireAuthorization().WithProblems();
        documents.MapGet("/{id:guid}/copies", ListForDocument)
            .WithSummary("Lists a document's paper copies with where its original is now");
        documents.MapPost("/{id:guid}/copies", CreateCopy)
            .WithSummary("Records a paper copy of a document in a storage place");
        documents.MapPost("/{id:guid}/copies/receive", ReceiveNew)
            .WithSummary("Records a new exemplar that arrived from the counterparty")
            .WithDescription("A signed original sets the document's signed-by-counterparty day and, when its life cycle allows, makes it signed.");
        documents.MapGet("/{id:guid}/paper-movements", Movements)
            .WithSummary("Lists the movements of a document's paper copies, newest first");

        var copies = app.MapGroup("/api/v1/copies").WithTags("Paper copies").RequireAuthorization().WithProblems();
        copies.MapGet("", List)
            .WithSummary("Lists paper copies: out, overdue, by holder or department")
            .WithDescription("Office staff (the «Делопроизводство» edit right) see every copy; others the copies of documents they may read.");
        copies.MapGet("/counts", Counts)
            .WithSummary("Counts copies out and overdue under the same filters as the list");
        copies.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a paper copy");
        copies.MapPost("/{id:guid}/hand-out", HandOut)
            .WithSummary("Hands a copy to a colleague until a due date")
            .WithDescription("409 `copy_out` when it is out already; 400 `errors.holderId` for an inactive holder, `errors.dueBack` for a past date.");
        copies.MapPost("/{id:guid}/return", Return)
            .WithSummary("Records that a handed-out copy came back")
            .WithDescription("409 `copy_in_place` when the copy lies in its place.");
        copies.MapPost("/{id:guid}/move", Move)
            .WithSummary("Moves a copy lying in place to another storage place");
        copies.MapPost("/{id:guid}/send", Send)
            .WithSummary("Records that a copy was sent to the counterparty");
        copies.MapPost("/{id:guid}/receive", Receive)
            .WithSummary("Records that a sent copy came back from the counterparty")
            .WithDescription("A signed original sets the document's signed-by-counterparty day and, when its life cycle allows, makes it signed.");
        copies.MapPost("/handover-act", Act)
            .WithSummary("Prints the handover act («Акт приёма-передачи») for a batch of copies (HTML or PDF)");
    }

    internal static async Task<Ok<List<StoragePlaceDto>>> ListPlaces(CurrentActor actor, ManageStoragePlaces handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.ListAsync(await actor.AccessAsync(ct), ct));

    internal static async Task<Results<Created<StoragePlaceDto>, ProblemHttpResult>> CreatePlace(
        CreateStoragePlaceRequest request, HttpContext http, CurrentActor actor, ManageStoragePlaces handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.CreateAsync(await actor.AccessAsync(ct), request, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Created($"/api/v1/storage-places/{result.Value.Id}", result.Value);
    }

    internal static async Task<Results<Ok<StoragePlaceDto>, ProblemHttpResult>> UpdatePlace(
        Guid id, UpdateStoragePlaceRequest request, HttpContext http, CurrentActor actor, ManageStoragePlaces handler, ProblemWriter problems,
        CancellationToken ct)
    {
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), id, request, http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeletePlace(
        Guid id, CurrentActor actor, ManageStoragePlaces handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DeleteAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<DocumentCopiesDto>, ProblemHttpResult>> ListForDocument(
        Guid id, CurrentActor actor, ManagePaperCopies handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListForDocumentAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Created<PaperCopyDto>, ProblemHttpResult>> CreateCopy(
        Guid id, CreatePaperCopyRequest request, HttpContext http, CurrentActor actor, ManagePaperCopies handler, ProblemWriter problems,
        CancellationToken ct)
    {
        var result = await handler.CreateAsync(await actor.AccessAsync(ct), id, request, ct);
        return Created(http, result, problems);
    }

    internal static async Task<Results<Created<PaperCopyDto>, ProblemHttpResult>> ReceiveNew(
        Guid id, ReceiveNewPaperCopyRequest request, HttpContext http, CurrentActor actor, ManagePaperCopies handler, ProblemWriter problems,
        CancellationToken ct)
    {
        var result = await handler.ReceiveNewAsync(await actor.AccessAsync(ct), id, request, ct);
        return Created(http, result, problems);
    }

    internal static async Task<Results<Ok<PageOf<PaperMovementDto>>, ProblemHttpResult>> Movements(
        Guid id,
        [Description("Page number, from 1.")] int? page,
        [Description("Items per page (default 50, at most 500).")] int? pageSize,
        CurrentActor actor, ManagePaperCopies handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.MovementsAsync(await actor.AccessAsync(ct), id, PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Ok<PageOf<PaperCopyDto>>> List(
        [Description("true: only copies handed out; false: only copies not out.")] bool? @out,
        [Description("true: only copies out past their due date.")] bool? overdue,
        [Description("Only copies with this holder.")] Guid? holderId,
        [Description("Only copies whose holder's department is this one or below it.")] Guid? departmentId,
        [Description("Only copies of this document.")] Guid? documentId,
        [Description("Page number, from 1.")] int? page,
        [Description("Items per page (default 50, at most 500).")] int? pageSize,
        CurrentActor actor, ListPaperCopies handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(await actor.AccessAsync(ct), new PaperCopyQuery(@out, overdue, holderId, departmentId, documentId),
            PageRequest.From(page, pageSize), ct));

    internal static async Task<Ok<PaperCopyCountsDto>> Counts(
        [Description("Only copies with this holder.")] Guid? holderId,
        [Description("Only copies whose holder's department is this one or below it.")] Guid? departmentId,
        CurrentActor actor, ListPaperCopies handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.CountsAsync(await actor.AccessAsync(ct), new PaperCopyQuery(HolderId: holderId, DepartmentId: departmentId), ct));

    internal static async Task<Results<Ok<PaperCopyDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CurrentActor actor, ManagePaperCopies handler, ProblemWriter problems, CancellationToken ct) =>
        Ok(http, await handler.GetAsync(await actor.AccessAsync(ct), id, ct), problems);

    internal static async Task<Results<Ok<PaperCopyDto>, ProblemHttpResult>> HandOut(
        Guid id, HandOutPaperCopyRequest request, HttpContext http, CurrentActor actor, ManagePaperCopies handler, ProblemWriter problems,
        CancellationToken ct) =>
        Ok(http, await handler.HandOutAsync(await actor.AccessAsync(ct), id, request, http.Request.IfMatchVersion(), ct), problems);

    internal static async Task<Results<Ok<PaperCopyDto>, ProblemHttpResult>> Return(
        Guid id, ReturnPaperCopyRequest? request, HttpContext http, CurrentActor actor, ManagePaperCopies handler, ProblemWriter problems,
        CancellationToken ct) =>
        Ok(http, await handler.ReturnAsync(await actor.AccessAsync(ct), id, request ?? new ReturnPaperCopyRequest(), http.Request.IfMatchVersion(), ct),
            problems);

    internal static async Task<Results<Ok<PaperCopyDto>, ProblemHttpResult>> Move(
        Guid id, MovePaperCopyRequest request, HttpContext http, CurrentActor actor, ManagePaperCopies handler, ProblemWriter problems,
        CancellationToken ct) =>
        Ok(http, await handler.MoveAsync(await actor.AccessAsync(ct), id, request, http.Request.IfMatchVersion(), ct), problems);

    internal static async Task<Results<Ok<PaperCopyDto>, ProblemHttpResult>> Send(
        Guid id, SendPaperCopyRequest request, HttpContext http, CurrentActor actor, ManagePaperCopies handler, ProblemWriter problems,
        CancellationToken ct) =>
        Ok(http, await handler.SendAsync(await actor.AccessAsync(ct), id, request, http.Request.IfMatchVersion(), ct), problems);

    internal static async Task<Results<Ok<PaperCopyDto>, ProblemHttpResult>> Receive(
        Guid id, ReceivePaperCopyRequest request, HttpContext http, CurrentActor actor, ManagePaperCopies handler, ProblemWriter problems,
        CancellationToken ct) =>
        Ok(http, await handler.ReceiveAsync(await actor.AccessAsync(ct), id, request, http.Request.IfMatchVersion(), ct), problems);

    internal static async Task<IResult> Act(
        HandoverActRequest request, HttpContext http, CurrentActor actor, HandoverAct handler, ProblemWriter problems, CancellationToken ct)
    {
        var access = await actor.AccessAsync(ct);
        var culture = CultureInfo.CurrentUICulture.Name;
        HandoverActFile file;
        if (string.Equals(request.Format, "pdf", StringComparison.OrdinalIgnoreCase))
        {
            var pdf = await handler.PdfAsync(access, request, culture, ct);
            if (!pdf.IsSuccess)
                return problems.Result(pdf.Error!);
            file = pdf.Value;
        }
        else if (request.Format is null || string.Equals(request.Format, "html", StringComparison.OrdinalIgnoreCase))
        {
            var html = await handler.HtmlAsync(access, request, culture, ct);
            if (!html.IsSuccess)
                return problems.Result(html.Error!);
            file = new HandoverActFile("handover-act.html", "text/html; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(html.Value));
        }
        else
        {
            return problems.Result(Error.Validation(("format", FieldErrors.Invalid)));
        }
        var response = http.Response;
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(file.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.Bytes(file.Content, file.ContentType);
    }

    private static Results<Created<PaperCopyDto>, ProblemHttpResult> Created(HttpContext http, Result<PaperCopyDto> result, ProblemWriter problems)
    {
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Created($"/api/v1/copies/{result.Value.Id}", result.Value);
    }

    private static Results<Ok<PaperCopyDto>, ProblemHttpResult> Ok(HttpContext http, Result<PaperCopyDto> result, ProblemWriter problems)
    {
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }
}
