using System.ComponentModel;
using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>A new document (also the shape of a merge patch of its card: absent fields stay unchanged).</summary>
/// <param name="TypeCode">The document type: <c>contract</c>, <c>appendix</c>, <c>supplementary-agreement</c>, <c>act</c>, … (create only).</param>
/// <param name="TypeId">The type by id instead of its code (create only).</param>
/// <param name="Title">Subject: «Поставка щебня на 2027 год».</param>
/// <param name="Summary">Short content.</param>
/// <param name="RegisteredOn">Registration date (<c>YYYY-MM-DD</c>), today by default; fixed once the number is given.</param>
/// <param name="CounterpartyId">The other party.</param>
/// <param name="OurCompanyId">Our legal entity that is a party.</param>
/// <param name="ParentId">The document this one belongs to (an appendix's contract); the parent's type must be allowed by this type.</param>
/// <param name="Amount">Amount with VAT.</param>
/// <param name="VatRate">VAT rate in percent; null: without VAT.</param>
/// <param name="VatAmount">VAT included in the amount; computed from the rate when absent.</param>
/// <param name="Currency">ISO code, <c>RUB</c> by default.</param>
/// <param name="SignedOn">Signed by both parties on this date (sets both dates below).</param>
/// <param name="SignedByUsOn">Signed by us.</param>
/// <param name="SignedByCounterpartyOn">Signed by the counterparty.</param>
/// <param name="ValidFrom">In force from.</param>
/// <param name="ValidTo">In force until.</param>
/// <param name="ResponsibleId">Responsible person; defaults to the type's default, then the caller.</param>
/// <param name="CoResponsibleIds">Co-responsible users (they see and work on the document); a patch replaces the whole set.</param>
/// <param name="Status">Create only: the starting status (<c>draft</c> by default); later use <c>POST /documents/{id}/status</c>.</param>
/// <param name="IncomingNumber">Sender's number of an incoming letter.</param>
/// <param name="IncomingDate">Sender's date of an incoming letter.</param>
public sealed record DocumentRequest(
    string? TypeCode, Guid? TypeId, string? Title, string? Summary, DateOnly? RegisteredOn, Guid? CounterpartyId, Guid? OurCompanyId,
    Guid? ParentId, decimal? Amount, int? VatRate, decimal? VatAmount, string? Currency, DateOnly? SignedOn, DateOnly? SignedByUsOn,
    DateOnly? SignedByCounterpartyOn, DateOnly? ValidFrom, DateOnly? ValidTo, Guid? ResponsibleId, IReadOnlyList<Guid>? CoResponsibleIds,
    string? Status, string? IncomingNumber, DateOnly? IncomingDate)
{
    /// <summary>Custom field values by code (entity <c>document</c>); in a patch, null clears a code and absent codes stay.</summary>
    public IReadOnlyDictionary<string, object?>? CustomFields { get; init; }

    /// <summary>The deal the document belongs to (one the caller may see); null in a patch removes the link.</summary>
    public Guid? DealId { get; init; }

    /// <summary>A letter's delivery method: <c>post</c>, <c>courier</c>, <c>email</c>, <c>by_hand</c>, <c>edo</c>.</summary>
    public string? DeliveryMethod { get; init; }

    /// <summary>Pages of a letter.</summary>
    public int? Pages { get; init; }

    /// <summary>What came or goes with a letter («Приложения»).</summary>
    public string? Attachments { get; init; }

    /// <summary>To whom an incoming letter is addressed (an active user).</summary>
    public Guid? AddresseeId { get; init; }

    /// <summary>An outgoing letter: the incoming letter it answers, one the caller sees.</summary>
    public Guid? ReplyToId { get; init; }

    /// <summary>An outgoing letter: the day it was sent (usually set by <c>POST /documents/{id}/send</c>).</summary>
    public DateOnly? SentOn { get; init; }

    /// <summary>The post's or the courier's tracking number.</summary>
    public string? TrackingNumber { get; init; }
}

/// <summary>A step of the document's life cycle.</summary>
/// <param name="Status"><c>on_approval</c>, <c>approved</c>, <c>signed</c>, <c>in_force</c>, <c>executed</c>, <c>terminated</c>, <c>rejected</c>, <c>draft</c>.</param>
/// <param name="Comment">Why; goes to the history and the counterparty's timeline.</param>
/// <param name="Version">The card's version as last read; a stale one gets 409.</param>
public sealed record DocumentStatusRequest(string? Status, string? Comment, int? Version);

