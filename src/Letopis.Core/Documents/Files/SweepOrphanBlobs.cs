using Letopis.Core.Data;
using Letopis.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letopis.Core.Documents.Files;

/// <summary>
/// Deletes blobs that no file version references: an upload whose process died between moving its
/// bytes into the store and committing its version, or a refused upload whose clean-up failed.
/// </summary>
/// <remarks>
/// Only blobs written longer ago than <see cref="DocumentFileOptions.OrphanGraceMinutes"/> are
/// considered, and an upload records its version within half of that or is refused
/// (<see cref="UploadDocumentFile"/>), so a blob on its way to being recorded is never taken. The
/// age is the blob's write time, set when its last byte was written, so a slow upload is as safe as a
/// quick one. Several nodes may sweep at once: each deletes only what no committed version holds,
/// and deleting a blob twice is harmless. The store is listed lazily and checked against the
/// database <see cref="BatchSize"/> keys at a time (one indexed query per batch).
/// File versions, Word templates and the attachments of letters to clients hold blob keys: a
/// feature that stores blobs of its own must be checked here too, or its blobs are swept (ADR 0014).
/// A generated file that was not registered is held by nothing: it stays for the grace period (long
/// enough to e-mail it) and then goes.
/// </remarks>
public sealed class SweepOrphanBlobs(
    LetopisDb db,
    IBlobStore blobs,
    TimeProvider time,
    IOptions<DocumentFileOptions> options,
    ILogger<SweepOrphanBlobs> logger)
{
    public const int BatchSize = 500;

    /// <summary>One pass over the whole store; returns how many blobs were deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var grace = options.Value.OrphanGrace;
        var cutoff = time.GetUtcNow().UtcDateTime - grace;
        var batch = new List<string>(BatchSize);
        var deleted = 0;
        await foreach (var blob in blobs.ListAsync(ct))
        {
            if (blob.WrittenAt >= cutoff)
                continue;
            batch.Add(blob.Key);
            if (batch.Count == BatchSize)
            {
                deleted += await SweepAsync(batch, ct);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
            deleted += await SweepAsync(batch, ct);
        if (deleted > 0)
            logger.LogWarning("Orphan sweep deleted {Count} blobs written over {GraceMinutes} minutes ago that no file version references",
                deleted, options.Value.OrphanGraceMinutes);
        else
            logger.LogDebug("Orphan sweep found no unreferenced blobs");
        return deleted;
    }

    private async Task<int> SweepAsync(List<string> keys, CancellationToken ct)
    {
        var referenced = (await db.DocumentFileVersions.AsNoTracking()
            .Where(v => EF.Parameter(keys).Contains(v.BlobKey))
            .Select(v => v.BlobKey)
            .ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        // The uploaded .docx of Word templates (generated files that were not registered have no holder and go).
        referenced.UnionWith(await db.DocumentTemplates.AsNoTracking()
            .Where(t => t.FileBlobKey != null && EF.Parameter(keys).Contains(t.FileBlobKey))
            .Select(t => t.FileBlobKey!)
            .ToListAsync(ct));
        // A letter's attachment keeps the blob it was sent with, also after its file or version is deleted.
        referenced.UnionWith(await db.OutgoingEmailAttachments.AsNoTracking()
            .Where(a => EF.Parameter(keys).Contains(a.BlobKey))
            .Select(a => a.BlobKey)
            .ToListAsync(ct));
        // Files of bulk generation that were not registered: the batch page offers them for download.
        referenced.UnionWith(await db.TemplateBatchItems.AsNoTracking()
            .Where(i => i.BlobKey != null && EF.Parameter(keys).Contains(i.BlobKey))
            .Select(i => i.BlobKey!)
            .ToListAsync(ct));
        var deleted = 0;
        foreach (var key in keys)
        {
            if (referenced.Contains(key))
                continue;
            try
            {
                if (await blobs.DeleteAsync(key, ct))
                {
                    deleted++;
                    logger.LogDebug("Orphan sweep deleted blob {BlobKey}", key);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError(e, "Orphan sweep could not delete blob {BlobKey}", key);
            }
        }
        return deleted;
    }
}
