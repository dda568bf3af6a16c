using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.History;
using Letopis.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letopis.Core.Documents.Files;

/// <summary>An uploaded file (or new version) as the API answers it: <c>id</c> is the file's id.</summary>
public sealed record FileUploadedDto(
    Guid Id, Guid DocumentId, string Name, long Size, string Sha256, int Version, string ContentType, Guid VersionId,
    DateTime UploadedAt, Guid? UploadedById, string? Comment);

/// <summary>Where an upload goes and how many bytes it may bring, decided before any byte is read.</summary>
public sealed record FileUploadTarget(
    Guid DocumentId, Guid? FileId, Guid? CounterpartyId, string DocumentLabel, Guid UploaderId, QuotaLimits Limits,
    long CompanyUsed, long UserUsed, long MaxBytes)
{
    /// <summary>The most bytes the file may have: the size limit, or less when a quota has less room left.</summary>
    public long Allowed => Math.Min(MaxBytes, Math.Min(
        Limits.CompanyBytes is { } c ? Math.Max(0, c - CompanyUsed) : long.MaxValue,
        Limits.UserBytes is { } u ? Math.Max(0, u - UserUsed) : long.MaxValue));
}

/// <summary>Bytes safely in the blob store, not yet recorded; <paramref name="WrittenAt"/> is the store's own write time.</summary>
public sealed record StoredBlob(string Key, long Size, string Sha256, string ContentType, DateTime WrittenAt);

