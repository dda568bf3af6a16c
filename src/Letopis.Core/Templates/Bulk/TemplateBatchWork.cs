using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Templates.Bulk;

/// <summary>What came of one item: a registered document, or a stored file, or an error.</summary>
public sealed record TemplateBatchOutcome(Guid? DocumentId, string? BlobKey, string? FileName, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// The database steps of working through a claimed batch. Every step is conditional: on the claim
/// (renew, complete, let go) or on the item still being pending (finish), so a node that lost its
/// claim cannot finish what another node has taken over, and no item is counted twice.
/// </summary>
public sealed class TemplateBatchWork(LetopisDb db, TimeProvider time)
{
    /// <summary>Extends the claim; false when the batch was cancelled, finished or taken over (stop working on it).</summary>
    public async Task<bool> RenewAsync(Guid batchId, string token, DateTime until, CancellationToken ct) =>
        await db.TemplateBatches
            .Where(b => b.Id == batchId && b.ClaimedBy == token && b.Status == TemplateBatchStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ClaimedUntil, until), ct) == 1;

    /// <summary>The first item not yet generated, in the batch's order.</summary>
    public Task<TemplateBatchItem?> NextAsync(Guid batchId, CancellationToken ct) =>
        db.TemplateBatchItems.AsNoTracking()
            .Where(i => i.BatchId == batchId && i.Status == TemplateBatchItemStatus.Pending)
            .OrderBy(i => i.Order).ThenBy(i => i.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// A document an earlier node registered for this item and stopped before marking it done: one of
    /// the template's type for the item's counterparty, made by the batch's creator after the batch's
    /// previous item finished, that no item of the batch holds. Generation registers the document and its
    /// file in one transaction, so such a document is complete; taking it instead of generating again
    /// keeps a restart from registering a second letter (and taking a second number).
    /// </summary>
    public async Task<Guid?> FindUnmarkedDocumentAsync(TemplateBatch batch, TemplateBatchItem item, CancellationToken ct)
    {
        if (!batch.Register)
            return null;
        var typeId = await db.DocumentTemplates.AsNoTracking().Where(t => t.Id == batch.TemplateId).Select(t => t.DocumentTypeId).SingleOrDefaultAsync(ct);
        if (typeId is null)
            return null;
        var since = await db.TemplateBatchItems.AsNoTracking()
            .Where(i => i.BatchId == batch.Id && i.Status != TemplateBatchItemStatus.Pending && i.FinishedAt != null)
            .MaxAsync(i => i.FinishedAt, ct) ?? batch.StartedAt ?? batch.CreatedAt;
        var batchId = batch.Id;
        return await db.Documents.AsNoTracking()
            .Where(d => d.CounterpartyId == item.CounterpartyId && d.TypeId == typeId && d.CreatedById == batch.CreatedById
                        && d.CreatedAt >= since && !d.Deleted
                        && !db.TemplateBatchItems.Any(i => i.BatchId == batchId && i.DocumentId == d.Id))
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(d => (Guid?)d.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Marks the item done or failed and counts it, once: false when it was no longer pending.</summary>
    public async Task<bool> FinishAsync(Guid batchId, Guid itemId, TemplateBatchOutcome outcome, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var status = outcome.Succeeded ? TemplateBatchItemStatus.Done : TemplateBatchItemStatus.Failed;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var marked = await db.TemplateBatchItems
            .Where(i => i.Id == itemId && i.BatchId == batchId && i.Status == TemplateBatchItemStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, status)
                .SetProperty(i => i.DocumentId, outcome.DocumentId)
                .SetProperty(i => i.BlobKey, outcome.BlobKey)
                .SetProperty(i => i.FileName, outcome.FileName)
                .SetProperty(i => i.Error, outcome.Error)
                .SetProperty(i => i.FinishedAt, now), ct);
        if (marked == 0)
            return false;
        var succeeded = outcome.Succeeded ? 1 : 0;
        var failed = outcome.Succeeded ? 0 : 1;
        await db.TemplateBatches.Where(b => b.Id == batchId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Succeeded, b => b.Succeeded + succeeded)
                .SetProperty(b => b.Failed, b => b.Failed + failed)
                .SetProperty(b => b.Version, b => b.Version + 1), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Completes the batch when no item is left; false when the claim was lost or items remain.</summary>
    public async Task<bool> CompleteAsync(Guid batchId, string token, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.TemplateBatches
            .Where(b => b.Id == batchId && b.ClaimedBy == token && b.Status == TemplateBatchStatus.Running
                        && !db.TemplateBatchItems.Any(i => i.BatchId == b.Id && i.Status == TemplateBatchItemStatus.Pending))
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, TemplateBatchStatus.Completed)
                .SetProperty(b => b.FinishedAt, now)
                .SetProperty(b => b.ClaimedBy, (string?)null)
                .SetProperty(b => b.ClaimedUntil, (DateTime?)null)
                .SetProperty(b => b.Version, b => b.Version + 1), ct) == 1;
    }

    /// <summary>Lets go of a batch that still has items, so any node (this one included) takes it up next.</summary>
    public Task ReleaseAsync(Guid batchId, string token, CancellationToken ct) =>
        db.TemplateBatches
            .Where(b => b.Id == batchId && b.ClaimedBy == token && b.Status == TemplateBatchStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.ClaimedBy, (string?)null)
                .SetProperty(b => b.ClaimedUntil, (DateTime?)null), ct);
}
