using Letopis.Core.Data;
using Letopis.Core.Templates;
using Letopis.Core.Templates.Bulk;
using Letopis.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Infrastructure.Templates;

/// <summary>
/// SQLite writes one at a time, so one conditional UPDATE re-checks that the batch is still claimable
/// while it holds the write lock; the claim's own token reads the claimed id back. A poll that finds
/// nothing only reads: an UPDATE would take the write lock even when it changes no row.
/// </summary>
public sealed class SqliteTemplateBatchClaimer : ITemplateBatchClaimer
{
    public string ProviderKind => DatabaseOptions.Sqlite;

    public async Task<Guid?> ClaimAsync(LetopisDb db, string token, DateTime now, DateTime until, CancellationToken ct)
    {
        var claimable = db.TemplateBatches.Where(b => b.Status == TemplateBatchStatus.Pending
            || (b.Status == TemplateBatchStatus.Running && (b.ClaimedUntil == null || b.ClaimedUntil < now)));
        if (!await claimable.AnyAsync(ct))
            return null;
        var claimed = await claimable
            .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id)
            .Take(1)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.ClaimedBy, token)
                .SetProperty(b => b.ClaimedUntil, until)
                .SetProperty(b => b.Status, TemplateBatchStatus.Running)
                .SetProperty(b => b.StartedAt, b => b.StartedAt ?? now)
                .SetProperty(b => b.Version, b => b.Version + 1), ct);
        if (claimed == 0)
            return null;
        return await db.TemplateBatches.AsNoTracking().Where(b => b.ClaimedBy == token).Select(b => (Guid?)b.Id).SingleOrDefaultAsync(ct);
    }
}
