using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Data;

/// <summary>
/// Statements a save writes beside EF Core's own, sent together: many rows of one table as one
/// <c>INSERT … VALUES (…), (…)</c>, and several statements as one command, every value a parameter.
/// EF Core sends one statement per tracked row on SQLite, and inside SQLite's single write lock each
/// statement's overhead holds up every other save; on PostgreSQL each command is a round trip.
/// A command is sent once it holds <see cref="MaxParameters"/> values, and by <see cref="FlushAsync"/>.
/// </summary>
internal sealed partial class WriteBatch(LetopisDb db)
{
    /// <summary>Far below both providers' limits (SQLite 32,766, PostgreSQL 65,535).</summary>
    private const int MaxParameters = 2000;

    private readonly StringBuilder _sql = new();
    private readonly List<object?> _args = [];

    /// <summary>Rows of one table; <paramref name="intoSql"/> names it and its columns, e.g. <c>"Log" ("A", "B")</c>, and each row gives one value per column.</summary>
    public async Task InsertAsync(string intoSql, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var open = false;
        foreach (var row in rows)
        {
            if (_args.Count + row.Length > MaxParameters)
            {
                await FlushAsync(ct);
                open = false;
            }
            if (open)
            {
                _sql.Append(", (");
            }
            else
            {
                Separate();
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
    }

    /// <summary>One statement whose values are the placeholders <c>{0}</c>, <c>{1}</c>… of <paramref name="args"/>.</summary>
    public async Task AddAsync(string sql, object?[] args, CancellationToken ct)
    {
        if (_args.Count + args.Length > MaxParameters)
            await FlushAsync(ct);
        Separate();
        var offset = _args.Count;
        _sql.Append(Placeholder().Replace(sql, m => "{" + (int.Parse(m.Groups[1].ValueSpan) + offset) + "}"));
        _args.AddRange(args);
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

    private void Separate()
    {
        if (_sql.Length > 0)
            _sql.Append(";\n");
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