/// <summary>
/// Uploads a file to a document, or a new version of one of its files, in three steps that the
/// API calls while it reads the multipart body: <see cref="PrepareAsync"/> checks access, the
/// declared size and the quotas before anything is read; <see cref="StoreAsync"/> streams the
/// bytes into the blob store (constant memory, SHA-256 and type sniffed on the way, refused the
/// moment they pass the size limit or the quota); <see cref="CommitAsync"/> records the version,
/// reserves the quota atomically, queues the text extraction and writes history and timeline in
/// one transaction. A failure after the blob was stored deletes it: nothing is left behind.
/// </summary>
public sealed class UploadDocumentFile(
    LetopisDb db,
    IBlobStore blobs,
    IEnumerable<ITextExtractor> extractors,
    FileTextGate extraction,
    TimeProvider time,
    ICurrentActor actor,
    IOptions<DocumentFileOptions> options,
    IOptions<QuotaOptions> quotas,
    ILogger<UploadDocumentFile> logger)
{
    /// <summary>Error code: the file is larger than <see cref="DocumentFileOptions.MaxMegabytes"/> (413).</summary>
    public const string TooLarge = "file_too_large";

    /// <summary>Field error code: the file has no bytes.</summary>
    public const string Empty = "empty";

    /// <summary>Room for the multipart boundaries, part headers and a comment around the file in a request's declared length.</summary>
    public const long EnvelopeBytes = 64 * 1024;

    public static Error TooLargeError(long maxBytes) => new(TooLarge, $"The file is larger than the limit of {maxBytes} bytes.",
        Extensions: new Dictionary<string, object?> { ["limit"] = maxBytes });

    /// <summary>Field error code (on <c>file</c>): a request brings one file; a second one is refused, not dropped.</summary>
    public const string OneFilePerRequest = "one_file_per_request";

    /// <summary>The field error for a file name (on <c>file</c>, the part it came with), or null when it is acceptable.</summary>
    public static Error? CheckName(string? name) =>
        FileNames.Check(name) is { } code ? Error.Validation(("file", code)) : null;

    /// <summary>The field error for a version's comment (multi-line text, <see cref="TextLimits.Long"/>), or null when it is acceptable.</summary>
    public static Error? CheckComment(string? comment) =>
        comment?.Length > TextLimits.Long ? Error.Validation(("comment", FieldErrors.TooLong))
        : comment is not null && !TextRules.IsAllowed(comment, multiLine: true) ? Error.Validation(("comment", TextRules.ControlCharacters))
        : null;

    /// <summary>
    /// Checks that the caller may add a file to this document (<paramref name="fileId"/> null) or a
    /// version to this file, and — when the request declares its length — that it fits the size limit
    /// and both quotas, so that an upload bound to be refused is refused before a byte is stored.
    /// </summary>
    public Task<Result<FileUploadTarget>> PrepareAsync(AccessContext access, Guid? documentId, Guid? fileId, long? declaredLength, CancellationToken ct) =>
        PrepareAsync(access, documentId, fileId, declaredLength, requireEdit: true, ct);

    /// <summary>
    /// A new file of a letter brought by an executor with a report: they read the letter without
    /// editing it, and the assignment's rules (checked by the caller) let them add their report's files.
    /// </summary>
    internal Task<Result<FileUploadTarget>> PrepareReportFileAsync(AccessContext access, Guid documentId, long? declaredLength, CancellationToken ct) =>
        PrepareAsync(access, documentId, null, declaredLength, requireEdit: false, ct);

    private async Task<Result<FileUploadTarget>> PrepareAsync(
        AccessContext access, Guid? documentId, Guid? fileId, long? declaredLength, bool requireEdit, CancellationToken ct)
    {
        if (fileId is { } fid)
        {
            documentId = await db.DocumentFiles.AsNoTracking().Where(f => f.Id == fid && !f.Deleted).Select(f => (Guid?)f.DocumentId).SingleOrDefaultAsync(ct);
            if (documentId is null)
                return Error.NotFound();
        }
        var document = await db.VisibleDocuments(access).AsNoTracking()
            .Where(d => d.Id == documentId)
            .Select(d => new { d.Id, d.Number, d.Title, d.CounterpartyId })
            .SingleOrDefaultAsync(ct);
        if (document is null)
            return Error.NotFound();
        if (requireEdit && !await db.VisibleDocuments(access, PermissionAction.Edit).AnyAsync(d => d.Id == document.Id, ct))
            return Error.Forbidden();

        var uploader = actor.UserId ?? access.UserId;
        var limits = await StorageQuotas.LimitsAsync(db, quotas.Value, ct);
        var (companyUsed, userUsed) = await StorageQuotas.UsedAsync(db, uploader, ct);
        var target = new FileUploadTarget(document.Id, fileId, document.CounterpartyId,
            document.Number is null ? document.Title : $"{document.Number} {document.Title}",
            uploader, limits, companyUsed, userUsed, options.Value.MaxBytes);

        if (declaredLength is { } declared)
        {
            // The declared length holds the file plus its multipart envelope: only what is surely file counts.
            var fileAtLeast = declared - EnvelopeBytes;
            if (fileAtLeast > target.MaxBytes)
                return TooLargeError(target.MaxBytes);
            // The refusal names the whole declared length: the best the server knows of the size without reading.
            if (fileAtLeast > 0 && StorageQuotas.Check(limits, companyUsed, userUsed, fileAtLeast) is { } refusal)
                return (refusal with { SizeBytes = declared }).ToError();
        }
        return target;
    }

    /// <summary>
    /// Streams the file into the blob store. Past the allowed size the stream stops, the partial blob
    /// is dropped, and the rest of the upload is read (not stored) only to tell the user its size.
    /// </summary>
    public async Task<Result<StoredBlob>> StoreAsync(FileUploadTarget target, Stream content, CancellationToken ct)
    {
        var upload = new UploadStream(content, target.Allowed);
        var key = Guid.CreateVersion7().ToString("N");
        BlobInfo blob;
        try
        {
            blob = await blobs.PutAsync(key, upload, ct);
        }
        catch (UploadLimitException)
        {
            if (upload.Count > target.MaxBytes)
                return TooLargeError(target.MaxBytes);
            var size = await upload.DrainAsync(target.MaxBytes, ct);
            if (size > target.MaxBytes)
                return TooLargeError(target.MaxBytes);
            return (StorageQuotas.Check(target.Limits, target.CompanyUsed, target.UserUsed, size)
                ?? new QuotaRefusal("company", target.Limits.CompanyBytes ?? 0, target.CompanyUsed, size)).ToError();
        }
        if (blob.Size == 0)
        {
            await blobs.DeleteAsync(key, CancellationToken.None);
            return Error.Validation(("file", Empty));
        }
        return new StoredBlob(blob.Key, blob.Size, blob.Sha256, ContentSniffer.Sniff(upload.Head), blob.WrittenAt);
    }

    /// <summary>Records the stored bytes as version 1 of a new file or the next version of the target file.</summary>
    public async Task<Result<FileUploadedDto>> CommitAsync(FileUploadTarget target, string name, StoredBlob blob, string? comment, CancellationToken ct)
    {
        try
        {
            var result = await RecordAsync(target, FileNames.Clean(name), blob, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), ct);
            if (!result.IsSuccess)
                await DiscardAsync(blob);
            else
                extraction.Wake();
            return result;
        }
        catch (DbUpdateException)
        {
            // Two versions of one file committed at the same moment: the unique version number let one through.
            await DiscardAsync(blob);
            return Error.Conflict("Another version of this file was uploaded at the same moment; try again.");
        }
        catch
        {
            await DiscardAsync(blob);
            throw;
        }
    }

    /// <summary>Deletes bytes that will not be recorded (a refused or broken upload).</summary>
    public async Task DiscardAsync(StoredBlob blob)
    {
        try
        {
            await blobs.DeleteAsync(blob.Key, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Could not delete the unrecorded blob {BlobKey}", blob.Key);
        }
    }

    /// <summary>All three steps for a caller that has the whole stream and its name at once (the UI, the demo data).</summary>
    public async Task<Result<FileUploadedDto>> HandleAsync(AccessContext access, Guid? documentId, Guid? fileId, string? name, Stream content,
        long? length, string? comment, CancellationToken ct)
    {
        if (CheckName(name) is { } badName)
            return badName;
        if (CheckComment(comment) is { } badComment)
            return badComment;
        var target = await PrepareAsync(access, documentId, fileId, length + EnvelopeBytes, ct);
        if (!target.IsSuccess)
            return target.Error!;
        var stored = await StoreAsync(target.Value, content, ct);
        if (!stored.IsSuccess)
            return stored.Error!;
        return await CommitAsync(target.Value, name!, stored.Value, comment, ct);
    }

    private async Task<Result<FileUploadedDto>> RecordAsync(FileUploadTarget target, string name, StoredBlob blob, string? comment, CancellationToken ct)
    {
        if (CheckComment(comment) is { } badComment)
            return badComment;
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        DocumentFile file;
        if (target.FileId is { } fileId)
        {
            var existing = await db.DocumentFiles.SingleOrDefaultAsync(f => f.Id == fileId && !f.Deleted, ct);
            if (existing is null)
                return Error.NotFound();
            file = existing;
            file.CurrentVersion++;
            file.Name = name;
        }
        else
        {
            file = new DocumentFile { DocumentId = target.DocumentId, Name = name, CurrentVersion = 1, CreatedAt = now };
            db.DocumentFiles.Add(file);
        }
        var version = new DocumentFileVersion
        {
            FileId = file.Id,
            Version = file.CurrentVersion,
            Name = name,
            Size = blob.Size,
            Sha256 = blob.Sha256,
            ContentType = blob.ContentType,
            BlobKey = blob.Key,
            UploadedById = target.UploaderId,
            UploadedAt = now,
            Comment = comment,
        };
        ExtractFileTexts.AddVersion(db, extractors, target.DocumentId, version, now);

        // The orphan sweep deletes blobs older than the grace period that no version references. A version
        // is therefore recorded only while its blob is younger than half of it: the other half is the
        // room this commit has before the sweep may look at the blob (SweepOrphanBlobs).
        if (time.GetUtcNow().UtcDateTime - blob.WrittenAt > options.Value.OrphanGrace / 2)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Error.Conflict("The upload took too long to be recorded; send the file again.");
        }

        // Decided again here, atomically: another upload may have taken the room since PrepareAsync.
        if (await StorageQuotas.ReserveAsync(db, target.UploaderId, blob.Size, target.Limits, ct) is { } refusal)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return refusal.ToError();
        }

        var label = $"{name} (v{version.Version})";
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, target.DocumentId, now, db.RecordAs ?? actor,
            version.Version == 1 ? ChangeOperation.Created : ChangeOperation.Updated, "files", null, label));
        if (target.CounterpartyId is { } counterpartyId)
            Timeline.Add(db, counterpartyId, now, db.RecordAs ?? actor, DocumentFileTimeline.Kind, $"{target.DocumentLabel}: {label}", Document.EntityKind, target.DocumentId);

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new FileUploadedDto(file.Id, target.DocumentId, name, blob.Size, blob.Sha256, version.Version, blob.ContentType, version.Id,
            now, target.UploaderId, comment);
    }
}

public static class DocumentFileTimeline
{
    /// <summary>A file or a new version of one was added to a document of the counterparty.</summary>
    public const string Kind = "document_file";
}
