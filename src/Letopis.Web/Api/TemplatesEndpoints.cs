using System.ComponentModel;
using System.Text;
using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Documents;
using Letopis.Core.Documents.Files;
using Letopis.Core.History;
using Letopis.Core.Templates;
using Letopis.Web.Auth;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Letopis.Web.Api;

/// <summary>A template (<c>POST</c> as JSON makes an HTML template; <c>PUT</c> replaces the fields, null clears).</summary>
/// <param name="Name">«Договор поставки».</param>
/// <param name="Description">What the template is for.</param>
/// <param name="Format"><c>html</c> (the default for JSON); a Word template is uploaded as multipart with a <c>file</c> part.</param>
/// <param name="Target"><c>counterparty</c>, <c>deal</c> or <c>document</c>: the record it is generated from.</param>
/// <param name="Body">Liquid HTML; a syntax error → 422 <c>template_syntax</c> with <c>line</c> and <c>cause</c>, nothing saved.</param>
/// <param name="DocumentTypeId">The type generated files are registered as; absent: they cannot be registered.</param>
/// <param name="FileNamePattern">Liquid for the generated file's name without extension; absent: the template's name.</param>
/// <param name="EmailSubject">Liquid for the subject a letter with the file proposes.</param>
/// <param name="EmailBody">Liquid (plain text) for the letter's body.</param>
/// <param name="Version">The version read (stale → 409).</param>
public sealed record TemplateRequest(
    string? Name, string? Description, string? Format, string? Target, string? Body, Guid? DocumentTypeId,
    string? FileNamePattern, string? EmailSubject, string? EmailBody, int? Version);

/// <summary>An unsaved HTML body rendered against one record.</summary>
/// <param name="Body">Liquid HTML.</param>
/// <param name="CounterpartyId">The counterparty to render against.</param>
/// <param name="DealId">Or the deal (it brings its counterparty).</param>
/// <param name="DocumentId">Or the document (it brings its counterparty and parent).</param>
public sealed record TemplatePreviewRequest(string? Body, Guid? CounterpartyId, Guid? DealId, Guid? DocumentId);

/// <summary>What to generate.</summary>
/// <param name="Output"><c>html</c>, <c>pdf</c> or <c>docx</c>.</param>
/// <param name="CounterpartyId">The record, as the template's target says.</param>
/// <param name="DealId">The deal, for a deal template.</param>
/// <param name="DocumentId">The document, for a document template.</param>
/// <param name="Register">Register the file as a new document of the template's type with the file attached (all or nothing).</param>
public sealed record TemplateRenderRequest(string? Output, Guid? CounterpartyId, Guid? DealId, Guid? DocumentId, bool? Register);

public static class TemplatesEndpoints
{
    /// <summary>Room for the multipart boundaries and the text fields around a Word template.</summary>
    private const long Envelope = 256 * 1024;

    /// <summary>The longest text field read from a multipart request (the longest field, an e-mail body, has 20,000 characters).</summary>
    private const int FieldChars = DocumentTemplate.EmailBodyMax + 1;

