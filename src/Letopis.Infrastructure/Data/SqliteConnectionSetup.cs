using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Letopis.Infrastructure.Data;

/// <summary>
/// Settings of each native SQLite connection, made once: pooled connections keep them.
/// <list type="bullet">
/// <item>SQLite itself waits for a busy database. Without a busy timeout the driver retries a
/// locked write after sleeping 150 ms, so under concurrent writers a 5 ms save could take
/// 150–600 ms; SQLite's own handler retries after 1, 2, 5, 10… ms.</item>
/// <item>A 32 MB page cache per connection: with the default 2 MB cache a directory page over a
/// million cards re-read its pages with a system call and a copy each. No memory map by default:
/// SQLite decodes a mapped page's header again on every visit while cached pages stay decoded, the
/// agenda's scattered rows gained from that (p95 about 0.5 ms lower), and a map covers at most 2 GB
/// of files that grow far beyond it (docs/benchmarks.md).</item>
/// <item>Scratch tables (an IN list, a materialised subquery) and statement journals stay in
/// memory. By default SQLite opened, wrote and deleted a file in /var/tmp for them on almost every
/// save of a card. Lists sort through indexes and page, so what these tables hold is small.</item>
/// <item>Foreign keys are enforced. Set here rather than in the connection string, where the driver
/// would repeat the pragma on every open of a pooled connection: several times per request.</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSetup(int mmapMegabytes, int cacheMegabytes) : DbConnectionInterceptor
{
    public const int DefaultMmapMegabytes = 0;

    public const int DefaultCacheMegabytes = 32;

    public static readonly SqliteConnectionSetup Default = new(DefaultMmapMegabytes, DefaultCacheMegabytes);

    private readonly string _pragmas = $"""
        PRAGMA foreign_keys = ON;
        PRAGMA busy_timeout = 30000;
        PRAGMA cache_size = {-cacheMegabytes * 1024};
        PRAGMA mmap_size = {(long)mmapMegabytes << 20};
        PRAGMA temp_store = MEMORY;
        """;

    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSetting(connection, out var sqlite))
        {
            using var command = Set(sqlite, _pragmas);
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSetting(connection, out var sqlite))
        {
            // Disposed at once: its statements would otherwise stay prepared as long as the connection is open.
            await using var command = Set(sqlite, _pragmas);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static bool NeedsSetting(DbConnection connection, out SqliteConnection sqlite)
    {
        sqlite = (SqliteConnection)connection;
        return sqlite.Handle is { } handle && Configured.TryAdd(handle, handle);
    }

    private static SqliteCommand Set(SqliteConnection connection, string pragmas)
    {
        var command = connection.CreateCommand();
        command.CommandText = pragmas;
        return command;
    }
}
