using System.Buffers;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Letopis.Bench.Data;
using Letopis.Core.Access;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// The floor under <c>copies-overdue</c>, <c>assignments-inbox</c> and <c>settlement</c>: each screen's
/// statements as its handler sends them, bare through the driver — the department tree, the count and the
/// page of overdue copies and the names of their documents, clients, places, holders and departments; an
/// executor's count and page of open assignments from the executors' index, the assignments with their
/// letters, their executors and names; a client's points grouped by contract, the contracts, the first 100
/// overdue points and stages without an act with their names — each written as JSON into memory; no HTTP,
/// sign-in, access rule or server process. Lists of ids go as one array parameter (<c>= ANY</c> on
/// PostgreSQL, <c>json_each</c> on SQLite).
/// </summary>
public static class OfficeFloor
{
    public const string Name = "office-floor";

    public const string Description = "the statements and JSON of copies-overdue, assignments-inbox and settlement without the server: their floor";

    private static readonly int SqliteCacheMegabytes = new Letopis.Infrastructure.Data.DatabaseOptions().SqliteCacheMegabytes;

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Cyrillic);

    private const string CopyColumns = """
        "Id", "DocumentId", "Kind", "Number", "Owner", "State", "StoragePlaceId", "HolderId", "HolderDepartmentId", "OutSince", "DueBack",
        "Purpose", "SentMethod", "TrackingNumber", "Note", "Version"
        """;

    private const string PointColumns = """
        "Id", "DocumentId", "CounterpartyId", "Kind", "Title", "DueOn", "PlannedMinor", "PaidMinor", "ActedMinor", "ResponsibleId", "DepartmentId",
        "Status", "DoneOn", "ActRequired", "ClosingDocumentId", "MissReason", "Note", "Order", "Version"
        """;

    public static async Task<int> RunAsync(BenchOptions options, string connectionString, CancellationToken ct)
    {
        var postgres = options.Provider == "postgres";
        if (!postgres && !File.Exists(Path.Combine(options.DataDir!, "letopis.db")))
        {
            Console.Error.WriteLine($"There is no database in {options.DataDir}: fill one with 'generate-office' first.");
            return 1;
        }
        List<Guid> departments, executors;
        OfficeData.LargeClient? client;
        try
        {
            departments = [.. (await OfficeData.OverdueByDepartmentAsync(options, ct)).Keys.Order()];
            executors = await ExecutorsAsync(options, ct);
            client = await OfficeData.LargeClientAsync(options, ct);
        }
        catch (DbException e)
        {
            Console.Error.WriteLine($"The database cannot be read: {e.Message}");
            return 1;
        }
        if (departments.Count == 0 || executors.Count == 0 || client is null)
        {
            Console.Error.WriteLine("No office departments, executors with open assignments or control points: run 'generate-office' first.");
            return 1;
        }
        var rows = new StringBuilder();
        rows.AppendLine(CultureInfo.InvariantCulture, $"<!-- {Name}: the handlers' statements + JSON, no HTTP; {departments.Count} departments, {executors.Count} executors in turn, the client of {client.Contracts} contracts; {options.Provider}, {options.Seconds} s per run after {options.WarmupSeconds} s warm-up, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC -->");
        rows.AppendLine("| screen | statements | provider | threads | screens/s | p50 ms | p95 ms | p99 ms | machine CPU |");
        rows.AppendLine("|---|---|---|--:|--:|--:|--:|--:|--:|");
        var screens = new (string Screen, string Statements, Func<DbConnection, int, Action> Prepare)[]
        {
            ("copies overdue of a department", "tree, count, page of 50, 5 name look-ups", (c, first) => CopiesOverdue(c, departments, first)),
            ("my assignments", "count, page of 50, items, executors, names", (c, first) => Inbox(c, executors, first)),
            ($"settlement of {client.Contracts} contracts", "client, grouped points, contracts, 2 × 100 points, 3 name look-ups", (c, _) => Settlement(c, client.Id)),
        };
        foreach (var (screen, statements, prepare) in screens)
        {
            foreach (var threads in options.Clients)
            {
                Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {Name} {screen}: {threads} threads, warm-up {options.WarmupSeconds} s, run {options.Seconds} s");
                var start = 0;
                var run = await FloorHarness.RunAsync(threads, options.WarmupSeconds, options.Seconds, Name,
                    (latencies, signal) => Work(postgres, connectionString, c => prepare(c, Interlocked.Add(ref start, 37)), latencies, signal), ct);
                Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}]   {run.PerSecond:0} screens/s, p50 {run.P50:0.00} ms, p95 {run.P95:0.00} ms");
                rows.AppendLine(CultureInfo.InvariantCulture,
                    $"| {screen} | {statements} | {options.Provider} | {threads} | {run.PerSecond:0} | {run.P50:0.00} | {run.P95:0.00} | {run.P99:0.00} | {run.MachineCores:0.00} |");
            }
        }
        Console.WriteLine(rows.ToString());
        return 0;
    }

    private static void Work(bool postgres, string connectionString, Func<DbConnection, Action> prepare, List<double> latencies, FloorSignal signal)
    {
        using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        connection.Open();
        if (!postgres)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA cache_size = {-SqliteCacheMegabytes * 1024};";
            pragma.ExecuteNonQuery();
        }
        var round = prepare(connection);
        while (!signal.Stopped)
        {
            var started = Stopwatch.GetTimestamp();
            round();
            if (signal.Measuring)
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    // ---- copies overdue ----------------------------------------------------------------------

    private static Action CopiesOverdue(DbConnection connection, List<Guid> departments, int first)
    {
        var tree = Command(connection, """SELECT "Id", "ParentId" FROM "Departments" """);
        var where = $"""
            "State" = 'Out' AND "DueBack" < @today AND "HolderDepartmentId" IS NOT NULL AND {In(connection, "\"HolderDepartmentId\"", "deps")}
            """;
        var count = Command(connection, $"""SELECT COUNT(*) FROM "PaperCopies" WHERE {where}""", ("today", null), ("deps", null));
        var page = Command(connection, $"""SELECT {CopyColumns} FROM "PaperCopies" WHERE {where} ORDER BY "DueBack", "Id" LIMIT 50""", ("today", null), ("deps", null));
        var documents = Lookup(connection, """SELECT "Id", "Number", "Title", "CounterpartyId" FROM "Documents" WHERE {0}""");
        var clients = Lookup(connection, """SELECT "Id", "Name" FROM "Counterparties" WHERE {0}""");
        var places = Lookup(connection, """SELECT "Id", "Name", "Path" FROM "StoragePlaces" WHERE {0}""");
        var users = Lookup(connection, """SELECT "Id", "FullName" FROM "AspNetUsers" WHERE {0}""");
        var names = Lookup(connection, """SELECT "Id", "Name" FROM "Departments" WHERE {0}""");
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var n = first;
        return () =>
        {
            var department = departments[n++ % departments.Count];
            var all = new List<(Guid, Guid?)>();
            using (var reader = tree.ExecuteReader())
            {
                while (reader.Read())
                    all.Add((Id(reader, 0), reader.IsDBNull(1) ? null : Id(reader, 1)));
            }
            var subtree = Department.SelfAndDescendants(department, all).ToList();
            var today = OfficeData.Today;
            SetDate(count, 0, today);
            SetIds(count, 1, subtree);
            SetDate(page, 0, today);
            SetIds(page, 1, subtree);
            var total = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            var copies = Rows(page);
            var docs = Read(documents, copies.Select(c => (Guid)c[1]!));
            var cps = Read(clients, docs.Values.Where(d => d[3] is not null).Select(d => (Guid)d[3]!));
            var placeRows = Read(places, copies.Where(c => c[6] is not null).Select(c => (Guid)c[6]!));
            var holders = Read(users, copies.Where(c => c[7] is not null).Select(c => (Guid)c[7]!));
            var deps = Read(names, copies.Where(c => c[8] is not null).Select(c => (Guid)c[8]!));
            buffer.ResetWrittenCount();
            using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder });
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var c in copies)
            {
                var doc = docs[(Guid)c[1]!];
                json.WriteStartObject();
                json.WriteString("id", (Guid)c[0]!);
                json.WriteString("documentId", (Guid)c[1]!);
                json.WriteString("documentNumber", (string?)doc[1]);
                json.WriteString("documentTitle", (string?)doc[2]);
                WriteId(json, "counterpartyId", doc[3]);
                json.WriteString("counterpartyName", doc[3] is Guid cp && cps.TryGetValue(cp, out var cpRow) ? (string?)cpRow[1] : null);
                json.WriteString("kind", ApiName((string)c[2]!));
                json.WriteNumber("number", Convert.ToInt32(c[3], CultureInfo.InvariantCulture));
                json.WriteString("owner", ApiName((string)c[4]!));
                json.WriteString("state", ApiName((string)c[5]!));
                if (c[6] is Guid place && placeRows.TryGetValue(place, out var p))
                {
                    json.WriteStartObject("storagePlace");
                    json.WriteString("id", place);
                    json.WriteString("name", (string?)p[1]);
                    json.WriteString("path", (string?)p[2]);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("storagePlace");
                }
                WritePerson(json, "holder", c[7], holders);
                WriteId(json, "holderDepartmentId", c[8]);
                json.WriteString("holderDepartmentName", c[8] is Guid dep && deps.TryGetValue(dep, out var depRow) ? (string?)depRow[1] : null);
                WriteInstant(json, "outSince", c[9]);
                var due = c[10] is null ? (DateOnly?)null : Day(c[10]!);
                json.WriteString("dueBack", due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteBoolean("overdue", (string)c[5]! == "Out" && due < today);
                json.WriteString("purpose", (string?)c[11]);
                json.WriteString("sentMethod", c[12] is string m ? ApiName(m) : null);
                json.WriteString("trackingNumber", (string?)c[13]);
                json.WriteString("note", (string?)c[14]);
                json.WriteNumber("version", Convert.ToInt32(c[15], CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("total", total);
            json.WriteNumber("page", 1);
            json.WriteNumber("pageSize", 50);
            json.WriteEndObject();
        };
    }

    // ---- my assignments ----------------------------------------------------------------------

    private static Action Inbox(DbConnection connection, List<Guid> executors, int first)
    {
        var count = Command(connection, """SELECT COUNT(*) FROM "AssignmentExecutors" WHERE "UserId" = @user AND "Open" """, ("user", null));
        var page = Command(connection, """
            SELECT "AssignmentId", "DueOn" FROM "AssignmentExecutors" WHERE "UserId" = @user AND "Open"
            ORDER BY "DueOn", "AssignmentId" LIMIT 50
            """, ("user", null));
        var items = Lookup(connection, """
            SELECT a."Id", a."DocumentId", a."Number", a."Text", a."ExecutorId", a."ControllerId", a."DueOn", a."Status", a."ExtensionRequestedTo",
                   a."Version", d."Number", d."Title", (SELECT c."Name" FROM "Counterparties" c WHERE c."Id" = d."CounterpartyId" LIMIT 1)
            FROM "Assignments" a JOIN "Documents" d ON d."Id" = a."DocumentId" WHERE {0}
            """, "a.\"Id\"");
        var coExecutors = Command(connection, $"""
            SELECT "AssignmentId", "UserId", "Lead" FROM "AssignmentExecutors" WHERE {In(connection, "\"AssignmentId\"", "ids")}
            """, ("ids", null));
        var users = Lookup(connection, """SELECT "Id", "FullName" FROM "AspNetUsers" WHERE {0}""");
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var n = first;
        return () =>
        {
            var user = executors[n++ % executors.Count];
            var today = OfficeData.Today;
            count.Parameters[0].Value = Key(connection, user);
            page.Parameters[0].Value = Key(connection, user);
            var total = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            var ids = Rows(page).Select(r => (Guid)r[0]!).ToList();
            var rows = Read(items, ids);
            SetIds(coExecutors, 0, ids);
            var executorRows = Rows(coExecutors);
            var names = Read(users, rows.Values.Select(r => (Guid)r[4]!).Concat(rows.Values.Where(r => r[5] is not null).Select(r => (Guid)r[5]!)));
            buffer.ResetWrittenCount();
            using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder });
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var id in ids)
            {
                if (!rows.TryGetValue(id, out var a))
                    continue;
                var status = (string)a[7]!;
                var due = Day(a[6]!);
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("documentId", (Guid)a[1]!);
                json.WriteString("documentNumber", (string?)a[10]);
                json.WriteString("documentTitle", (string?)a[11]);
                json.WriteString("counterpartyName", (string?)a[12]);
                json.WriteNumber("number", Convert.ToInt32(a[2], CultureInfo.InvariantCulture));
                json.WriteString("text", (string?)a[3]);
                WritePerson(json, "executor", a[4], names);
                json.WriteNumber("coExecutorCount", executorRows.Count(x => (Guid)x[0]! == id && !Convert.ToBoolean(x[2], CultureInfo.InvariantCulture)));
                WritePerson(json, "controller", a[5], names);
                json.WriteBoolean("lead", (Guid)a[4]! == user);
                json.WriteString("dueOn", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteBoolean("overdue", status is "Open" or "Reported" && due < today);
                json.WriteString("status", ApiName(status));
                json.WriteString("extensionRequestedTo", a[8] is null ? null : Day(a[8]!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteNumber("version", Convert.ToInt32(a[9], CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("total", total);
            json.WriteNumber("page", 1);
            json.WriteNumber("pageSize", 50);
            json.WriteEndObject();
        };
    }

    // ---- settlement --------------------------------------------------------------------------

    private static Action Settlement(DbConnection connection, Guid client)
    {
        var name = Command(connection, """SELECT "Id", "Name" FROM "Counterparties" WHERE "Id" = @client""", ("client", Key(connection, client)));
        var grouped = Command(connection, """
            SELECT "DocumentId", SUM(COALESCE("PlannedMinor", 0)), SUM("PaidMinor"), SUM("ActedMinor"),
                   COUNT(CASE WHEN "Status" = 'Open' AND "DueOn" < @today THEN 1 END)
            FROM "ControlPoints" WHERE "CounterpartyId" = @client AND "Status" <> 'Cancelled' GROUP BY "DocumentId"
            """, ("today", null), ("client", Key(connection, client)));
        var contracts = Command(connection, $"""
            SELECT "Id", "Number", "NumberSortKey", "RegisteredOn", "Title", "Currency" FROM "Documents"
            WHERE "CounterpartyId" = @client AND NOT "Deleted" AND {In(connection, "\"Id\"", "ids")}
            """, ("client", Key(connection, client)), ("ids", null));
        var overdue = Command(connection, $"""
            SELECT {PointColumns} FROM "ControlPoints"
            WHERE "CounterpartyId" = @client AND "Status" = 'Open' AND "DueOn" < @today AND {In(connection, "\"DocumentId\"", "ids")}
            ORDER BY "DueOn", "Id" LIMIT 100
            """, ("client", Key(connection, client)), ("today", null), ("ids", null));
        var withoutAct = Command(connection, $"""
            SELECT {PointColumns} FROM "ControlPoints"
            WHERE "CounterpartyId" = @client AND "Status" = 'Done' AND "ActRequired"
              AND COALESCE("ClosingDocumentId", '00000000-0000-0000-0000-000000000000') = '00000000-0000-0000-0000-000000000000' AND {In(connection, "\"DocumentId\"", "ids")}
            ORDER BY "DueOn", "Id" LIMIT 100
            """, ("client", Key(connection, client)), ("ids", null));
        var documents = Lookup(connection, """SELECT "Id", "Number", "Title", "Currency" FROM "Documents" WHERE {0}""");
        var clients = Lookup(connection, """SELECT "Id", "Name" FROM "Counterparties" WHERE {0}""");
        var users = Lookup(connection, """SELECT "Id", "FullName" FROM "AspNetUsers" WHERE {0}""");
        var buffer = new ArrayBufferWriter<byte>(256 * 1024);
        return () =>
        {
            var today = OfficeData.Today;
            object?[] counterparty;
            using (var reader = name.ExecuteReader())
            {
                reader.Read();
                counterparty = [Id(reader, 0), reader.GetString(1)];
            }
            SetDate(grouped, 0, today);
            var sums = Rows(grouped);
            var ids = sums.Select(s => (Guid)s[0]!).ToList();
            SetIds(contracts, 1, ids);
            var docs = Rows(contracts).ToDictionary(d => (Guid)d[0]!);
            var lines = sums.Where(s => docs.ContainsKey((Guid)s[0]!))
                .Select(s => (Sums: s, Doc: docs[(Guid)s[0]!]))
                .OrderBy(x => Day(x.Doc[3]!)).ThenBy(x => (string?)x.Doc[2], StringComparer.Ordinal).ThenBy(x => (Guid)x.Doc[0]!)
                .ToList();
            var visible = docs.Keys.ToList();
            SetDate(overdue, 1, today);
            SetIds(overdue, 2, visible);
            SetIds(withoutAct, 1, visible);
            var flagged = Rows(overdue);
            var overdueCount = flagged.Count;
            flagged.AddRange(Rows(withoutAct));
            var pointDocs = Read(documents, flagged.Select(p => (Guid)p[1]!).Concat(flagged.Where(p => p[14] is not null).Select(p => (Guid)p[14]!)));
            var pointClients = Read(clients, flagged.Where(p => p[2] is not null).Select(p => (Guid)p[2]!));
            var responsible = Read(users, flagged.Where(p => p[9] is not null).Select(p => (Guid)p[9]!));

            long planned = 0, paid = 0, acted = 0, overdueTotal = 0;
            foreach (var (s, _) in lines)
            {
                planned += Convert.ToInt64(s[1], CultureInfo.InvariantCulture);
                paid += Convert.ToInt64(s[2], CultureInfo.InvariantCulture);
                acted += Convert.ToInt64(s[3], CultureInfo.InvariantCulture);
                overdueTotal += Convert.ToInt64(s[4], CultureInfo.InvariantCulture);
            }
            buffer.ResetWrittenCount();
            using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder });
            json.WriteStartObject();
            json.WriteString("counterpartyId", (Guid)counterparty[0]!);
            json.WriteString("counterpartyName", (string?)counterparty[1]);
            json.WriteNumber("planned", planned / 100m);
            json.WriteNumber("paid", paid / 100m);
            json.WriteNumber("acted", acted / 100m);
            json.WriteNumber("balance", (planned - paid) / 100m);
            json.WriteString("currency", "RUB");
            json.WriteNumber("overdueCount", overdueTotal);
            json.WriteStartArray("contracts");
            foreach (var (s, d) in lines)
            {
                var p = Convert.ToInt64(s[1], CultureInfo.InvariantCulture);
                var q = Convert.ToInt64(s[2], CultureInfo.InvariantCulture);
                json.WriteStartObject();
                json.WriteString("documentId", (Guid)d[0]!);
                json.WriteString("number", (string?)d[1]);
                json.WriteString("title", (string?)d[4]);
                json.WriteNumber("planned", p / 100m);
                json.WriteNumber("paid", q / 100m);
                json.WriteNumber("acted", Convert.ToInt64(s[3], CultureInfo.InvariantCulture) / 100m);
                json.WriteNumber("balance", (p - q) / 100m);
                json.WriteString("currency", (string?)d[5]);
                json.WriteNumber("overdueCount", Convert.ToInt64(s[4], CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("overdue");
            for (var i = 0; i < overdueCount; i++)
                WritePoint(json, flagged[i], pointDocs, pointClients, responsible, today);
            json.WriteEndArray();
            json.WriteStartArray("stagesWithoutAct");
            for (var i = overdueCount; i < flagged.Count; i++)
                WritePoint(json, flagged[i], pointDocs, pointClients, responsible, today);
            json.WriteEndArray();
            json.WriteEndObject();
        };
    }

    private static void WritePoint(Utf8JsonWriter json, object?[] p, Dictionary<Guid, object?[]> documents, Dictionary<Guid, object?[]> clients,
        Dictionary<Guid, object?[]> users, DateOnly today)
    {
        var document = documents.GetValueOrDefault((Guid)p[1]!);
        var closing = p[14] is Guid c ? documents.GetValueOrDefault(c) : null;
        var due = Day(p[5]!);
        var status = (string)p[11]!;
        var planned = p[6] is null ? (long?)null : Convert.ToInt64(p[6], CultureInfo.InvariantCulture);
        var paid = Convert.ToInt64(p[7], CultureInfo.InvariantCulture);
        var actRequired = Convert.ToBoolean(p[13], CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteString("id", (Guid)p[0]!);
        json.WriteString("documentId", (Guid)p[1]!);
        json.WriteString("documentNumber", (string?)document?[1]);
        json.WriteString("documentTitle", (string?)document?[2]);
        WriteId(json, "counterpartyId", p[2]);
        json.WriteString("counterpartyName", p[2] is Guid cp && clients.TryGetValue(cp, out var cpRow) ? (string?)cpRow[1] : null);
        json.WriteString("kind", ApiName((string)p[3]!));
        json.WriteString("title", (string?)p[4]);
        json.WriteString("dueOn", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (planned is { } amount)
            json.WriteNumber("amount", amount / 100m);
        else
            json.WriteNull("amount");
        json.WriteNumber("paid", paid / 100m);
        json.WriteNumber("acted", Convert.ToInt64(p[8], CultureInfo.InvariantCulture) / 100m);
        if (planned is { } left)
            json.WriteNumber("left", (left - paid) / 100m);
        else
            json.WriteNull("left");
        json.WriteString("currency", (string?)document?[3] ?? "RUB");
        WriteId(json, "responsibleId", p[9]);
        json.WriteString("responsibleName", p[9] is Guid r && users.TryGetValue(r, out var u) ? (string?)u[1] : null);
        WriteId(json, "departmentId", p[10]);
        json.WriteString("status", ApiName(status));
        json.WriteString("doneOn", p[12] is null ? null : Day(p[12]!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteBoolean("overdue", status == "Open" && due < today);
        json.WriteBoolean("actRequired", actRequired);
        json.WriteBoolean("lacksAct", status == "Done" && actRequired && p[14] is null);
        WriteId(json, "closingDocumentId", p[14]);
        json.WriteString("closingDocumentNumber", (string?)closing?[1]);
        json.WriteString("closingDocumentTitle", (string?)closing?[2]);
        json.WriteString("missReason", (string?)p[15]);
        json.WriteString("note", (string?)p[16]);
        json.WriteNumber("order", Convert.ToInt32(p[17], CultureInfo.InvariantCulture));
        json.WriteNumber("version", Convert.ToInt32(p[18], CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    // ---- statements --------------------------------------------------------------------------

    /// <summary>A statement that looks rows up by a list of ids (<c>{0}</c> in its text is the condition); one prepared command.</summary>
    private sealed record LookupCommand(DbCommand Command);

    private static LookupCommand Lookup(DbConnection connection, string sql, string column = "\"Id\"") =>
        new(Command(connection, string.Format(CultureInfo.InvariantCulture, sql, In(connection, column, "ids")), ("ids", null)));

    /// <summary>The rows of the given ids, by their first column; no statement for none.</summary>
    private static Dictionary<Guid, object?[]> Read(LookupCommand lookup, IEnumerable<Guid> ids)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
            return [];
        SetIds(lookup.Command, 0, list);
        return Rows(lookup.Command).ToDictionary(r => (Guid)r[0]!);
    }

    private static string In(DbConnection connection, string column, string parameter) => connection is NpgsqlConnection
        ? $"{column} = ANY(@{parameter})"
        : $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static void SetIds(DbCommand command, int index, IReadOnlyCollection<Guid> ids) =>
        command.Parameters[index].Value = command is NpgsqlCommand
            ? ids.ToArray()
            : "[" + string.Join(",", ids.Select(id => "\"" + id.ToString().ToUpperInvariant() + "\"")) + "]";

    private static void SetDate(DbCommand command, int index, DateOnly day) =>
        command.Parameters[index].Value = command is NpgsqlCommand ? day : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Key(DbConnection connection, Guid id) => OfficeData.Key(connection, id);

    /// <summary>Every row of a statement, GUIDs read as GUIDs on both providers.</summary>
    private static List<object?[]> Rows(DbCommand command)
    {
        var rows = new List<object?[]>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                if (reader.IsDBNull(i))
                    continue;
                var value = reader.GetValue(i);
                row[i] = value is string s && s.Length == 36 && s[8] == '-' && Guid.TryParse(s, out var g) ? g : value;
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>A date column: <c>date</c> on PostgreSQL, ISO text on SQLite.</summary>
    private static DateOnly Day(object value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => DateOnly.ParseExact(((string)value)[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static Guid Id(DbDataReader reader, int i) =>
        reader.GetFieldType(i) == typeof(Guid) ? reader.GetGuid(i) : Guid.Parse(reader.GetString(i));

    private static void WriteId(Utf8JsonWriter json, string name, object? id)
    {
        if (id is Guid g)
            json.WriteString(name, g);
        else
            json.WriteNull(name);
    }

    private static void WritePerson(Utf8JsonWriter json, string name, object? id, Dictionary<Guid, object?[]> users)
    {
        if (id is not Guid g)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteString("id", g);
        json.WriteString("fullName", users.TryGetValue(g, out var u) ? (string?)u[1] : "");
        json.WriteEndObject();
    }

    private static void WriteInstant(Utf8JsonWriter json, string name, object? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, DateTime.SpecifyKind(value is DateTime d ? d : DateTime.Parse((string)value, CultureInfo.InvariantCulture), DateTimeKind.Utc));
    }

    /// <summary>An enum's API spelling: <c>InPlace</c> → <c>in_place</c>.</summary>
    private static string ApiName(string value)
    {
        var text = new StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsUpper(value[i]) && i > 0)
                text.Append('_');
            text.Append(char.ToLowerInvariant(value[i]));
        }
        return text.ToString();
    }

    /// <summary>The office users with open assignments, in the order <c>assignments-inbox</c> takes them (by login).</summary>
    private static async Task<List<Guid>> ExecutorsAsync(BenchOptions options, CancellationToken ct)
    {
        await using var db = await ApprovalData.OpenAsync(options, ct);
        await using var command = db.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = $"""
            SELECT u."Id" FROM "AspNetUsers" u
            WHERE u."UserName" LIKE '{OfficeGenerator.PersonPrefix}%' AND EXISTS (SELECT 1 FROM "AssignmentExecutors" e WHERE e."UserId" = u."Id" AND e."Open")
            ORDER BY u."UserName"
            """;
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            ids.Add(Id(reader, 0));
        return ids;
    }
}
