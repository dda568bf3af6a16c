using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Documents.Files;
using Letopis.Core.Storage;
using Letopis.Web.Auth;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Letopis.Web.Api;

/// <summary>
/// Files of documents: multipart upload streamed straight into the blob store (never buffered in
/// memory or as a form), versions, verified downloads, and the storage quotas.
/// </summary>
public static class DocumentFilesEndpoints
{
    /// <summary>Files up to this size are verified against their SHA-256 before the first byte is sent.</summary>
    public const long VerifyBeforeSending = 32 * 1024 * 1024;

    private const int CommentMax = TextLimits.Long;

    /// <summary>A download is read, hashed and sent in chunks of this size.</summary>
    private const int SendChunk = 1 << 20;

    /// <summary>The multipart reader's buffer: a file section is handed on in pieces of up to this size.</summary>
    private const int ReceiveBuffer = 256 * 1024;

    public static void MapDocumentFilesEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/v1/documents").WithTags("Document files").RequireAuthorization().WithProblems();
        documents.MapPost("/{id:guid}/files", UploadFile)
            .Accepts<IFormFile>("multipart/form-data").ProducesProblem(413)
            .WithSummary("Uploads a file to a document")
            .WithDescription("multipart/form-data with one part `file` (its file name, cleaned of path parts and characters unsafe on any system, "
                + "becomes the file's name; a second `file` part is a 400 `one_file_per_request` and nothing is stored) and an optional part `comment`. "
                + "The body is streamed into storage; the type is taken from the bytes. 413 `file_too_large` over Letopis:Files:MaxMegabytes, "
                + "413 `quota_exceeded` with `scope`, `limit`, `used` and `size` (bytes) when a storage quota would be exceeded.");
        documents.MapGet("/{id:guid}/files", ListFiles)
            .WithSummary("Lists a document's files with their current versions and upload comments");

        var files = app.MapGroup("/api/v1/files").WithTags("Document files").RequireAuthorization().WithProblems();
        files.MapGet("/{fileId:guid}", GetFile)
            .WithSummary("Reads a file with all its versions");
        files.MapPost("/{fileId:guid}/versions", UploadVersion)
            .Accepts<IFormFile>("multipart/form-data").ProducesProblem(413)
            .WithSummary("Uploads a new version of a file");
        files.MapGet("/{fileId:guid}/content", Content)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(500)
            .WithSummary("Downloads a version's exact bytes")
            .WithDescription("The current version, or `version=N`. `inline=true` asks for inline display (honoured for PDF, images and plain text). "
                + "The bytes are checked against the stored SHA-256: a mismatch is a 500 `file_corrupted` (large files: the transfer is aborted before its end).");
        files.MapGet("/{fileId:guid}/preview", Preview)
            .Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesProblem(413).ProducesProblem(415)
            .WithSummary("Shows a Word file as HTML")
            .WithDescription("The current version, or `version=N`, of a DOCX as a simple HTML page (paragraphs, headings, bold and italic, lists, tables; "
                + "all text escaped, nothing from the file runs or loads). 415 `not_previewable` for other types (PDF, images and text are shown "
                + "by `content?inline=true`) and for a file that cannot be read; 413 `preview_too_large` above 20 MB; 404 when the document is not visible.");
        files.MapDelete("/{fileId:guid}", DeleteFile)
            .WithSummary("Deletes a file from its document");

        var storage = app.MapGroup("/api/v1/storage").WithTags("Document files").RequireAuthorization().WithProblems();
        storage.MapGet("/usage", Usage).WithSummary("The company's and the caller's stored bytes and limits (null: unlimited)");

