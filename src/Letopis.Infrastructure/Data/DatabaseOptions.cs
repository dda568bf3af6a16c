using System.ComponentModel.DataAnnotations;

namespace Letopis.Infrastructure.Data;

/// <summary>Which database Letopis uses: bound from <c>Letopis:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>"sqlite" (embedded default) or "postgres".</summary>
    [RegularExpression("^(sqlite|postgres)$")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>The connection string; for SQLite it defaults to <c>letopis.db</c> in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQLite only: how much of the file is read through a memory map (MB; 0 turns it off, SQLite's
    /// build caps it at 2 GB). Mapped pages cost no copy on a cold read, but SQLite builds its page
    /// header again on every visit, while pages in its own cache are kept decoded.
    /// </summary>
    [Range(0, 2047)]
    public int SqliteMmapMegabytes { get; set; } = SqliteConnectionSetup.DefaultMmapMegabytes;

    /// <summary>SQLite only: the page cache of each pooled connection (MB).</summary>
    [Range(2, 1024)]
    public int SqliteCacheMegabytes { get; set; } = SqliteConnectionSetup.DefaultCacheMegabytes;

    /// <summary>
    /// A query that limits rows (<c>Take</c>, <c>Skip</c>, <c>First</c> without a filter) but orders none
    /// fails instead of logging EF Core's warning: its rows would differ between providers and runs.
    /// The test hosts turn it on.
    /// </summary>
    public bool StrictQueries { get; set; }
}
