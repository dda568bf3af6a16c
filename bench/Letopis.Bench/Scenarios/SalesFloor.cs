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
/// The floor under <c>leads-board</c> and <c>deals-board</c>: each board's statements straight
/// through the driver — the columns' counts (and sums) from the kept totals, then each column's first
/// 20 cards by creation time (a deal's card with its company's name) — and the board written as JSON
/// into memory; no HTTP, sign-in, access rule, names of people or server process.
/// </summary>
public static class SalesFloor
{
    public const string Name = "sales-floor";

    public const string Description = "the leads and «Продажи» deals boards' statements and JSON without the server: the floor under leads-board and deals-board";

    private const int Take = 20;

    private const string LeadCard = """
        SELECT "Id", "Title", "CompanyName", "ContactName", "Phone", "ResponsibleId", "CreatedAt", "Status"
        FROM "Leads" WHERE "StageId" = @stage ORDER BY "CreatedAt" DESC, "Id" DESC LIMIT 20
        """;

    private const string DealCard = """
        SELECT d."Id", d."Title", d."CompanyId", c."Name", d."ResponsibleId", d."CreatedAt", d."AmountMinor", d."Currency"
        FROM "Deals" d LEFT JOIN "Counterparties" c ON c."Id" = d."CompanyId"
        WHERE d."StageId" = @stage ORDER BY d."CreatedAt" DESC, d."Id" DESC LIMIT 20
        """;

    private static readonly int SqliteCacheMegabytes = new Letopis.Infrastructure.Data.DatabaseOptions().SqliteCacheMegabytes;