        var admin = app.MapGroup("/api/v1/admin").WithTags("Document files").RequireAuthorization().WithProblems();
        admin.MapGet("/quota", GetQuota).WithSummary("Storage quota settings (administrators)");
        admin.MapPut("/quota", PutQuota).Accepts<QuotaRequest>("application/json")
            .WithSummary("Sets the storage quotas in megabytes (administrators); null is unlimited, an absent field stays");
    }

    internal static Task<IResult> UploadFile(Guid id, HttpContext http, CurrentActor actor, UploadDocumentFile handler, ProblemWriter problems,
        IStringLocalizer<SharedResource> text, IOptions<DocumentFileOptions> options, CancellationToken ct) =>
        ReceiveAsync(http, id, null, actor, handler, problems, text, options.Value, ct);

    internal static Task<IResult> UploadVersion(Guid fileId, HttpContext http, CurrentActor actor, UploadDocumentFile handler, ProblemWriter problems,
        IStringLocalizer<SharedResource> text, IOptions<DocumentFileOptions> options, CancellationToken ct) =>
        ReceiveAsync(http, null, fileId, actor, handler, problems, text, options.Value, ct);

    private static async Task<IResult> ReceiveAsync(HttpContext http, Guid? documentId, Guid? fileId, CurrentActor actor, UploadDocumentFile handler,
        ProblemWriter problems, IStringLocalizer<SharedResource> text, DocumentFileOptions options, CancellationToken ct)
    {
        // Kestrel's 30 MB default would cut large files off: this request may carry one file of the allowed size.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.MaxBytes + UploadDocumentFile.EnvelopeBytes;

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return Problem(problems, text, Error.Validation(("file", FieldErrors.Required)));

        var access = await actor.AccessAsync(ct);
        var target = await handler.PrepareAsync(access, documentId, fileId, http.Request.ContentLength, ct);
        if (!target.IsSuccess)
            return Problem(problems, text, target.Error!);

        var reader = new MultipartReader(boundary, http.Request.Body, ReceiveBuffer) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        StoredBlob? stored = null;
        string? name = null;
        string? comment = null;
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                    continue;
                var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                var carriesFile = field == "file" || disposition.FileName.HasValue || disposition.FileNameStar.HasValue;
                if (carriesFile && (field != "file" || stored is not null))
                {
                    // The answer describes one file and the size limit is one file's: any other file in the
                    // request (a second `file` part, or one under another name) is refused, never dropped.
                    await Discard(handler, stored);
                    return Problem(problems, text, Error.Validation(("file", UploadDocumentFile.OneFilePerRequest)));
                }
                if (field == "file")
                {
                    name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    if (UploadDocumentFile.CheckName(name) is { } badName)
                        return Problem(problems, text, badName);
                    var result = await handler.StoreAsync(target.Value, section.Body, ct);
                    if (!result.IsSuccess)
                        return Problem(problems, text, result.Error!);
                    stored = result.Value;
                }
                else if (field == "comment")
                {
                    comment = await ReadTextAsync(section.Body, CommentMax + 1, ct);
                    if (UploadDocumentFile.CheckComment(comment) is { } badComment)
                    {
                        await Discard(handler, stored);
                        return Problem(problems, text, badComment);
                    }
                }
                else
                {
                    await section.Body.CopyToAsync(Stream.Null, ct);
                }
            }
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or InvalidDataException or OperationCanceledException)
        {
            // The upload broke off (or its multipart framing is broken): what was stored of it goes.
            await Discard(handler, stored);
            if (http.RequestAborted.IsCancellationRequested)
                return Results.Empty;
            return TypedResults.Problem(problems.Create(StatusCodes.Status400BadRequest, "upload_incomplete"));
        }

        if (stored is null)
            return Problem(problems, text, Error.Validation(("file", FieldErrors.Required)));
        var committed = await handler.CommitAsync(target.Value, name!, stored, comment, ct);
        return committed.IsSuccess
            ? TypedResults.Created($"/api/v1/files/{committed.Value.Id}", committed.Value)
            : Problem(problems, text, committed.Error!);
    }

    private static async Task Discard(UploadDocumentFile handler, StoredBlob? stored)
    {
        if (stored is not null)
            await handler.DiscardAsync(stored);
    }

    private static async Task<string> ReadTextAsync(Stream body, int maxChars, CancellationToken ct)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        var buffer = new char[maxChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        if (read == maxChars)
            await body.CopyToAsync(Stream.Null, ct);
        return new string(buffer, 0, read);
    }

    /// <summary>A problem with the quota's and the size limit's numbers worded for the reader.</summary>
    private static ProblemHttpResult Problem(ProblemWriter problems, IStringLocalizer<SharedResource> text, Error error)
    {
        var problem = problems.Create(error);
        if (error.Code == QuotaRefusal.Code && error.Extensions is { } q)
        {
            problem.Detail = text["files.quota." + q["scope"], FileSizes.Format(text, (long)q["limit"]!), FileSizes.Format(text, (long)q["used"]!),
                FileSizes.Format(text, (long)q["size"]!)];
        }
        else if (error.Code == UploadDocumentFile.TooLarge && error.Extensions is { } l)
        {
            problem.Detail = text["files.tooLarge", FileSizes.Format(text, (long)l["limit"]!)];
        }
        return TypedResults.Problem(problem);
    }

    internal static async Task<Results<Ok<PageOf<DocumentFileDto>>, ProblemHttpResult>> ListFiles(
        Guid id, CurrentActor actor, ReadDocumentFiles handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess
            ? TypedResults.Ok(new PageOf<DocumentFileDto>(result.Value, result.Value.Count, 1, Math.Max(1, result.Value.Count)))
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<DocumentFileDto>, ProblemHttpResult>> GetFile(
        Guid fileId, CurrentActor actor, ReadDocumentFiles handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(await actor.AccessAsync(ct), fileId, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteFile(
        Guid fileId, CurrentActor actor, DeleteDocumentFile handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), fileId, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    internal static async Task<IResult> Content(
        Guid fileId, [Description("The version to download; the current one when absent.")] int? version, [Description("true: ask the browser to show it (PDF, images and plain text only).")] bool? inline, HttpContext http, CurrentActor actor, ReadDocumentFiles handler, IBlobStore blobs,
        ProblemWriter problems, ILoggerFactory loggers, CancellationToken ct)
    {
        var found = await handler.ContentAsync(await actor.AccessAsync(ct), fileId, version, ct);
        if (!found.IsSuccess)
            return problems.Result(found.Error!);
        var file = found.Value;
        var logger = loggers.CreateLogger(typeof(DocumentFilesEndpoints));
        var etag = new EntityTagHeaderValue($"\"{file.Sha256}\"");
        if (http.Request.GetTypedHeaders().IfNoneMatch?.Any(t => t.Compare(etag, useStrongComparison: false)) == true)
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);

        var blob = await blobs.OpenReadAsync(file.BlobKey, ct);
        if (blob is null)
        {
            logger.LogError("The blob {BlobKey} of file {FileId} version {Version} is missing", file.BlobKey, file.FileId, file.Version);
            return TypedResults.Problem(problems.Create(StatusCodes.Status500InternalServerError, "file_corrupted"));
        }
        await using (blob)
        {
            if (file.Size <= VerifyBeforeSending)
            {
                var (size, sha) = await HashAsync(blob, ct);
                if (size != file.Size || sha != file.Sha256)
                {
                    logger.LogError("File {FileId} version {Version} does not match its SHA-256 (blob {BlobKey})", file.FileId, file.Version, file.BlobKey);
                    return TypedResults.Problem(problems.Create(StatusCodes.Status500InternalServerError, "file_corrupted"));
                }
                blob.Position = 0;
            }

            var response = http.Response;
            response.ContentType = file.ContentType;
            response.ContentLength = file.Size;
            response.Headers.ETag = etag.ToString();
            response.Headers.CacheControl = "private, no-cache";
            response.Headers.XContentTypeOptions = "nosniff";
            if (file.ContentType != ContentSniffer.Pdf)
                // Whatever a file holds, it never runs as a page of this site.
                response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
            var disposition = new ContentDispositionHeaderValue(inline == true && ContentSniffer.IsPreviewable(file.ContentType) ? "inline" : "attachment");
            disposition.SetHttpFileName(file.Name);
            response.Headers.ContentDisposition = disposition.ToString();

            if (file.Size <= VerifyBeforeSending)
                // Already checked whole: sent as it is, not hashed a second time.
                await blob.CopyToAsync(response.Body, SendChunk, ct);
            else if (!await SendVerifiedAsync(blob, response.Body, file, ct))
            {
                logger.LogError("File {FileId} version {Version} does not match its SHA-256 (blob {BlobKey}); the download was aborted",
                    file.FileId, file.Version, file.BlobKey);
                // The length was promised: a connection closed before the end is a failed download for every client.
                http.Abort();
            }
        }
        return Results.Empty;
    }

    internal static async Task<IResult> Preview(Guid fileId, [Description("The version to show; the current one when absent.")] int? version,
        HttpContext http, CurrentActor actor, PreviewDocumentFile handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), fileId, version, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        var preview = result.Value;
        var response = http.Response;
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        // The page is ours, but its text is a file's: it never runs as a page of this site.
        response.Headers.ContentSecurityPolicy = "sandbox allow-modals; default-src 'none'; style-src 'unsafe-inline'";
        var title = System.Net.WebUtility.HtmlEncode(preview.Name);
        return TypedResults.Content($$"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>{{title}}</title><style>
            body { font-family: "Times New Roman", serif; font-size: 12pt; line-height: 1.4; max-width: 800px; margin: 24px auto; padding: 0 24px; color: #222; }
            table { border-collapse: collapse; margin: 8px 0; } td { border: 1px solid #999; padding: 4px 8px; vertical-align: top; }
            td p { margin: 0; } .cut { color: #777; }
            </style></head><body>{{preview.Html}}</body></html>
            """, "text/html; charset=utf-8");
    }

    private static async Task<(long Size, string Sha256)> HashAsync(Stream blob, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await blob.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            size += read;
        }
        return (size, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    /// <summary>
    /// Sends the blob while hashing it, always holding the last chunk back: only when the whole blob
    /// hashed right does the end go out, so a corrupted file never arrives as a complete download.
    /// </summary>
    private static async Task<bool> SendVerifiedAsync(Stream blob, Stream output, FileVersionContent file, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var held = ArrayPool<byte>.Shared.Rent(SendChunk);
        var next = ArrayPool<byte>.Shared.Rent(SendChunk);
        var spare = ArrayPool<byte>.Shared.Rent(SendChunk);
        try
        {
            var heldLength = await blob.ReadAtLeastAsync(held.AsMemory(0, SendChunk), SendChunk, throwOnEndOfStream: false, ct);
            sha.AppendData(held, 0, heldLength);
            long size = heldLength;
            var nextLength = heldLength == 0 ? 0 : await blob.ReadAtLeastAsync(next.AsMemory(0, SendChunk), SendChunk, throwOnEndOfStream: false, ct);
            while (nextLength > 0)
            {
                // A chunk with another after it is not the end: it goes out while the following one is hashed and read.
                var sending = output.WriteAsync(held.AsMemory(0, heldLength), ct).AsTask();
                sha.AppendData(next, 0, nextLength);
                size += nextLength;
                var spareLength = await blob.ReadAtLeastAsync(spare.AsMemory(0, SendChunk), SendChunk, throwOnEndOfStream: false, ct);
                await sending;
                (held, next, spare) = (next, spare, held);
                (heldLength, nextLength) = (nextLength, spareLength);
            }
            if (size != file.Size || Convert.ToHexStringLower(sha.GetHashAndReset()) != file.Sha256)
                return false;
            await output.WriteAsync(held.AsMemory(0, heldLength), ct);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(held);
            ArrayPool<byte>.Shared.Return(next);
            ArrayPool<byte>.Shared.Return(spare);
        }
    }

    internal static async Task<Ok<StorageUsageDto>> Usage(CurrentActor actor, ManageStorageQuota handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.UsageAsync(await actor.AccessAsync(ct), ct));

    internal static async Task<Results<Ok<QuotaSettingsDto>, ProblemHttpResult>> GetQuota(
        CurrentActor actor, ManageStorageQuota handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(await actor.AccessAsync(ct), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<QuotaSettingsDto>, ProblemHttpResult>> PutQuota(
        JsonObject body, HttpContext http, CurrentActor actor, ManageStorageQuota handler, ProblemWriter problems, CancellationToken ct)
    {
        var fields = new QuotaSettingsFields(body.Field<long?>("companyMegabytes"), body.Field<long?>("userMegabytes"));
        var result = await handler.SetAsync(await actor.AccessAsync(ct), fields, http.Request.IfMatchVersion() ?? body.VersionField(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }
}

/// <summary>Storage quotas in megabytes (MiB); null is unlimited.</summary>
/// <param name="CompanyMegabytes">All files of the company together.</param>
/// <param name="UserMegabytes">The files each user uploaded.</param>
public sealed record QuotaRequest(long? CompanyMegabytes, long? UserMegabytes);

/// <summary>Byte counts as people read them: «1,5 МБ».</summary>
public static class FileSizes
{
    public static string Format(IStringLocalizer<SharedResource> text, long bytes)
    {
        const double k = 1024;
        var culture = CultureInfo.CurrentCulture;
        return bytes < k ? text["files.size.b", bytes.ToString("N0", culture)]
            : bytes < k * k ? text["files.size.kb", (bytes / k).ToString("0.#", culture)]
            : bytes < k * k * k ? text["files.size.mb", (bytes / k / k).ToString("0.#", culture)]
            : text["files.size.gb", (bytes / k / k / k).ToString("0.##", culture)];
    }
}
