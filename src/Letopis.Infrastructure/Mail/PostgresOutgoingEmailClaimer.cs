using Letopis.Core.Data;
using Letopis.Core.Mail;
using Letopis.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Infrastructure.Mail;

/// <summary>
/// PostgreSQL: one statement locks the due letters it can get and skips those another node is
/// claiming right now (<c>FOR UPDATE SKIP LOCKED</c>), so concurrent nodes take disjoint batches
/// without waiting for each other.
/// </summary>
public sealed class PostgresOutgoingEmailClaimer : IOutgoingEmailClaimer
{
    public string ProviderKind => DatabaseOptions.Postgres;

    public async Task<IReadOnlyList<Guid>> ClaimDueAsync(LetopisDb db, string node, DateTime now, DateTime until, int max, CancellationToken ct)
    {
        var queued = nameof(OutgoingEmailStatus.Queued);
        return await db.Database.SqlQuery<Guid>($"""
            UPDATE "OutgoingEmails" SET "ClaimedBy" = {node}, "ClaimedUntil" = {until}
            WHERE "Id" IN (
                SELECT "Id" FROM "OutgoingEmails"
                WHERE "Status" = {queued} AND "NextAttemptAt" <= {now}
                  AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                ORDER BY "NextAttemptAt"
                LIMIT {max}
                FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
    }
}
