using System.Buffers;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// The floor under the <c>directory-filtered</c> scenario: its two statements (the total and the page
/// of 50 cards of a random region and category, by name) straight through the database driver, and
/// the page written as JSON into memory, with no HTTP, no sign-in, no access rule, no names, tags or
/// custom values, and no server process. Each thread has its own connection and prepared statements.
/// What it measures is more than any server built on this database and these rows can serve.
/// </summary>
public static class DirectoryFloor
{
    public const string Name = "directory-floor";

    public const string Description = "the filtered page's two statements and its JSON without the server: the ceiling for directory-filtered";

    private const string Columns = """
        "Id", "Kind", "Name", "FullName", "Inn", "Kpp", "Ogrn", "Phone", "Fax", "Email", "Website", "LegalAddress",
        "ActualAddress", "PostalAddress", "RegionId", "CategoryId", "GroupId", "ActivityTypeId", "AdSourceId", "ResponsibleId",
        "CreatedAt", "Version"
        """;

    // The server's default page cache per SQLite connection.
    private static readonly int SqliteCacheMegabytes = new Letopis.Infrastructure.Data.DatabaseOptions().SqliteCacheMegabytes;

    public static async Task<int> RunAsync(BenchOptions options, string connectionString, CancellationToken ct)
    {
        var postgres = options.Provider == "postgres";
        if (!postgres && !File.Exists(Path.Combine(options.DataDir!, "letopis.db")))
        {
            Console.Error.WriteLine($"There is no database in {options.DataDir}: fill one with 'generate' first.");
            return 1;
        }
        List<Guid> regions, categories;
        try
        {
            (regions, categories) = await PairsAsync(postgres, connectionString, ct);
        }
        catch (DbException e)
        {
            Console.Error.WriteLine($"The database cannot be read: {e.Message}");
            return 1;
        }
        if (regions.Count == 0 || categories.Count == 0)
        {
            Console.Error.WriteLine("The database has no regions or categories: fill it with 'generate' first.");
            return 1;
        }
        var rows = new StringBuilder();
        rows.AppendLine(CultureInfo.InvariantCulture, $"<!-- {Name}: count + page of 50 by region and category (random pairs) + JSON, no HTTP; {options.Provider}, {options.Seconds} s per run after {options.WarmupSeconds} s warm-up, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC -->");
        rows.AppendLine("| scenario | provider | threads | pages/s | p50 ms | p95 ms | p99 ms | machine CPU |");
        rows.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|");
        foreach (var threads in options.Clients)
        {
            Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {Name}: {threads} threads, warm-up {options.WarmupSeconds} s, run {options.Seconds} s");
            var run = await RunThreadsAsync(postgres, connectionString, regions, categories, threads, options.WarmupSeconds, options.Seconds, ct);
            Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}]   {run.PerSecond:0} pages/s, p50 {run.P50:0.00} ms, p95 {run.P95:0.00} ms");
            rows.AppendLine(CultureInfo.InvariantCulture,
                $"| {Name} | {options.Provider} | {threads} | {run.PerSecond:0} | {run.P50:0.00} | {run.P95:0.00} | {run.P99:0.00} | {run.MachineCores:0.00} |");
        }
        Console.WriteLine(rows.ToString());
        return 0;
    }

    private static Task<FloorRun> RunThreadsAsync(
        bool postgres, string connectionString, IReadOnlyList<Guid> regions, IReadOnlyList<Guid> categories,
        int threads, int warmupSeconds, int seconds, CancellationToken ct) =>
        FloorHarness.RunAsync(threads, warmupSeconds, seconds, "floor",
            (latencies, signal) => Work(postgres, connectionString, regions, categories, latencies, signal), ct);

    private static void Work(
        bool postgres, string connectionString, IReadOnlyList<Guid> regions, IReadOnlyList<Guid> categories,
        List<double> latencies, FloorSignal signal)
    {
        using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        connection.Open();
        if (!postgres)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA cache_size = {-SqliteCacheMegabytes * 1024};";
            pragma.ExecuteNonQuery();
        }
        const string where = """WHERE "RegionId" = @region AND "CategoryId" = @category""";
        using var count = Command(connection, postgres, $"""SELECT count(*) FROM "Counterparties" {where}""");
        using var page = Command(connection, postgres, $"""SELECT {Columns} FROM "Counterparties" {where} ORDER BY "NameNormalized", "Id" LIMIT 50""");
        var encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Cyrillic);
        var buffer = new ArrayBufferWriter<byte>(128 * 1024);
        var names = Enumerable.Range(0, 22).Select(i => JsonNamingPolicy.CamelCase.ConvertName(Columns.Split(',')[i].Trim().Trim('"'))).ToArray();
        var random = new Random();
        while (!signal.Stopped)
        {
            var started = Stopwatch.GetTimestamp();
            var region = regions[random.Next(regions.Count)];
            var category = categories[random.Next(categories.Count)];
            foreach (var command in new[] { count, page })
            {
                command.Parameters[0].Value = postgres ? region : region.ToString().ToUpperInvariant();
                command.Parameters[1].Value = postgres ? category : category.ToString().ToUpperInvariant();
            }
            var total = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
            using (var reader = page.ExecuteReader())
            {
                json.WriteStartObject();
                json.WriteStartArray("items");
                while (reader.Read())
                {
                    json.WriteStartObject();
                    for (var i = 0; i < names.Length; i++)
                    {
                        if (reader.IsDBNull(i))
                            json.WriteNull(names[i]);
                        else if (i is 0 or (>= 14 and <= 19))
                            json.WriteString(names[i], reader.GetGuid(i));
                        else if (i == 20)
                            json.WriteString(names[i], reader.GetDateTime(i));
                        else if (i == 21)
                            json.WriteNumber(names[i], reader.GetInt32(i));
                        else
                            json.WriteString(names[i], reader.GetString(i));
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteNumber("total", total);
                json.WriteEndObject();
            }
            if (signal.Measuring)
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>A statement prepared once on the connection (SQLite keeps a command's statement by itself).</summary>
    private static DbCommand Command(DbConnection connection, bool postgres, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in new[] { "region", "category" })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = postgres ? Guid.Empty : "";
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }

    private static async Task<(List<Guid> Regions, List<Guid> Categories)> PairsAsync(bool postgres, string connectionString, CancellationToken ct)
    {
        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        async Task<List<Guid>> Book(string book)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT "Id" FROM "ReferenceItems" WHERE "Book" = '{book}'""";
            var ids = new List<Guid>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                ids.Add(reader.GetGuid(0));
            return ids;
        }
        return (await Book("Region"), await Book("Category"));
    }
}
