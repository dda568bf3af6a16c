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
/// The floor under <c>approvals-inbox</c>: «my approvals» as bare statements through the driver — the
/// count of an approver's pending tasks, then the first 50 by deadline
/// with the document, its type, counterparty, stage and author — written as JSON into memory, the
/// approvers in turn as the scenario takes them; no HTTP, sign-in, deputies, names of people or server process.
/// </summary>
public static class ApprovalsFloor
{
    public const string Name = "approvals-floor";

    public const string Description = "«my approvals»' count and first page of 50 by deadline, with JSON, without the server: the floor under approvals-inbox";

    private const string Count = """
        SELECT COUNT(*) FROM "ApprovalTasks" t WHERE t."AssigneeId" = @user AND t."Status" = 'Pending'
        """;

    private const string Page = """
        SELECT t."Id", t."RouteId", t."DocumentId", d."Title", d."Number", dt."Name", d."CounterpartyId", c."Name", s."Name",
               r."StartedById", t."ReceivedAt", t."DueAt", t."Version"
        FROM "ApprovalTasks" t
        JOIN "Documents" d ON d."Id" = t."DocumentId"
        JOIN "DocumentTypes" dt ON dt."Id" = d."TypeId"
        LEFT JOIN "Counterparties" c ON c."Id" = d."CounterpartyId"
        JOIN "ApprovalRouteStages" s ON s."Id" = t."StageId"
        JOIN "ApprovalRoutes" r ON r."Id" = t."RouteId"
        WHERE t."AssigneeId" = @user AND t."Status" = 'Pending'
        ORDER BY t."DueAt", t."Id"
        LIMIT 50
        """;

    private static readonly int SqliteCacheMegabytes = new Letopis.Infrastructure.Data.DatabaseOptions().SqliteCacheMegabytes;

    public static async Task<int> RunAsync(BenchOptions options, string connectionString, CancellationToken ct)
    {
        var postgres = options.Provider == "postgres";
        if (!postgres && !File.Exists(Path.Combine(options.DataDir!, "letopis.db")))
        {
            Console.Error.WriteLine($"There is no database in {options.DataDir}: fill one with 'generate-approvals' first.");
            return 1;
        }
        List<Guid> approvers;
        try
        {
            approvers = await ApproversAsync(options, ct);
        }
        catch (DbException e)
        {
            Console.Error.WriteLine($"The database cannot be read: {e.Message}");
            return 1;
        }
        if (approvers.Count == 0)
        {
            Console.Error.WriteLine("No approver has a pending task: run 'generate-approvals' first.");
            return 1;
        }
        var rows = new StringBuilder();
        rows.AppendLine(CultureInfo.InvariantCulture, $"<!-- {Name}: count + first 50 pending tasks by deadline + JSON, {approvers.Count} approvers in turn, no HTTP; {options.Provider}, {options.Seconds} s per run after {options.WarmupSeconds} s warm-up, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC -->");
        rows.AppendLine("| statements | provider | threads | inboxes/s | p50 ms | p95 ms | p99 ms | machine CPU |");
        rows.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|");
        foreach (var threads in options.Clients)
        {
            Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {Name}: {threads} threads, warm-up {options.WarmupSeconds} s, run {options.Seconds} s");
            var start = 0;
            var run = await FloorHarness.RunAsync(threads, options.WarmupSeconds, options.Seconds, Name,
                (latencies, signal) => Work(postgres, connectionString, approvers, Interlocked.Add(ref start, 37), latencies, signal), ct);
            Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}]   {run.PerSecond:0} inboxes/s, p50 {run.P50:0.00} ms, p95 {run.P95:0.00} ms");
            rows.AppendLine(CultureInfo.InvariantCulture,
                $"| count + page of 50 | {options.Provider} | {threads} | {run.PerSecond:0} | {run.P50:0.00} | {run.P95:0.00} | {run.P99:0.00} | {run.MachineCores:0.00} |");
        }
        Console.WriteLine(rows.ToString());
        return 0;
    }

    private static void Work(bool postgres, string connectionString, List<Guid> approvers, int first, List<double> latencies, FloorSignal signal)
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
        using var count = connection.CreateCommand();
        count.CommandText = Count;
        Add(count, "user", Key(approvers[0]));
        count.Prepare();
        using var page = connection.CreateCommand();
        page.CommandText = Page;
        Add(page, "user", Key(approvers[0]));
        page.Prepare();
        var encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Cyrillic);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var n = first;
        while (!signal.Stopped)
        {
            var started = Stopwatch.GetTimestamp();
            var user = Key(approvers[n++ % approvers.Count]);
            var now = DateTime.UtcNow;
            count.Parameters[0].Value = user;
            page.Parameters[0].Value = user;
            var open = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
            {
                json.WriteStartObject();
                json.WriteStartArray("items");
                using (var reader = page.ExecuteReader())
                {
                    while (reader.Read())
                        WriteItem(json, reader, now);
                }
                json.WriteEndArray();
                json.WriteNumber("total", open);
                json.WriteNumber("page", 1);
                json.WriteNumber("pageSize", 50);
                json.WriteEndObject();
            }
            if (signal.Measuring)
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static void WriteItem(Utf8JsonWriter json, DbDataReader reader, DateTime now)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        string? Id(int i) => reader.IsDBNull(i) ? null : reader.GetValue(i).ToString();
        var due = DateTime.SpecifyKind(reader.GetDateTime(11), DateTimeKind.Utc);
        json.WriteStartObject();
        json.WriteString("taskId", Id(0));
        json.WriteString("routeId", Id(1));
        json.WriteString("documentId", Id(2));
        json.WriteString("documentTitle", Text(3));
        json.WriteString("documentNumber", Text(4));
        json.WriteString("typeName", Text(5));
        json.WriteString("counterpartyId", Id(6));
        json.WriteString("counterpartyName", Text(7));
        json.WriteString("stageName", Text(8));
        json.WriteStartObject("author");
        json.WriteString("id", Id(9));
        json.WriteEndObject();
        json.WriteString("receivedAt", DateTime.SpecifyKind(reader.GetDateTime(10), DateTimeKind.Utc));
        json.WriteString("dueAt", due);
        json.WriteBoolean("overdue", due < now);
        json.WriteNumber("version", reader.GetInt32(12));
        json.WriteEndObject();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The approvers with pending tasks, in the order <c>approvals-inbox</c> takes them (by login).</summary>
    private static async Task<List<Guid>> ApproversAsync(BenchOptions options, CancellationToken ct)
    {
        await using var db = await ApprovalData.OpenAsync(options, ct);
        await using var command = db.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = $"""
            SELECT u."Id" FROM "AspNetUsers" u
            WHERE u."UserName" LIKE '{Letopis.Bench.Data.ApprovalGenerator.ApproverPrefix}%'
              AND EXISTS (SELECT 1 FROM "ApprovalTasks" t WHERE t."AssigneeId" = u."Id" AND t."Status" = 'Pending')
            ORDER BY u."UserName"
            """;
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            ids.Add(ApprovalData.ReadGuid(reader, 0));
        return ids;
    }
}
