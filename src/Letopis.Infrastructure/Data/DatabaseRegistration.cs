using Letopis.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
            builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrations));
        }
        else
        {
            builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations))
                .AddInterceptors(options is null ? SqliteConnectionSetup.Default
                    : new SqliteConnectionSetup(options.SqliteMmapMegabytes, options.SqliteCacheMegabytes));
        }
    }

    /// <summary>The SQLite connection string for a file: foreign keys on, shared cache off, pooled.</summary>
    public static string SqliteConnectionString(string file) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        ForeignKeys = true,
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
