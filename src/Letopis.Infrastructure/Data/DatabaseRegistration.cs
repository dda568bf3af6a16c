using Letopis.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;

namespace Letopis.Infrastructure.Data;

public static class DatabaseRegistration
{
    public const string SqliteMigrations = "Letopis.Migrations.Sqlite";
    public const string PostgresMigrations = "Letopis.Migrations.Postgres";

    /// <summary>Configures EF Core for the chosen provider with that provider's migrations assembly.</summary>
    public static void Configure(DbContextOptionsBuilder builder, string provider, string connectionString, DatabaseOptions? options = null)
    {
        if (provider == DatabaseOptions.Postgres)
        {
            builder.UseNpgsql(WithNpgsqlDefaults(connectionString), o => o.MigrationsAssembly(PostgresMigrations));
        }
        else
        {
#pragma warning disable EF1001 // See SqliteKeptConnection: EF Core's own connection service, closing only when disposed.
            builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations))
                .ReplaceService<ISqliteRelationalConnection, SqliteKeptConnection>()
                .AddInterceptors(
                    options is null ? SqliteConnectionSetup.Default : new SqliteConnectionSetup(options.SqliteMmapMegabytes, options.SqliteCacheMegabytes),
                    SqliteStatementCache.Instance);
#pragma warning restore EF1001
        }
        if (options?.StrictQueries == true)
        {
            builder.ConfigureWarnings(w => w.Throw(
                CoreEventId.RowLimitingOperationWithoutOrderByWarning, CoreEventId.FirstWithoutOrderByAndFilterWarning));
        }
    }

    /// <summary>Statements a connection keeps prepared on the server, unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 100;

    /// <summary>
    /// Npgsql settings Letopis relies on, each unless the connection string gives its own:
    /// <list type="bullet">
    /// <item>Statements a connection runs again and again (a card, a page, the account check) are
    /// prepared: PostgreSQL then skips parsing and planning them, which was most of its work for a
    /// card. Behind a pooler that cannot keep prepared statements (PgBouncer in transaction mode
    /// before 1.21) set <c>Max Auto Prepare=0</c>.</item>
    /// <item>A connection going back to the pool is not reset (<c>No Reset On Close</c>). EF Core
    /// takes a pooled connection for every query, and the reset put seven statements (<c>RESET
    /// ALL</c>, <c>DISCARD TEMP</c>, <c>UNLISTEN *</c>…) in front of each of a card's four queries.
    /// Letopis leaves nothing on a session to reset: its only setting is <c>SET LOCAL</c>, which ends
    /// with its transaction; no temporary tables, listeners or advisory locks.</item>
    /// </list>
    /// </summary>
    public static string WithNpgsqlDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var built = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            built.MaxAutoPrepare = DefaultMaxAutoPrepare;
            built.AutoPrepareMinUsages = 2;
        }
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
            built.NoResetOnClose = true;
        return built.ConnectionString;
    }

    /// <summary>The SQLite connection string for a file: pooled (foreign keys are switched on by <see cref="SqliteConnectionSetup"/>, once per connection).</summary>
    public static string SqliteConnectionString(string file) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Applies pending migrations; on SQLite also switches the file to WAL so readers never wait for writers.</summary>
    public static async Task MigrateAsync(LetopisDb db, CancellationToken ct)
    {
        if (db.ProviderKind == DatabaseOptions.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
    }
}
