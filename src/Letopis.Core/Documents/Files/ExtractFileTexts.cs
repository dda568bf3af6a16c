using Letopis.Core.Data;
using Letopis.Core.Notifications;
using Letopis.Core.Search;
using Letopis.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letopis.Core.Documents.Files;

/// <summary>Lets one extraction run at a time in this process, and wakes the background loop after an upload.</summary>
public sealed class FileTextGate
{
    internal SemaphoreSlim Semaphore { get; } = new(1, 1);

    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Tells this node's loop there is new work (other nodes find it when they poll).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}

/// <summary>
/// Extracts the text of uploaded files in the background: claims waiting versions through the
/// database, reads each blob with the extractor of its sniffed type, stores the text and refreshes
/// the document's search rows in one transaction. A failure is retried by a later run (on any node)
/// until <see cref="FileTextExtraction.MaxAttempts"/>, then recorded as failed.
/// </summary>
public sealed class ExtractFileTexts(
    LetopisDb db,
    IBlobStore blobs,
    IEnumerable<ITextExtractor> extractors,
    IEnumerable<IFileTextClaimer> claimers,
    TimeProvider time,
    ClusterNode node,
    FileTextGate gate,
    IOptions<DocumentFileOptions> options,
    ILogger<ExtractFileTexts> logger)
{
    private const int BatchSize = 20;

    /// <summary>Runs until no waiting extraction is left to claim; returns how many it finished.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await gate.Semaphore.WaitAsync(ct);
        try
        {
            var done = 0;
            while (true)
            {
                var batch = await RunBatchAsync(ct);
                if (batch < 0)
                    return done;
                done += batch;
            }
        }
        finally
        {
            gate.Semaphore.Release();
        }
    }

    /// <summary>One claimed batch; -1 when there was nothing to claim.</summary>
    private async Task<int> RunBatchAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claimer = claimers.SingleOrDefault(c => c.ProviderKind == db.ProviderKind)
            ?? throw new InvalidOperationException($"No file text claimer for provider {db.ProviderKind}.");
        // Short enough for the claim column (100): the node's name and a token of this claim.
        var token = $"{(node.Id.Length > 60 ? node.Id[..60] : node.Id)}/{Guid.NewGuid():N}";
        var ids = await claimer.ClaimAsync(db, token, now, now.AddSeconds(options.Value.ClaimSeconds), BatchSize, ct);
        if (ids.Count == 0)
            return -1;
        var done = 0;
        foreach (var id in ids)
        {
            if (await ExtractAsync(id, token, ct))
                done++;
        }
        logger.LogInformation("Node {Node} claimed {Claimed} file texts and extracted {Done}", node.Id, ids.Count, done);
        return done;
    }

    private async Task<bool> ExtractAsync(Guid versionId, string token, CancellationToken ct)
    {
        var item = await (
            from x in db.Set<FileTextExtraction>().AsNoTracking()
            join v in db.DocumentFileVersions on x.VersionId equals v.Id
            where x.VersionId == versionId && x.State == TextState.Pending && x.ClaimedBy == token
            select new { x.DocumentId, x.Attempts, v.BlobKey, v.ContentType, v.Size }).SingleOrDefaultAsync(ct);
        if (item is null)
            return false;

        string? text = null;
        string? error = null;
        try
        {
            text = Clean(await ReadTextAsync(item.BlobKey, item.ContentType, item.Size, ct));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A damaged, encrypted or unusual file: the upload stands, only its words stay unsearchable.
            logger.LogWarning(e, "Text extraction of file version {VersionId} failed (attempt {Attempt})", versionId, item.Attempts);
            error = e.GetType().Name + ": " + e.Message;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = db.Set<FileTextExtraction>().Where(x => x.VersionId == versionId && x.ClaimedBy == token && x.State == TextState.Pending);
        int updated;
        if (error is null)
        {
            updated = await row.ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, TextState.Done).SetProperty(x => x.Text, text)
                .SetProperty(x => x.DoneAt, now).SetProperty(x => x.ClaimedUntil, (DateTime?)null).SetProperty(x => x.Error, (string?)null), ct);
        }
        else
        {
            error = error.Length > 1000 ? error[..1000] : error;
            updated = item.Attempts >= FileTextExtraction.MaxAttempts
                ? await row.ExecuteUpdateAsync(s => s.SetProperty(x => x.State, TextState.Failed).SetProperty(x => x.Error, error)
                    .SetProperty(x => x.DoneAt, now).SetProperty(x => x.ClaimedUntil, (DateTime?)null), ct)
                // Retried later, after a pause that grows with each attempt.
                : await row.ExecuteUpdateAsync(s => s.SetProperty(x => x.Error, error)
                    .SetProperty(x => x.ClaimedUntil, now.AddMinutes(item.Attempts * 5)), ct);
        }
        if (updated > 0 && error is null)
            await SearchIndex.RefreshAsync(db, DocumentTextSearchSource.TextKind, [item.DocumentId], ct);
        await transaction.CommitAsync(ct);
        return updated > 0 && error is null;
    }

    private async Task<string> ReadTextAsync(string blobKey, string contentType, long size, CancellationToken ct)
    {
        var extractor = extractors.FirstOrDefault(e => e.Handles(contentType));
        if (extractor is null || size > options.Value.ExtractMaxMegabytes * DocumentFileOptions.Megabyte)
            return "";
        await using var blob = await blobs.OpenReadAsync(blobKey, ct)
            ?? throw new FileNotFoundException("The blob of this version is missing.", blobKey);
        if (blob.CanSeek)
            return await extractor.ExtractAsync(blob, options.Value.MaxExtractedChars, ct);

        // Office and PDF readers jump around the file: a store that only streams is copied to a temporary file first.
        var temp = Path.GetTempFileName();
        try
        {
            await using var copy = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            await blob.CopyToAsync(copy, ct);
            copy.Position = 0;
            return await extractor.ExtractAsync(copy, options.Value.MaxExtractedChars, ct);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Control characters other than line breaks and tabs are dropped (PostgreSQL refuses NUL in text).</summary>
    private static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\n' or '\t')) ? new string(text.Where(c => !char.IsControl(c) || c is '\n' or '\t').ToArray()) : text;

    /// <summary>Whether files of this sniffed type get their text extracted.</summary>
    public static bool Extractable(IEnumerable<ITextExtractor> extractors, string contentType) => extractors.Any(e => e.Handles(contentType));

    /// <summary>
    /// Adds a file version and, when its type has an extractor, its pending text extraction: every
    /// way a file enters a document (an upload, a generated file) records both the same way.
    /// </summary>
    public static void AddVersion(LetopisDb db, IEnumerable<ITextExtractor> extractors, Guid documentId, DocumentFileVersion version, DateTime now)
    {
        db.DocumentFileVersions.Add(version);
        if (Extractable(extractors, version.ContentType))
            db.Set<FileTextExtraction>().Add(new FileTextExtraction
            {
                VersionId = version.Id,
                FileId = version.FileId,
                DocumentId = documentId,
                State = TextState.Pending,
                CreatedAt = now,
            });
    }
}