    public static async Task<int> RunAsync(BenchOptions options, string connectionString, CancellationToken ct)
    {
        var postgres = options.Provider == "postgres";
        if (!postgres && !File.Exists(Path.Combine(options.DataDir!, "letopis.db")))
        {
            Console.Error.WriteLine($"There is no database in {options.DataDir}: fill one with 'generate' and 'generate-sales' first.");
            return 1;
        }
        List<Guid> leadStages, dealStages;
        try
        {
            (leadStages, dealStages) = await StagesAsync(postgres, connectionString, ct);
        }
        catch (DbException e)
        {
            Console.Error.WriteLine($"The database cannot be read: {e.Message}");
            return 1;
        }
        if (leadStages.Count == 0 || dealStages.Count == 0)
        {
            Console.Error.WriteLine("The database has no lead stages or no «Продажи» pipeline: run the server on it and 'generate-sales' first.");
            return 1;
        }
        var rows = new StringBuilder();
        rows.AppendLine(CultureInfo.InvariantCulture, $"<!-- {Name}: totals + first {Take} cards of each column + JSON, no HTTP; {options.Provider}, {options.Seconds} s per run after {options.WarmupSeconds} s warm-up, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC -->");
        rows.AppendLine("| board | provider | threads | boards/s | p50 ms | p95 ms | p99 ms | machine CPU |");
        rows.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|");
        foreach (var (board, stages, sql, deals) in new[] { ("leads", leadStages, LeadCard, false), ("deals «Продажи»", dealStages, DealCard, true) })
        {
            foreach (var threads in options.Clients)
            {
                Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {Name} {board}: {threads} threads, warm-up {options.WarmupSeconds} s, run {options.Seconds} s");
                var run = await FloorHarness.RunAsync(threads, options.WarmupSeconds, options.Seconds, "sales-floor",
                    (latencies, signal) => Work(postgres, connectionString, stages, sql, deals, latencies, signal), ct);
                Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}]   {run.PerSecond:0} boards/s, p50 {run.P50:0.00} ms, p95 {run.P95:0.00} ms");
                rows.AppendLine(CultureInfo.InvariantCulture,
                    $"| {board} | {options.Provider} | {threads} | {run.PerSecond:0} | {run.P50:0.00} | {run.P95:0.00} | {run.P99:0.00} | {run.MachineCores:0.00} |");
            }
        }
        Console.WriteLine(rows.ToString());
        return 0;
    }

    private static void Work(bool postgres, string connectionString, List<Guid> stages, string cardSql, bool deals, List<double> latencies, FloorSignal signal)
    {
        using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        connection.Open();
        if (!postgres)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA cache_size = {-SqliteCacheMegabytes * 1024};";
            pragma.ExecuteNonQuery();
        }
        object Key(Guid id) => postgres ? id : id.ToString().ToUpperInvariant();
        var inList = string.Join(", ", stages.Select((_, i) => "@s" + i.ToString(CultureInfo.InvariantCulture)));
        using var totals = connection.CreateCommand();
        totals.CommandText = $"""SELECT "StageId", SUM("Count"), SUM("AmountMinor") FROM "StageTotals" WHERE "StageId" IN ({inList}) GROUP BY "StageId" """;
        for (var i = 0; i < stages.Count; i++)
            Add(totals, "s" + i.ToString(CultureInfo.InvariantCulture), Key(stages[i]));
        totals.Prepare();
        using var cards = connection.CreateCommand();
        cards.CommandText = cardSql;
        Add(cards, "stage", Key(stages[0]));
        cards.Prepare();
        var encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Cyrillic);
        var buffer = new ArrayBufferWriter<byte>(128 * 1024);
        var counts = new Dictionary<string, (long, long)>();
        while (!signal.Stopped)
        {
            var started = Stopwatch.GetTimestamp();
            counts.Clear();
            using (var reader = totals.ExecuteReader())
            {
                while (reader.Read())
                    counts[reader.GetValue(0).ToString()!.ToUpperInvariant()] = (reader.GetInt64(1), reader.GetInt64(2));
            }
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
            {
                json.WriteStartObject();
                json.WriteStartArray("columns");
                foreach (var stage in stages)
                {
                    var (count, amount) = counts.GetValueOrDefault(stage.ToString().ToUpperInvariant());
                    json.WriteStartObject();
                    json.WriteString("stageId", stage);
                    json.WriteNumber("count", count);
                    if (deals)
                        json.WriteNumber("amount", amount / 100m);
                    json.WriteStartArray("cards");
                    cards.Parameters[0].Value = Key(stage);
                    using (var reader = cards.ExecuteReader())
                    {
                        while (reader.Read())
                            WriteCard(json, reader, deals);
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            if (signal.Measuring)
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static void WriteCard(Utf8JsonWriter json, DbDataReader reader, bool deal)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        string? Id(int i) => reader.IsDBNull(i) ? null : reader.GetValue(i).ToString();
        json.WriteStartObject();
        json.WriteString("id", Id(0));
        json.WriteString("title", Text(1));
        if (deal)
        {
            json.WriteString("companyId", Id(2));
            json.WriteString("companyName", Text(3));
            json.WriteString("responsibleId", Id(4));
            json.WriteString("createdAt", reader.GetDateTime(5));
            json.WriteNumber("amount", reader.GetInt64(6) / 100m);
            json.WriteString("currency", Text(7));
        }
        else
        {
            json.WriteString("companyName", Text(2));
            json.WriteString("contactName", Text(3));
            json.WriteString("phone", Text(4));
            json.WriteString("responsibleId", Id(5));
            json.WriteString("createdAt", reader.GetDateTime(6));
            json.WriteString("status", Text(7));
        }
        json.WriteEndObject();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task<(List<Guid> Leads, List<Guid> Deals)> StagesAsync(bool postgres, string connectionString, CancellationToken ct)
    {
        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        async Task<List<Guid>> Read(string where)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT s."Id" FROM "PipelineStages" s JOIN "Pipelines" p ON p."Id" = s."PipelineId" WHERE {where} ORDER BY s."Order"
                """;
            var ids = new List<Guid>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                ids.Add(reader.GetFieldType(0) == typeof(Guid) ? reader.GetGuid(0) : Guid.Parse(reader.GetString(0)));
            return ids;
        }
        return (await Read("p.\"Kind\" = 'Lead'"), await Read($"p.\"Kind\" = 'Deal' AND p.\"Name\" = '{Letopis.Core.Deals.SeedSales.SalesPipeline}'"));
    }
}