/// <summary>A free link from this document to another.</summary>
/// <param name="ToId">The other document.</param>
/// <param name="Kind"><c>see_also</c> (default) or <c>replaces</c> (this document replaces the other).</param>
public sealed record DocumentLinkRequest(Guid? ToId, string? Kind);

/// <summary>The whole set of co-responsible users.</summary>
public sealed record CoResponsibleRequest(IReadOnlyList<Guid>? UserIds, int? Version);

/// <summary>The registry's filters as query parameters; the list and the export take the same ones.</summary>
/// <param name="CounterpartyId">The other party.</param>
/// <param name="TypeCode">One type code or several separated by commas.</param>
/// <param name="Status">One status or several separated by commas.</param>
/// <param name="ResponsibleId">The responsible person.</param>
/// <param name="Q">Text in the card or its files, or a whole registration number.</param>
/// <param name="From">Registered on or after (<c>YYYY-MM-DD</c>).</param>
/// <param name="To">Registered on or before.</param>
/// <param name="ParentId">Documents directly under this one.</param>
/// <param name="ExpiringWithinDays">Validity ends between today and today plus this many days (0–366), in the company's days.</param>
/// <param name="Grouped"><c>true</c>: a page of contracts, each followed by its filtered documents.</param>
/// <param name="DealId">Documents of this deal.</param>
public sealed record DocumentListQuery(
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "counterpartyId"), Description("Only documents of this counterparty.")] Guid? CounterpartyId,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "typeCode"), Description("Only documents of this type (its code, e.g. contract).")] string? TypeCode,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "status"), Description("Only documents in this status (draft, on_approval, signed …).")] string? Status,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "responsibleId"), Description("Only documents this user is responsible for.")] Guid? ResponsibleId,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "q"), Description("Words in the number, title, summary or the text of the files.")] string? Q,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "from"), Description("Registered on or after this day, YYYY-MM-DD.")] DateOnly? From,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "to"), Description("Registered on or before this day, YYYY-MM-DD.")] DateOnly? To,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "parentId"), Description("Only the documents directly under this one.")] Guid? ParentId,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "expiringWithinDays"), Description("Only documents whose validity ends between today and today + this many days.")] int? ExpiringWithinDays,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "grouped"), Description("true: page by contract, each contract followed by the documents under it.")] bool? Grouped,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "dealId"), Description("Only the documents of this deal (404 when the deal is hidden).")] Guid? DealId = null)
{
    public DocumentFilter ToFilter() =>
        new(CounterpartyId, TypeCode, Status, ResponsibleId, Q, From, To, ParentId, ExpiringWithinDays, Grouped == true, DealId);
}

