using Letopis.Core.Data;
using Letopis.Core.Documents.Files;
using Letopis.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Infrastructure.Documents;

/// <summary>
/// PostgreSQL: one statement takes the waiting extractions it can lock and skips those another
/// node is claiming at this moment (<c>FOR UPDATE SKIP LOCKED</c>), like the reminder claimer.
/// </summary>
public sealed class PostgresFileTextClaimer : IFileTextClaimer
{
    public string ProviderKind => DatabaseOptions.Postgres;

    public async Task<IReadOnlyList<Guid>> ClaimAsync(LetopisDb db, string token, DateTime now, DateTime until, int max, CancellationToken ct) =>
        await db.Database.SqlQuery<Guid>($"""
            UPDATE "FileTextExtractions" SET "ClaimedBy" = {token}, "ClaimedUntil" = {until}, "Attempts" = "Attempts" + 1
            WHERE "VersionId" IN (
                SELECT "VersionId" FROM "FileTextExtractions"
                WHERE "State" = 'Pending' AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                ORDER BY "CreatedAt"
                LIMIT {max}
                FOR UPDATE SKIP LOCKED)
            RETURNING "VersionId" AS "Value"
            """).ToListAsync(ct);
}
