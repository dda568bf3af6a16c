using Letopis.Core.Data;
using Letopis.Core.Notifications;
using Letopis.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Infrastructure.Reminders;

/// <summary>
/// SQLite has one writer at a time, so a single conditional UPDATE is atomic: it re-checks that a
/// reminder is still unclaimed while holding the write lock. Each claim carries its own token, and
/// the claimed ids are read back by that token.
/// </summary>
public sealed class SqliteReminderClaimer : IReminderClaimer
{
    public string ProviderKind => DatabaseOptions.Sqlite;

    public async Task<IReadOnlyList<Guid>> ClaimDueAsync(LetopisDb db, string node, DateTime now, DateTime until, int max, CancellationToken ct)
    {
        var token = $"{(node.Length > 60 ? node[..60] : node)}/{Guid.NewGuid():N}";
        var claimed = await db.Reminders
            .Where(r => r.FiredAt == null && r.CancelledAt == null && r.DueAt <= now
                        && (r.ClaimedUntil == null || r.ClaimedUntil < now))
            .OrderBy(r => r.DueAt)
            .Take(max)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedBy, token).SetProperty(r => r.ClaimedUntil, until), ct);
        if (claimed == 0)
            return [];
        return await db.Reminders.AsNoTracking().Where(r => r.ClaimedBy == token).Select(r => r.Id).ToListAsync(ct);
    }
}
