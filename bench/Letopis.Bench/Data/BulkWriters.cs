using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Letopis.Bench.Data;

/// <summary>Writes many rows into one table as fast as the provider allows.</summary>
internal interface IBulkWriter
{
    Task WriteAsync(string table, string[] columns, IEnumerable<object?[]> rows, int batch, Action<long> progress, CancellationToken ct);

    Task AnalyzeAsync(CancellationToken ct);
}

/// <summary>One prepared INSERT reused for every row, a transaction per batch; values in EF Core's SQLite formats.</summary>
internal sealed class SqliteBulkWriter(SqliteConnection connection) : IBulkWriter
{
    public async Task WriteAsync(string table, string[] columns, IEnumerable<object?[]> rows, int batch, Action<long> progress, CancellationToken ct)
    {
        await ExecuteAsync("PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576;", ct);
        // Secondary indexes are dropped and built again afterwards: one sort each instead of a
        // million random B-tree inserts, which slow to a crawl once the indexes outgrow the cache.
        var indexes = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $t AND sql IS NOT NULL";
            list.Parameters.AddWithValue("$t", table);
            using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                indexes.Add(reader.GetString(1));
        }
        foreach (var sql in indexes)
            await ExecuteAsync($"DROP INDEX \"{IndexName(sql)}\"", ct);

        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        long done = 0;
        var transaction = connection.BeginTransaction();
        insert.Transaction = transaction;
        insert.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
                parameters[i].Value = ToSqlite(row[i]);
            await insert.ExecuteNonQueryAsync(ct);
            if (++done % batch == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                if (done % (batch * 10) == 0)
                    progress(done);
            }
        }
        transaction.Commit();
        transaction.Dispose();
        progress(done);
        foreach (var sql in indexes)
            await ExecuteAsync(sql, ct);
    }

    public Task AnalyzeAsync(CancellationToken ct) => ExecuteAsync("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", ct);

    /// <summary>The quoted name in <c>CREATE [UNIQUE] INDEX "name" ON …</c>.</summary>
    private static string IndexName(string createSql)
    {
        var start = createSql.IndexOf('"', StringComparison.Ordinal) + 1;
        return createSql[start..createSql.IndexOf('"', start)];
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    // EF Core keeps GUIDs as upper-case text, instants as ISO text and booleans as integers on SQLite.
    private static object ToSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        _ => value,
    };
}

/// <summary>Binary COPY: the fastest way into PostgreSQL.</summary>
internal sealed class PostgresBulkWriter(NpgsqlConnection connection) : IBulkWriter
{
    public async Task WriteAsync(string table, string[] columns, IEnumerable<object?[]> rows, int batch, Action<long> progress, CancellationToken ct)
    {
        // As on SQLite: secondary indexes (not the primary key) are built once after the load.
        var indexes = new List<(string Name, string Sql)>();
        await using (var list = new NpgsqlCommand(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = @t "
            + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", connection))
        {
            list.Parameters.AddWithValue("t", table);
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes)
            await ExecuteAsync($"DROP INDEX \"{name}\"", ct);
        await ImportAsync(table, columns, rows, batch, progress, ct);
        await ExecuteAsync("SET maintenance_work_mem = '512MB'", ct);
        foreach (var (_, sql) in indexes)
            await ExecuteAsync(sql, ct);
    }

    private async Task ImportAsync(string table, string[] columns, IEnumerable<object?[]> rows, int batch, Action<long> progress, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        long done = 0;
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var value in row)
            {
                if (value is null)
                    await importer.WriteNullAsync(ct);
                else
                    await importer.WriteAsync(value, ct);
            }
            if (++done % (batch * 10) == 0)
                progress(done);
        }
        await importer.CompleteAsync(ct);
        progress(done);
    }

    public Task AnalyzeAsync(CancellationToken ct) => ExecuteAsync("VACUUM ANALYZE", ct);

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
