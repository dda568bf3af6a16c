using Npgsql;
using Xunit;

namespace Letopis.TestKit;

/// <summary>
/// Where integration tests run: SQLite always, PostgreSQL when <c>LETOPIS_TEST_POSTGRES</c> names a
/// server (a connection string without a database; <c>./test.sh</c> starts one and sets it).
/// </summary>
public static class TestDatabases
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static string? PostgresServer => Environment.GetEnvironmentVariable("LETOPIS_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    /// <summary>Theory data: every provider configured on this machine.</summary>
    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string> { Sqlite };
        if (PostgresServer is not null)
            data.Add(Postgres);
        return data;
    }

    /// <summary>A fresh, empty database; the host applies the migrations.</summary>
    public static string CreateEmpty(string provider, string folder)
    {
        if (provider == Sqlite)
            return Infrastructure.Data.DatabaseRegistration.SqliteConnectionString(Path.Combine(folder, "letopis.db"));

        var server = PostgresServer ?? throw new InvalidOperationException("LETOPIS_TEST_POSTGRES is not set.");
        var name = "letopis_t_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name} ENCODING 'UTF8'";
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