public static class DocumentsEndpoints
{
    public static void MapDocumentsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/documents").WithTags("Documents").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists documents by filter");
        group.MapGet("/export", Export)
            .WithSummary("Exports the filtered registry as CSV or XLSX");
        group.MapPost("", Register).Accepts<DocumentRequest>("application/json")
            .WithSummary("Registers a document and gives it its number");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a document's card");
        group.MapPatch("/{id:guid}", Patch).Accepts<DocumentRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Edits a document (JSON merge patch)");
        group.MapPost("/{id:guid}/status", Status)
            .WithSummary("Moves a document to another status");
        group.MapGet("/{id:guid}/tree", Tree)
            .WithSummary("Reads the tree of documents a document belongs to");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists a document's field changes");
        group.MapGet("/{id:guid}/links", Links)
            .WithSummary("Lists a document's links to other documents");
        group.MapPost("/{id:guid}/links", AddLink)
            .WithSummary("Links a document to another one");
        group.MapDelete("/{id:guid}/links", RemoveLink)
            .WithSummary("Removes a link between two documents");
        group.MapPut("/{id:guid}/co-responsible", SetCoResponsible)
            .WithSummary("Sets a document's co-responsible users");

        app.MapGroup("/api/v1/counterparties").WithTags("Documents").RequireAuthorization().WithProblems()
            .MapGet("/{id:guid}/documents", OfCounterparty)
            .WithSummary("Lists a counterparty's documents");
    }

    private static DocumentFields Fields(JsonObject body) => new()
    {
        Title = body.Field<string?>("title"),
        Summary = body.Field<string?>("summary"),
        RegisteredOn = body.Field<DateOnly?>("registeredOn"),
        CounterpartyId = body.Field<Guid?>("counterpartyId"),
        OurCompanyId = body.Field<Guid?>("ourCompanyId"),
        ParentId = body.Field<Guid?>("parentId"),
        DealId = body.Field<Guid?>("dealId"),
        Amount = body.Field<decimal?>("amount"),
        VatRate = body.Field<int?>("vatRate"),
        VatAmount = body.Field<decimal?>("vatAmount"),
        Currency = body.Field<string?>("currency"),
        SignedOn = body.Field<DateOnly?>("signedOn"),
        SignedByUsOn = body.Field<DateOnly?>("signedByUsOn"),
        SignedByCounterpartyOn = body.Field<DateOnly?>("signedByCounterpartyOn"),
        ValidFrom = body.Field<DateOnly?>("validFrom"),
        ValidTo = body.Field<DateOnly?>("validTo"),
        ResponsibleId = body.Field<Guid?>("responsibleId"),
        CoResponsibleIds = body.Field<IReadOnlyList<Guid>?>("coResponsibleIds"),
        Status = body.Field<string?>("status"),
        IncomingNumber = body.Field<string?>("incomingNumber"),
        IncomingDate = body.Field<DateOnly?>("incomingDate"),
        DeliveryMethod = body.Field<string?>("deliveryMethod"),
        Pages = body.Field<int?>("pages"),
        Attachments = body.Field<string?>("attachments"),
        AddresseeId = body.Field<Guid?>("addresseeId"),
        ReplyToId = body.Field<Guid?>("replyToId"),
        SentOn = body.Field<DateOnly?>("sentOn"),
        TrackingNumber = body.Field<string?>("trackingNumber"),
        CustomFields = body.CustomFields(),
    };

    /// <summary>
    /// The registry: newest registration date first, then the number in natural order. <c>expiringWithinDays=30</c> keeps
    /// documents whose validity ends between today and today + 30 (company days). <c>grouped=true</c> pages by contract:
    /// <c>total</c> and <c>pageSize</c> count groups, each group's head (<c>depth</c> 0) followed by its filtered
    /// documents (<c>depth</c> 1 and more).
    /// </summary>
    internal static async Task<Results<Ok<PageOf<DocumentListItemDto>>, ProblemHttpResult>> List(
        [AsParameters] DocumentListQuery query, int? page, int? pageSize, CurrentActor actor, ListDocuments handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), query.ToFilter(), PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    /// <summary>
    /// The registry as a file (<c>format=csv|xlsx</c>) with the list's filters and order: the rows the caller sees,
    /// headers in the caller's language. At most 100,000 rows; a larger result answers 422 <c>export_too_large</c>
    /// with <c>limit</c> and <c>total</c>.
    /// </summary>
    internal static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(
        [Description("csv or xlsx.")] string? format, [AsParameters] DocumentListQuery query, CurrentActor actor, ExportDocuments export,
        Microsoft.Extensions.Localization.IStringLocalizer<Resources.SharedResource> text, ProblemWriter problems, TimeProvider time,
        UserClock clock, CancellationToken ct)
    {
        if (format is null || !Enum.TryParse<Core.Crm.ExportFormat>(format, ignoreCase: true, out var kind) || int.TryParse(format, out _))
            return problems.Result(Error.Validation(("format", format is null ? FieldErrors.Required : FieldErrors.Invalid)));
        var access = await actor.AccessAsync(ct);
        var filter = query.ToFilter();
        var count = await export.CountAsync(access, filter, ct);
        if (!count.IsSuccess)
        {
            if (count.Error!.Code != Core.Crm.ExportCounterparties.TooLarge)
                return problems.Result(count.Error);
            var problem = problems.Create(count.Error);
            problem.Status = StatusCodes.Status422UnprocessableEntity;
            problem.Detail = text["crm.export.tooLarge", ExportDocuments.MaxRows.ToString("N0", System.Globalization.CultureInfo.CurrentCulture),
                ((int)count.Error.Extensions!["total"]!).ToString("N0", System.Globalization.CultureInfo.CurrentCulture)];
            return TypedResults.Problem(problem);
        }

        var zone = await clock.ViewerZoneAsync(access, ct);
        var headers = ExportDocuments.Columns.Select(c => text["doc.field." + c].Value).ToList();
        var dateHeaders = ExportDocuments.DateColumns.Select(c => text["doc.field." + c].Value).ToList();
        string StatusName(string status) => text["doc.status." + status] is { ResourceNotFound: false } name ? name.Value : status;
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        var fileName = $"documents-{TimeZones.Today(time, zone):yyyy-MM-dd}.{kind.ToString().ToLowerInvariant()}";
        var cells = ExportDocuments.Cells(export.RowsAsync(access, filter, ct), StatusName);
        return kind == Core.Crm.ExportFormat.Csv
            ? TypedResults.Stream(body => TableExport.WriteCsvAsync(body, headers, cells, culture, ct), "text/csv; charset=utf-8", fileName)
            : TypedResults.Stream(body => TableExport.WriteXlsxAsync(body, headers, dateHeaders, "Documents", cells, ct),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
    }

    internal static async Task<Results<Created<DocumentDto>, ProblemHttpResult>> Register(
        JsonObject body, HttpContext http, CurrentActor actor, RegisterDocument handler, ProblemWriter problems, CancellationToken ct)
    {
        var request = new RegisterDocumentRequest(body.Field<string?>("typeCode").Value, body.Field<Guid?>("typeId").Value, Fields(body));
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), request, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Created($"/api/v1/documents/{result.Value.Id}", result.Value);
    }

    internal static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CurrentActor actor, ReadDocument handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> Patch(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, UpdateDocument handler, ProblemWriter problems, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (body.ContainsKey("typeCode") || body.ContainsKey("typeId"))
            errors.Add((body.ContainsKey("typeCode") ? "typeCode" : "typeId", DocumentErrors.ReadOnly));
        if (body.ContainsKey("number"))
            errors.Add(("number", DocumentErrors.ReadOnly));
        if (errors.Count > 0)
            return problems.Result(Error.Validation([.. errors]));
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, Fields(body), body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> Status(
        Guid id, DocumentStatusRequest request, HttpContext http, CurrentActor actor, ChangeDocumentStatus handler, ProblemWriter problems,
        CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request.Status, request.Comment, request.Version,
            http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<DocumentTreeDto>, ProblemHttpResult>> Tree(
        Guid id, CurrentActor actor, ReadDocumentTree handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        Guid id, int? page, int? pageSize, CurrentActor actor, ReadDocument card, GetHistory history, ProblemWriter problems, CancellationToken ct)
    {
        // The history of a hidden document is as hidden as the document.
        if (!(await card.HandleAsync(await actor.AccessAsync(ct), id, ct)).IsSuccess)
            return problems.Result(Error.NotFound());
        return TypedResults.Ok(await history.HandleAsync(Document.EntityKind, id, PageRequest.From(page, pageSize), ct));
    }

    internal static async Task<Results<Ok<PageOf<DocumentLinkDto>>, ProblemHttpResult>> Links(
        Guid id, CurrentActor actor, ManageDocumentLinks handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess
            ? TypedResults.Ok(new PageOf<DocumentLinkDto>(result.Value, result.Value.Count, 1, Math.Max(1, result.Value.Count)))
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Created<DocumentLinkDto>, ProblemHttpResult>> AddLink(
        Guid id, DocumentLinkRequest request, CurrentActor actor, ManageDocumentLinks handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.AddAsync(await actor.AccessAsync(ct), id, request.ToId, request.Kind, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/documents/{id}/links", result.Value)
            : problems.Result(result.Error!);
    }

    /// <summary>Removes the link between this document and <c>toId</c> (of <c>kind</c>, or every kind), in either direction.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveLink(
        Guid id, [Description("The linked document.")] Guid? toId, [Description("The kind of link to remove.")] string? kind, CurrentActor actor, ManageDocumentLinks handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.RemoveAsync(await actor.AccessAsync(ct), id, toId, kind, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> SetCoResponsible(
        Guid id, CoResponsibleRequest request, HttpContext http, CurrentActor actor, ManageCoResponsible handler, ProblemWriter problems,
        CancellationToken ct)
    {
        var result = await handler.SetAsync(await actor.AccessAsync(ct), id, request.UserIds ?? [], request.Version, http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Ok<CounterpartyDocumentsDto>, ProblemHttpResult>> OfCounterparty(
        Guid id, CurrentActor actor, ReadCounterpartyDocuments handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }
}
