using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Data;

/// <summary>
/// Writes many rows of one table in few statements: one <c>INSERT … VALUES (…), (…)</c> per chunk,
/// every value a parameter. EF Core sends one statement per tracked row on SQLite, and inside
/// SQLite's single write lock each statement's overhead holds up every other save.
/// </summary>
internal static class RowInserts
{
    /// <summary>Rows per statement: at 10 columns, 2,000 parameters stay far below both providers' limits.</summary>
    private const int RowsPerStatement = 200;

    /// <param name="intoSql">The table and its columns, e.g. <c>"Log" ("A", "B")</c>; each row gives one value per column, in that order.</param>
    public static async Task ExecuteAsync(LetopisDb db, string intoSql, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO ").Append(intoSql).Append(" VALUES ");
            var args = new List<object?>(chunk.Length * chunk[0].Length);
            foreach (var row in chunk)
            {
                sql.Append(args.Count > 0 ? ", (" : "(");
                for (var i = 0; i < row.Length; i++)
                {
                    sql.Append(i > 0 ? ", {" : "{").Append(args.Count).Append('}');
                    args.Add(row[i]);
                }
                sql.Append(')');
            }
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), args!, ct);
        }
    }
}
