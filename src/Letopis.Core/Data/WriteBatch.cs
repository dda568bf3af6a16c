using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Data;

/// <summary>
/// Statements a save writes beside EF Core's own, sent together: many rows of one table as one
/// <c>INSERT … VALUES (…), (…)</c>, and the statements of several tables as one command, every value a parameter.
/// EF Core sends one statement per tracked row on SQLite, and inside SQLite's single write lock each
/// statement's overhead holds up every other save; on PostgreSQL each command is a round trip.
/// A command is sent once it holds <see cref="MaxParameters"/> values, and by <see cref="FlushAsync"/>.
/// </summary>
internal sealed class WriteBatch(LetopisDb db)
{
    /// <summary>Far below both providers' limits (SQLite 32,766, PostgreSQL 65,535).</summary>
    private const int MaxParameters = 2000;

    private readonly StringBuilder _sql = new();
    private readonly List<object?> _args = [];

    /// <summary>
    /// Rows of one table; <paramref name="intoSql"/> names it and its columns, e.g. <c>"Log" ("A", "B")</c>,
    /// each row gives one value per column, and <paramref name="suffix"/> (an <c>ON CONFLICT</c> clause)
    /// ends every statement the rows take.
    /// </summary>
    public async Task InsertAsync(string intoSql, IEnumerable<object?[]> rows, CancellationToken ct, string suffix = "")
    {
        var open = false;
        foreach (var row in rows)
        {
            if (_args.Count + row.Length > MaxParameters)
            {
                if (open)
                    _sql.Append(suffix);
                await FlushAsync(ct);
                open = false;
            }
            if (open)
            {
                _sql.Append(", (");
            }
            else
            {
                if (_sql.Length > 0)
                    _sql.Append(";\n");
                _sql.Append("INSERT INTO ").Append(intoSql).Append(" VALUES (");
                open = true;
            }
            for (var i = 0; i < row.Length; i++)
            {
                _sql.Append(i > 0 ? ", {" : "{").Append(_args.Count).Append('}');
                _args.Add(row[i]);
            }
            _sql.Append(')');
        }
        if (open)
            _sql.Append(suffix);
    }

    /// <summary>Sends what is collected, as one command.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_sql.Length == 0)
            return;
        var sql = _sql.ToString();
        var args = _args.ToArray();
        _sql.Clear();
        _args.Clear();
        await db.Database.ExecuteSqlRawAsync(sql, args!, ct);
    }
}
