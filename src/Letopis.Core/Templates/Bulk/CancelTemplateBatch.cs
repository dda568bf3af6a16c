using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Templates.Bulk;

/// <summary>
/// Cancels a batch: the node working on it stops after the item it is generating (its next renewal of
/// the claim finds the batch cancelled); items not yet reached stay pending and are never generated.
/// </summary>
public sealed class CancelTemplateBatch(LetopisDb db, TimeProvider time)
{
    public async Task<Result<TemplateBatchDto>> HandleAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var batch = await ReadTemplateBatches.FindAsync(db, access, id, ct);
        if (batch is null)
            return Error.NotFound();
        var now = time.GetUtcNow().UtcDateTime;
        // Conditional, so a batch that completes at this moment stays completed.
        var cancelled = await db.TemplateBatches
            .Where(b => b.Id == id && (b.Status == TemplateBatchStatus.Pending || b.Status == TemplateBatchStatus.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, TemplateBatchStatus.Cancelled)
                .SetProperty(b => b.FinishedAt, now)
                .SetProperty(b => b.ClaimedBy, (string?)null)
                .SetProperty(b => b.ClaimedUntil, (DateTime?)null)
                .SetProperty(b => b.Version, b => b.Version + 1), ct);
        if (cancelled == 0)
            return new Error(TemplateBatchErrors.Finished, "The batch has already finished.",
                Extensions: new Dictionary<string, object?> { ["status"] = batch.Status.ToString().ToLowerInvariant() });
        var name = await db.DocumentTemplates.AsNoTracking().Where(t => t.Id == batch.TemplateId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        var current = await db.TemplateBatches.AsNoTracking().SingleAsync(b => b.Id == id, ct);
        return ReadTemplateBatches.Dto(current, name ?? "");
    }
}
