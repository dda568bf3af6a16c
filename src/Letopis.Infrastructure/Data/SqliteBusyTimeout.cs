using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Letopis.Infrastructure.Data;

/// <summary>
/// Lets SQLite itself wait for a busy database. Without a busy timeout the driver retries a
/// locked write after sleeping 150 ms, so under concurrent writers a 5 ms save could take
/// 150–600 ms; SQLite's own handler retries after 1, 2, 5, 10… ms. Set once per native
/// connection: pooled connections keep it.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private const int Milliseconds = 30_000;

    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSetting(connection, out var sqlite))
            Set(sqlite).ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSetting(connection, out var sqlite))
            await Set(sqlite).ExecuteNonQueryAsync(cancellationToken);
    }

    private static bool NeedsSetting(DbConnection connection, out SqliteConnection sqlite)
    {
        sqlite = (SqliteConnection)connection;
        return sqlite.Handle is { } handle && Configured.TryAdd(handle, handle);
    }

    private static SqliteCommand Set(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
        return command;
    }
}
