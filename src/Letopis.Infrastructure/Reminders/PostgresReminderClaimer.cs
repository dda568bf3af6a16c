using Letopis.Core.Data;
using Letopis.Core.Notifications;
using Letopis.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Infrastructure.Reminders;

/// <summary>
/// PostgreSQL: one statement locks the due rows it can get and skips those another node is
/// claiming right now (<c>FOR UPDATE SKIP LOCKED</c>), so concurrent nodes take disjoint batches
/// without waiting for each other.
/// </summary>
public sealed class PostgresReminderClaimer : IReminderClaimer
{
    public string ProviderKind => DatabaseOptions.Postgres;

    public async Task<IReadOnlyList<Guid>> ClaimDueAsync(LetopisDb db, string node, DateTime now, DateTime until, int max, CancellationToken ct) =>
        await db.Database.SqlQuery<Guid>($"""
            UPDATE "Reminders" SET "ClaimedBy" = {node}, "ClaimedUntil" = {until}
            WHERE "Id" IN (
                SELECT "Id" FROM "Reminders"
                WHERE "FiredAt" IS NULL AND "CancelledAt" IS NULL AND "DueAt" <= {now}
                  AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                ORDER BY "DueAt"
                LIMIT {max}
                FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
}
