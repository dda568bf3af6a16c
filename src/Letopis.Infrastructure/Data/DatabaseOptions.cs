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
}
