using Letopis.Core.Data;
using Letopis.Core.Mail;
using Letopis.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Infrastructure.Mail;

/// <summary>
/// SQLite has one writer at a time, so a single conditional UPDATE is atomic: it re-checks that a
/// letter is still queued and unclaimed while holding the write lock. Each claim carries its own
/// token, and the claimed ids are read back by that token.
/// </summary>
public sealed class SqliteOutgoingEmailClaimer : IOutgoingEmailClaimer
{
    public string ProviderKind => DatabaseOptions.Sqlite;

    public async Task<IReadOnlyList<Guid>> ClaimDueAsync(LetopisDb db, string node, DateTime now, DateTime until, int max, CancellationToken ct)
    {
        var token = $"{(node.Length > 60 ? node[..60] : node)}/{Guid.NewGuid():N}";
        var claimed = await db.OutgoingEmails
            .Where(m => m.Status == OutgoingEmailStatus.Queued && m.NextAttemptAt <= now
                        && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Take(max)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, token).SetProperty(m => m.ClaimedUntil, until), ct);
        if (claimed == 0)
            return [];
        return await db.OutgoingEmails.AsNoTracking().Where(m => m.ClaimedBy == token).Select(m => m.Id).ToListAsync(ct);
    }
}
