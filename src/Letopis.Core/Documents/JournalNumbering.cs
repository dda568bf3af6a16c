using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>
/// Takes the next number of a journal's counter inside the caller's open transaction, with one
/// atomic statement: the row is created if missing, then advanced by one and read back. A
/// concurrent registration waits for the row (PostgreSQL's row lock, SQLite's write lock) and gets
/// the following number; a rolled-back registration rolls its increment back, so no number is
/// skipped and none is given twice.
/// </summary>
internal static class JournalNumbering
{
    public static async Task<long> NextAsync(LetopisDb db, Guid journalId, string scope, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A number is taken inside the transaction that saves the document.");
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "JournalCounters" ("JournalId", "Scope", "Value") VALUES ({journalId}, {scope}, 0) ON CONFLICT DO NOTHING""", ct);
        var values = await db.Database.SqlQuery<long>(
            $"""UPDATE "JournalCounters" SET "Value" = "Value" + 1 WHERE "JournalId" = {journalId} AND "Scope" = {scope} RETURNING "Value" AS "Value" """)
            .ToListAsync(ct);
        return values.Single();
    }
}
