using Letopis.Core.Data;
using Letopis.Core.Templates.Bulk;
using Letopis.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Infrastructure.Templates;

/// <summary>
/// PostgreSQL: one statement locks the oldest claimable batch it can get and skips one another node
/// is claiming at this moment (<c>FOR UPDATE SKIP LOCKED</c>), like the reminder claimer.
/// </summary>
public sealed class PostgresTemplateBatchClaimer : ITemplateBatchClaimer
{
    public string ProviderKind => DatabaseOptions.Postgres;

    public async Task<Guid?> ClaimAsync(LetopisDb db, string token, DateTime now, DateTime until, CancellationToken ct)
    {
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE "TemplateBatches"
            SET "ClaimedBy" = {token}, "ClaimedUntil" = {until}, "Status" = 'Running',
                "StartedAt" = COALESCE("StartedAt", {now}), "Version" = "Version" + 1
            WHERE "Id" IN (
                SELECT "Id" FROM "TemplateBatches"
                WHERE "Status" = 'Pending'
                   OR ("Status" = 'Running' AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now}))
                ORDER BY "CreatedAt", "Id"
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
        return ids.Count == 0 ? null : ids[0];
    }
}
