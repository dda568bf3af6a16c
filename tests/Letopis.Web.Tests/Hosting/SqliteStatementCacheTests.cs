using System.Data;
using System.Data.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Infrastructure.Data;
using Letopis.TestKit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Letopis.Web.Tests.Hosting;

/// <summary>
/// On SQLite a context keeps its connection open and runs repeated SQL on statements prepared once.
/// Results, transactions and errors must be exactly what they were without that.
/// </summary>
public class SqliteStatementCacheTests
{
    private const int StatementRuns = 6; // SQLITE_STMTSTATUS_RUN

    [Fact]
    public async Task AQueryRunAgainWithOtherValues_ReusesItsStatementAndReturnsEachOnesRow()
    {
        using var host = new LetopisHost("sqlite");
        var connections = new OpenedConnections();
        await using (var writing = OwnContext(host, connections))
        {
            foreach (var name in new[] { "Бетон", "Арматура", "Кирпич" })
                writing.Set<Tag>().Add(new Tag { Name = name, NameNormalized = name.ToUpperInvariant() });
            await writing.SaveChangesAsync();
        }
        await using var db = OwnContext(host, connections);
        (await db.Set<Tag>().CountAsync()).ShouldBe(3);
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;

        foreach (var name in new[] { "Бетон", "Арматура", "Кирпич" })
            (await db.Set<Tag>().Where(t => t.NameNormalized == name.ToUpperInvariant()).Select(t => t.Name).SingleAsync()).ShouldBe(name);

        // One prepared statement served all three reads.
        RunsOf(handle, "SELECT \"t\".\"Name\"").ShouldBe([3]);
    }

    [Fact]
    public async Task EveryContextsSaves_RunOnTheFilesOneWriterConnection()
    {
        using var host = new LetopisHost("sqlite");
        var connections = new OpenedConnections();
        var own = new List<SqliteConnection>();
        foreach (var name in new[] { "Бетон", "Арматура", "Кирпич" })
        {
            await using var db = OwnContext(host, connections);
            // The context reads on its own connection first, as a handler does before saving.
            (await db.Set<Tag>().AnyAsync(t => t.NameNormalized == name.ToUpperInvariant())).ShouldBeFalse();
            own.Add((SqliteConnection)db.Database.GetDbConnection());
            db.Set<Tag>().Add(new Tag { Name = name, NameNormalized = name.ToUpperInvariant() });
            await db.SaveChangesAsync();
            // Back on its own connection after the save.
            db.Database.GetDbConnection().ShouldBeSameAs(own[^1]);
        }

        var writers = connections.Inserting.Distinct().ToList();
        writers.Count.ShouldBe(1);
        own.ShouldNotContain(writers[0]);
        writers[0].State.ShouldBe(ConnectionState.Open);
        (await host.WithDbAsync(db => db.Set<Tag>().OrderBy(t => t.NameNormalized).Select(t => t.Name).ToListAsync()))
            .ShouldBe(["Арматура", "Бетон", "Кирпич"]);
    }

    [Fact]
    public async Task TheSameQueryInsideItsOwnOpenReader_StillGetsItsRows()
    {
        using var host = new LetopisHost("sqlite");
        var outer = await host.WithDbAsync(async db =>
        {
            foreach (var name in new[] { "Альфа", "Бета" })
                db.Set<Tag>().Add(new Tag { Name = name, NameNormalized = name.ToUpperInvariant() });
            await db.SaveChangesAsync();

            // The same SQL twice: names other than the given one, in order.
            IQueryable<string> Others(string except) =>
                db.Set<Tag>().Where(t => t.NameNormalized != except).OrderBy(t => t.NameNormalized).Select(t => t.Name);
            var seen = new List<string>();
            await foreach (var name in Others("").AsAsyncEnumerable())
            {
                // The first run's reader is still open: the second run must not take over its statement.
                seen.Add($"{name}:{string.Join(",", await Others(name.ToUpperInvariant()).ToListAsync())}");
            }
            return seen;
        });
        outer.ShouldBe(["Альфа:Бета", "Бета:Альфа"]);
    }

    [Fact]
    public async Task ARolledBackTransaction_LeavesNothing_AndTheNextOneCommits()
    {
        using var host = new LetopisHost("sqlite");
        var names = await host.WithDbAsync(async db =>
        {
            foreach (var (name, commit) in new[] { ("Откат", false), ("Фиксация", true) })
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.Set<Tag>().Add(new Tag { Name = name, NameNormalized = name.ToUpperInvariant() });
                await db.SaveChangesAsync();
                if (commit)
                    await transaction.CommitAsync();
                else
                    await transaction.RollbackAsync();
                db.ChangeTracker.Clear();
            }
            return await db.Set<Tag>().Select(t => t.Name).ToListAsync();
        });
        names.ShouldBe(["Фиксация"]);
    }

    [Fact]
    public async Task ADuplicateKeyOnAPreparedInsert_IsStillTheDriversConstraintError()
    {
        using var host = new LetopisHost("sqlite");
        var error = await host.WithDbAsync(async db =>
        {
            db.Set<Tag>().Add(new Tag { Name = "Смета", NameNormalized = "СМЕТА" });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            db.Set<Tag>().Add(new Tag { Name = "смета", NameNormalized = "СМЕТА" });
            return await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });
        error.InnerException.ShouldBeOfType<SqliteException>().SqliteErrorCode.ShouldBe(19); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task AContextsConnection_StaysOpenBetweenQueries_AndClosesWithTheContext()
    {
        using var host = new LetopisHost("sqlite");
        SqliteConnection connection;
        await using (var db = OwnContext(host))
        {
            (await db.Set<Tag>().CountAsync()).ShouldBe(0);
            connection = (SqliteConnection)db.Database.GetDbConnection();
            connection.State.ShouldBe(ConnectionState.Open);
            (await db.Counterparties.CountAsync()).ShouldBe(0);
            connection.State.ShouldBe(ConnectionState.Open);
        }
        connection.State.ShouldBe(ConnectionState.Closed);
    }

    /// <summary>A context of its own (not from the server's pool) on the host's migrated database.</summary>
    private static LetopisDb OwnContext(LetopisHost host, OpenedConnections? connections = null)
    {
        _ = host.Server;
        var options = new DbContextOptionsBuilder<LetopisDb>();
        DatabaseRegistration.Configure(options, "sqlite", host.ConnectionString);
        if (connections is not null)
            options.AddInterceptors(connections);
        return new LetopisDb(options.Options);
    }

    /// <summary>Lets the test list each opened connection's live statements, and notes which connections ran inserts.</summary>
    private sealed class OpenedConnections : DbCommandInterceptor, IDbConnectionInterceptor
    {
        public List<SqliteConnection> Inserting { get; } = [];

        public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            ((SqliteConnection)connection).Handle!.enable_sqlite3_next_stmt(true);

        public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            ConnectionOpened(connection, eventData);
            return Task.CompletedTask;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT INTO \"Tags\"", StringComparison.Ordinal))
                Inserting.Add((SqliteConnection)command.Connection!);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>How often each live statement of the connection whose SQL starts with <paramref name="prefix"/> has run.</summary>
    private static List<int> RunsOf(sqlite3 db, string prefix)
    {
        var runs = new List<int>();
        for (var statement = raw.sqlite3_next_stmt(db, null); statement is not null; statement = raw.sqlite3_next_stmt(db, statement))
        {
            if (raw.sqlite3_sql(statement).utf8_to_string().StartsWith(prefix, StringComparison.Ordinal))
                runs.Add(raw.sqlite3_stmt_status(statement, StatementRuns, 0));
        }
        return runs;
    }
}
