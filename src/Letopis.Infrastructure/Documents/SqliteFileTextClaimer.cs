using Letopis.Core.Data;
using Letopis.Core.Documents.Files;
using Letopis.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Infrastructure.Documents;

/// <summary>
/// SQLite writes one at a time, so one conditional UPDATE re-checks that an extraction is still
/// unclaimed while it holds the write lock; each claim carries its own token, by which its ids are read back.
/// A poll that finds nothing waiting only reads: an UPDATE takes the write lock even when it changes
/// no row, and under a stream of saves the idle poll queued for it in SQLite's busy handler.
/// </summary>
public sealed class SqliteFileTextClaimer : IFileTextClaimer
{
    public string ProviderKind => DatabaseOptions.Sqlite;

    public async Task<IReadOnlyList<Guid>> ClaimAsync(LetopisDb db, string token, DateTime now, DateTime until, int max, CancellationToken ct)
    {
        var waiting = db.Set<FileTextExtraction>()
            .Where(x => x.State == TextState.Pending && (x.ClaimedUntil == null || x.ClaimedUntil < now));
        if (!await waiting.AnyAsync(ct))
            return [];
        var claimed = await waiting
            .OrderBy(x => x.CreatedAt)
            .Take(max)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimedBy, token).SetProperty(x => x.ClaimedUntil, until)
                .SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);
        if (claimed == 0)
            return [];
        return await db.Set<FileTextExtraction>().AsNoTracking().Where(x => x.ClaimedBy == token).Select(x => x.VersionId).ToListAsync(ct);
    }
}