    public static void MapTemplatesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/templates").WithTags("Templates").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists templates of generated documents");
        group.MapPost("", Create).Accepts<TemplateRequest>("application/json", "multipart/form-data")
            .ProducesProblem(413).ProducesProblem(415).ProducesProblem(422)
            .WithSummary("Creates a template")
            .WithDescription("JSON `{name, target, body, ...}` makes an HTML template; multipart/form-data with a `file` part (.docx, at most 10 MB) "
                + "and the same fields as parts makes a Word template. The Liquid is parsed first: a syntax error is a 422 `template_syntax` "
                + "with `line`, `cause` and `errors.<field>`; a file that is not a real .docx is a 415 `template_not_docx`. Nothing is saved on an error.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a template");
        group.MapPut("/{id:guid}", Update).Accepts<TemplateRequest>("application/json")
            .ProducesProblem(412).ProducesProblem(422)
            .WithSummary("Replaces a template's fields");
        group.MapDelete("/{id:guid}", Archive)
            .WithSummary("Archives a template (it is no longer offered; its documents stay)");
        group.MapPost("/{id:guid}/archive", Archive)
            .WithSummary("Archives a template");
        group.MapPost("/{id:guid}/unarchive", Unarchive)
            .WithSummary("Restores an archived template");
        group.MapPost("/{id:guid}/file", ReplaceFile).Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(413).ProducesProblem(415)
            .WithSummary("Replaces the .docx of a Word template");
        group.MapGet("/{id:guid}/file", DownloadFile)
            .Produces(StatusCodes.Status200OK, contentType: ManageTemplates.DocxContentType)
            .WithSummary("Downloads the .docx of a Word template");
        group.MapGet("/{id:guid}/history", History)
            .WithSummary("Lists a template's changes");
        group.MapPost("/preview", Preview).Accepts<TemplatePreviewRequest>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesProblem(422)
            .WithSummary("Renders an unsaved HTML template against a record")
            .WithDescription("The rendered HTML (values escaped), or 422 `template_syntax` with `line` and `cause`, or 422 `template_unknown_field` "
                + "naming the field. A record the caller cannot see is a 404.");
        group.MapPost("/{id:guid}/render", Render).Accepts<TemplateRenderRequest>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(422).ProducesProblem(503)
            .WithSummary("Generates a file from a template")
            .WithDescription("The file itself, as an attachment named by the template's file name pattern. With `register: true` it is also "
                + "registered as a new document of the template's type with the file attached — all or nothing — and `X-Document-Id` and "
                + "`Location` name that document. 503 `pdf_engine_missing` names the system package to install when a PDF engine is missing; "
                + "422 `output_not_supported` for a Word template asked for HTML; 422 `template_not_registrable` (on `register`) when the "
                + "template has no document type.");
    }

    internal static async Task<Ok<PageOf<TemplateDto>>> List(
        [Description("Only templates for this record: counterparty, deal or document.")] string? target,
        [Description("true: archived templates too (for those who manage templates).")] bool? includeArchived,
        CurrentActor actor, ManageTemplates handler, CancellationToken ct)
    {
        var parsed = ApiNames.Parse<TemplateTarget>(target);
        var items = parsed is null && !string.IsNullOrWhiteSpace(target)
            ? []
            : await handler.ListAsync(await actor.AccessAsync(ct), parsed, includeArchived == true, ct);
        return TypedResults.Ok(new PageOf<TemplateDto>(items, items.Count, 1, Math.Max(1, items.Count)));
    }

    internal static async Task<Results<Ok<TemplateDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CurrentActor actor, ManageTemplates handler, ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var result = await handler.GetAsync(await actor.AccessAsync(ct), id, ct);
        if (!result.IsSuccess)
            return Problem(problems, text, result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<IResult> Create(
        HttpContext http, CurrentActor actor, ManageTemplates handler, ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var access = await actor.AccessAsync(ct);
        if (IsMultipart(http.Request, out var boundary))
        {
            var upload = await ReadUploadAsync(http, boundary, ct);
            if (!upload.IsSuccess)
                return Problem(problems, text, upload.Error!);
            var (fields, declared, name, content) = upload.Value;
            if (declared is not null && ApiNames.Parse<TemplateFormat>(declared) != TemplateFormat.Docx)
                return Problem(problems, text, Error.Validation(("format", FieldErrors.Invalid)));
            if (content is null)
                return Problem(problems, text, Error.Validation(("file", FieldErrors.Required)));
            var created = await handler.UploadDocxAsync(access, null, fields, name!, content, ct);
            return created.IsSuccess
                ? TypedResults.Created($"/api/v1/templates/{created.Value.Id}", created.Value)
                : Problem(problems, text, created.Error!);
        }
        if (!IsJson(http.Request))
            return TypedResults.Problem(problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type"));
        var body = await http.Request.ReadFromJsonAsync<JsonObject>(JsonOptions.Web, ct) ?? [];
        var requested = body.Field<string?>("format").Or(null);
        var format = ApiNames.Parse<TemplateFormat>(requested);
        if (requested is not null && format is null)
            return Problem(problems, text, Error.Validation(("format", FieldErrors.Invalid)));
        if (format == TemplateFormat.Docx)
            // A Word template is its file: it comes as multipart.
            return Problem(problems, text, Error.Validation(("file", FieldErrors.Required)));
        var result = await handler.CreateAsync(access, FieldsOf(body), ct);
        if (!result.IsSuccess)
            return Problem(problems, text, result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Created($"/api/v1/templates/{result.Value.Id}", result.Value);
    }

    internal static async Task<Results<Ok<TemplateDto>, ProblemHttpResult>> Update(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, ManageTemplates handler, ProblemWriter problems,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), id, FieldsOf(body), body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return Problem(problems, text, result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static Task<Results<Ok<TemplateDto>, ProblemHttpResult>> Archive(
        Guid id, CurrentActor actor, ManageTemplates handler, ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        SetArchivedAsync(id, true, actor, handler, problems, text, ct);

    internal static Task<Results<Ok<TemplateDto>, ProblemHttpResult>> Unarchive(
        Guid id, CurrentActor actor, ManageTemplates handler, ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        SetArchivedAsync(id, false, actor, handler, problems, text, ct);

    private static async Task<Results<Ok<TemplateDto>, ProblemHttpResult>> SetArchivedAsync(
        Guid id, bool archived, CurrentActor actor, ManageTemplates handler, ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var result = await handler.ArchiveAsync(await actor.AccessAsync(ct), id, archived, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problem(problems, text, result.Error!);
    }

    internal static async Task<IResult> ReplaceFile(
        Guid id, HttpContext http, CurrentActor actor, ManageTemplates handler, ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!IsMultipart(http.Request, out var boundary))
            return Problem(problems, text, Error.Validation(("file", FieldErrors.Required)));
        var access = await actor.AccessAsync(ct);
        var upload = await ReadUploadAsync(http, boundary, ct);
        if (!upload.IsSuccess)
            return Problem(problems, text, upload.Error!);
        if (upload.Value.Content is null)
            return Problem(problems, text, Error.Validation(("file", FieldErrors.Required)));
        var result = await handler.UploadDocxAsync(access, id, null, upload.Value.Name!, upload.Value.Content, http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return Problem(problems, text, result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<IResult> DownloadFile(
        Guid id, HttpContext http, CurrentActor actor, ManageTemplates handler, ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var result = await handler.ReadDocxAsync(await actor.AccessAsync(ct), id, ct);
        if (!result.IsSuccess)
            return Problem(problems, text, result.Error!);
        return FileResult(http, result.Value.Content, ManageTemplates.DocxContentType, result.Value.FileName, inline: false);
    }

    internal static async Task<Results<Ok<PageOf<ChangeDto>>, ProblemHttpResult>> History(
        Guid id, int? page, int? pageSize, CurrentActor actor, ManageTemplates handler, GetHistory history, ProblemWriter problems, CancellationToken ct)
    {
        var access = await actor.AccessAsync(ct);
        if (!(await handler.GetAsync(access, id, ct)).IsSuccess)
            return problems.Result(Error.NotFound());
        return TypedResults.Ok(await history.HandleAsync(DocumentTemplate.EntityKind, id, PageRequest.From(page, pageSize), ct));
    }

    internal static async Task<IResult> Preview(
        JsonObject body, HttpContext http, CurrentActor actor, PreviewTemplate handler, ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var subject = new TemplateSubject(body.Field<Guid?>("counterpartyId").Or(null), body.Field<Guid?>("dealId").Or(null), body.Field<Guid?>("documentId").Or(null));
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), body.Field<string?>("body").Or(null) ?? "", subject, ct);
        if (!result.IsSuccess)
            return Problem(problems, text, result.Error!);
        Sandbox(http.Response);
        return TypedResults.Content(result.Value, "text/html; charset=utf-8");
    }

    internal static async Task<IResult> Render(
        Guid id, JsonObject body,
        [Description("true: ask the browser to show an HTML or PDF file (to print it) instead of saving it.")] bool? inline,
        HttpContext http, CurrentActor actor, GenerateDocument handler, ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var request = new GenerateRequest(
            body.Field<string?>("output").Or(null)!,
            body.Field<Guid?>("counterpartyId").Or(null),
            body.Field<Guid?>("dealId").Or(null),
            body.Field<Guid?>("documentId").Or(null),
            body.Field<bool?>("register").Or(null) == true);
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request, ct);
        if (!result.IsSuccess)
            return Problem(problems, text, result.Error!);
        var file = result.Value;
        if (file.DocumentId is { } documentId)
        {
            http.Response.Headers["X-Document-Id"] = documentId.ToString();
            http.Response.Headers.Location = $"/api/v1/documents/{documentId}";
            if (file.FileId is { } fileId)
                http.Response.Headers["X-File-Id"] = fileId.ToString();
        }
        return FileResult(http, file.Content, file.ContentType, file.FileName, inline == true && !file.ContentType.Contains("wordprocessingml", StringComparison.Ordinal));
    }

    private static IResult FileResult(HttpContext http, byte[] content, string contentType, string fileName, bool inline)
    {
        var response = http.Response;
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (!contentType.StartsWith(ContentSniffer.Pdf, StringComparison.Ordinal))
            Sandbox(response);
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.Bytes(content, contentType);
    }

    /// <summary>A generated page is the template author's HTML: it never runs as a page of this site.</summary>
    private static void Sandbox(HttpResponse response) =>
        response.Headers.ContentSecurityPolicy = "sandbox allow-modals; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src data:";

    private static TemplateFields FieldsOf(JsonObject body) => new(
        body.Field<string?>("name").Or(null),
        body.Field<string?>("description").Or(null),
        body.Field<string?>("target").Or(null),
        body.Field<string?>("body").Or(null),
        body.Field<Guid?>("documentTypeId").Or(null),
        body.Field<string?>("fileNamePattern").Or(null),
        body.Field<string?>("emailSubject").Or(null),
        body.Field<string?>("emailBody").Or(null));

    private static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static bool IsMultipart(HttpRequest request, out string boundary)
    {
        boundary = "";
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } b)
            return false;
        boundary = b;
        return true;
    }

    /// <summary>The text fields and the one file of a multipart request; the file is held in memory (at most 10 MB).</summary>
    private static async Task<Result<(TemplateFields Fields, string? Format, string? Name, Stream? Content)>> ReadUploadAsync(
        HttpContext http, string boundary, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = ManageTemplates.MaxDocxBytes + Envelope;
        if (http.Request.ContentLength > ManageTemplates.MaxDocxBytes + Envelope)
            return UploadDocumentFile.TooLargeError(ManageTemplates.MaxDocxBytes);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        MemoryStream? content = null;
        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                    continue;
                var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                var carriesFile = field == "file" || disposition.FileName.HasValue || disposition.FileNameStar.HasValue;
                if (carriesFile)
                {
                    if (field != "file" || content is not null)
                        return Error.Validation(("file", UploadDocumentFile.OneFilePerRequest));
                    name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    if (FileNames.Check(name) is { } badName)
                        return Error.Validation(("file", badName));
                    content = new MemoryStream();
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await section.Body.ReadAsync(buffer, ct)) > 0)
                    {
                        if (content.Length + read > ManageTemplates.MaxDocxBytes)
                            return UploadDocumentFile.TooLargeError(ManageTemplates.MaxDocxBytes);
                        content.Write(buffer, 0, read);
                    }
                    content.Position = 0;
                }
                else
                {
                    using var text = new StreamReader(section.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
                    var chars = new char[FieldChars];
                    var count = await text.ReadBlockAsync(chars.AsMemory(), ct);
                    if (count == FieldChars)
                        return Error.Validation((field, FieldErrors.TooLong));
                    if (values.ContainsKey(field))
                        return Error.Validation((field, FieldErrors.DuplicateKey));
                    values[field] = new string(chars, 0, count);
                }
            }
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or InvalidDataException)
        {
            return new Error("upload_incomplete", "The upload broke off or its multipart framing is broken.");
        }

        string? Value(string key) => values.GetValueOrDefault(key) is { Length: > 0 } v ? v : null;
        Guid? typeId = null;
        if (Value("documentTypeId") is { } rawType)
        {
            if (!Guid.TryParse(rawType, out var parsed))
                return Error.Validation(("documentTypeId", FieldErrors.Invalid));
            typeId = parsed;
        }
        var fields = new TemplateFields(Value("name"), Value("description"), Value("target"), null, typeId,
            Value("fileNamePattern"), Value("emailSubject"), Value("emailBody"));
        return (fields, Value("format"), name, content);
    }

    /// <summary>The problem with the status and the words of template errors (the line and cause of a syntax error, the missing engine's package).</summary>
    internal static ProblemHttpResult Problem(ProblemWriter problems, IStringLocalizer<SharedResource> text, Error error)
    {
        var problem = problems.Create(error);
        problem.Status = StatusOf(error.Code) ?? problem.Status;
        var detail = Detail(text, error);
        if (detail is not null)
        {
            problem.Detail = detail;
            if (error.Code == TemplateErrors.Syntax && error.FieldErrors is { Count: > 0 } fields)
                problem.Extensions["errors"] = fields.ToDictionary(f => f.Key, _ => new[] { detail });
        }
        return TypedResults.Problem(problem);
    }

    public static int? StatusOf(string code) => code switch
    {
        TemplateErrors.Syntax or TemplateErrors.UnknownField or TemplateErrors.TooLarge or TemplateErrors.FilterFailed
            or TemplateFieldErrors.NotRegistrable or TemplateFieldErrors.OutputNotSupported
            => StatusCodes.Status422UnprocessableEntity,
        TemplateErrors.NotDocx => StatusCodes.Status415UnsupportedMediaType,
        PdfErrors.EngineMissing => StatusCodes.Status503ServiceUnavailable,
        PdfErrors.EngineFailed => StatusCodes.Status502BadGateway,
        "upload_incomplete" => StatusCodes.Status400BadRequest,
        _ => null,
    };

    /// <summary>The error in the reader's words, with what the engine said of it; null when the title says it all.</summary>
    public static string? Detail(IStringLocalizer<SharedResource> text, Error error)
    {
        var ext = error.Extensions ?? new Dictionary<string, object?>();
        string? Ext(string key) => ext.TryGetValue(key, out var v) && v is not null ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null;
        return error.Code switch
        {
            TemplateErrors.Syntax when Ext("line") is { } line => text["templates.error.syntaxAt", line, Ext("cause") ?? error.Message].Value,
            TemplateErrors.Syntax => text["templates.error.syntax", Ext("cause") ?? error.Message].Value,
            TemplateErrors.UnknownField => text["templates.error.unknownField", Ext("field") ?? Ext("name") ?? Ext("path") ?? error.Message].Value,
            TemplateErrors.FilterFailed => text["templates.error.filter", Ext("filter") ?? "", Ext("cause") ?? error.Message].Value,
            TemplateErrors.TooLarge => text["templates.error.tooLarge", Ext("cause") ?? error.Message].Value,
            PdfErrors.EngineMissing => text["templates.error.pdfMissing", Ext("package") ?? ""].Value,
            PdfErrors.EngineFailed => text["templates.error.pdfFailed", Ext("cause") ?? error.Message].Value,
            _ => null,
        };
    }
}
