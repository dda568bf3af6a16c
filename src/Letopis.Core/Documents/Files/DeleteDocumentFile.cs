using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Letopis.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Letopis.Core.Documents.Files;

/// <summary>
/// Removes a file from its document. The file's record and its versions stay for the history (who
/// uploaded what, when), but its bytes are deleted and given back to the quotas: a deleted file no
/// longer takes space the company pays for. The blobs go after the commit, so a failed commit loses nothing.
/// </summary>
public sealed class DeleteDocumentFile(LetopisDb db, IBlobStore blobs, TimeProvider time, ICurrentActor actor, ILogger<DeleteDocumentFile> logger)
{
    public async Task<Result<bool>> HandleAsync(AccessContext access, Guid fileId, CancellationToken ct)
    {
        var file = await db.DocumentFiles.SingleOrDefaultAsync(f => f.Id == fileId && !f.Deleted, ct);
        if (file is null || !await db.VisibleDocuments(access).AnyAsync(d => d.Id == file.DocumentId, ct))
            return Error.NotFound();
        if (!await db.VisibleDocuments(access, PermissionAction.Edit).AnyAsync(d => d.Id == file.DocumentId, ct))
            return Error.Forbidden();

        var versions = await db.DocumentFileVersions.AsNoTracking().Where(v => v.FileId == fileId)
            .Select(v => new { v.BlobKey, v.Size, v.UploadedById }).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            file.Deleted = true;
            await db.Set<FileTextExtraction>().Where(x => x.FileId == fileId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Text, (string?)null), ct);
            await StorageQuotas.ReleaseAsync(db, versions.Where(v => v.UploadedById is not null).Select(v => (v.UploadedById!.Value, v.Size)), ct);
            // Versions whose uploader was removed still count in the company total.
            var orphaned = versions.Where(v => v.UploadedById is null).Sum(v => v.Size);
            if (orphaned > 0)
                await db.Database.ExecuteSqlAsync($"""UPDATE "StorageUsages" SET "Bytes" = CASE WHEN "Bytes" > {orphaned} THEN "Bytes" - {orphaned} ELSE 0 END WHERE "Scope" = {StorageUsage.CompanyScope}""", ct);
            db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, file.DocumentId, now, db.RecordAs ?? actor, ChangeOperation.Deleted, "files", file.Name, null));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        // A letter sent (or queued) with one of these versions keeps its bytes: they are what was sent.
        var keys = versions.Select(v => v.BlobKey).ToList();
        var attached = (await db.OutgoingEmailAttachments.AsNoTracking().Where(a => keys.Contains(a.BlobKey))
            .Select(a => a.BlobKey).ToListAsync(CancellationToken.None)).ToHashSet(StringComparer.Ordinal);
        foreach (var version in versions.Where(v => !attached.Contains(v.BlobKey)))
        {
            try
            {
                await blobs.DeleteAsync(version.BlobKey, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError(e, "Could not delete blob {BlobKey} of deleted file {FileId}", version.BlobKey, fileId);
            }
        }
        return true;
    }
}
