using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;

using static Letopis.Bench.Data.GeneratorDb;

namespace Letopis.Bench.Data;

/// <summary>
/// Fills the activities of a database that <c>generate</c> has filled with a directory: users
/// through the API of the real server, then millions of activities in bulk (the same writers as
/// <c>generate</c>: indexes dropped and built again, then statistics). Deterministic for a seed and day.
/// </summary>
/// <remarks>
/// The spread: one year back and one ahead of the benchmark day. The past is dense (every day alike)
/// and mostly done; the future thins out (most plans are for the next weeks) and is planned; the last
/// ten days keep a few overdue ones. Kinds, durations, places, reminders, contacts and planners as people
/// set them. One user, <see cref="BenchOptions.AgendaUser"/>, has exactly the agenda size of planned
/// activities on the day and none overdue, so the agenda benchmark reads a known amount.
/// Only the activities are written: no timeline entries, reminders or history rows for them.
/// </remarks>
public sealed class ActivityGenerator(ActivityGenerateOptions options)
{
    private const int Batch = 20_000;
    private const int PastDays = 365;
    private const int FutureDays = 365;

    // Weights out of 100; calls dominate a sales team's day.
    private static readonly (string Kind, int Weight)[] Kinds =
        [("Call", 50), ("Email", 18), ("Meeting", 12), ("Task", 10), ("Letter", 6), ("Fax", 4)];

    private static readonly string[] ActivityColumns =
    [
        "Id", "Kind", "Status", "Subject", "Description", "PlannedAt", "DurationMinutes", "Place", "AssigneeId", "PlannedById",
        "CounterpartyId", "ContactId", "RemindBeforeMinutes", "CompletedAt", "CompletedById", "Result", "NextStep",
        "CancelledAt", "CancelledById", "CreatedAt", "Version",
    ];

    private readonly Random _random = new(options.Seed);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Phase, TimeSpan Took, long Rows)> _phases = [];
    private readonly Dictionary<string, long> _statusCounts = [];

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var root = ServerProcess.FindRepoRoot();
        var dll = Path.GetFullPath(options.Server.ServerDll ?? ServerProcess.DefaultDll(root));
        var connectionString = DataGenerator.ConnectionString(options.Server);

        var phase = Stopwatch.StartNew();
        int created;
        await using (var server = await ServerProcess.StartAsync(dll, options.Server, ct))
        {
            // The server brought the schema up to date; the rest reads and writes the database directly.
            Log($"server on {server.BaseAddress} migrated the schema");
            await using (var connection = await OpenAsync(connectionString, ct))
            {
                if (await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM \"Counterparties\"", ct) == 0)
                    throw new InvalidOperationException("The database has no counterparties: run 'generate' on it first.");
                if (await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM \"Activities\")", ct))
                    throw new InvalidOperationException("The database already holds activities: generate into one without them.");
            }
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new("Bearer", await server.GetTokenAsync(options.Server.AdminPassword, ct));
            created = await CreateUsersAsync(http, connectionString, ct);
        }
        Done($"users (API, {created} new)", phase, created);

        await using var db = await OpenAsync(connectionString, ct);
        var writer = options.Server.Provider == "postgres"
            ? (IBulkWriter)new PostgresBulkWriter((NpgsqlConnection)db)
            : new SqliteBulkWriter((SqliteConnection)db);

        phase.Restart();
        var users = await ReadUsersAsync(db, ct);
        var agendaUser = users.Single(u => u.Login == options.Server.AgendaUser).Id;
        var heads = users.Where(u => u.Login.StartsWith("manager", StringComparison.Ordinal)).Select(u => u.Id).ToArray();
        var workers = users.Where(u => u.Login.StartsWith(WorkerPrefix, StringComparison.Ordinal) || u.Login.StartsWith("manager", StringComparison.Ordinal))
            .Select(u => u.Id).ToArray();
        var clients = await ReadClientsAsync(db, ct);
        Done($"read {workers.Length + 1:N0} users and {clients.Length:N0} counterparties with their main contacts", phase, 0);

        phase.Restart();
        await writer.WriteAsync("Activities", ActivityColumns, Rows(workers, heads, agendaUser, clients), Batch,
            Progress("activities", options.Activities), ct);
        Done("activities (indexes dropped, rows inserted, indexes rebuilt)", phase, options.Activities);

        phase.Restart();
        await writer.AnalyzeAsync(ct);
        Done("statistics (ANALYZE)", phase, 0);

        Console.WriteLine(Report());
        return 0;
    }

    private const string WorkerPrefix = "agent";

    private async Task<int> CreateUsersAsync(HttpClient http, string connectionString, CancellationToken ct)
    {
        HashSet<string> existing;
        await using (var connection = await OpenAsync(connectionString, ct))
            existing = [.. (await ReadUsersAsync(connection, ct)).Select(u => u.Login)];

        var created = 0;
        var departments = new List<Guid>();
        for (var i = 0; i < options.Users; i++)
        {
            var login = $"{WorkerPrefix}{i + 1:000}";
            if (existing.Contains(login))
                continue;
            if (departments.Count == 0)
            {
                foreach (var name in new[] { "Колл-центр", "Отдел продаж Север", "Отдел продаж Юг", "Отдел ключевых клиентов" })
                    departments.Add(await PostAsync(http, "/api/v1/departments", new { name = $"{name} ({options.Seed})" }, ct));
            }
            await PostAsync(http, "/api/v1/users", UserBody(login, i, departments[i % departments.Count]), ct);
            created++;
            if (created % 50 == 0)
                Log($"  users: {created:N0}");
        }
        if (!existing.Contains(options.Server.AgendaUser))
        {
            var department = departments.Count > 0 ? departments[0] : (Guid?)null;
            await PostAsync(http, "/api/v1/users", UserBody(options.Server.AgendaUser, options.Users, department), ct);
            created++;
        }
        return created;
    }

    private object UserBody(string login, int n, Guid? departmentId) => new
    {
        login,
        password = options.Server.AdminPassword,
        fullName = n % 2 == 0
            ? $"{NameBank.MaleSurnames[n % NameBank.MaleSurnames.Length]} {NameBank.MaleNames[n / 2 % NameBank.MaleNames.Length]}"
            : $"{NameBank.MaleSurnames[n % NameBank.MaleSurnames.Length]}а {NameBank.FemaleNames[n / 2 % NameBank.FemaleNames.Length]}",
        email = $"{login}@bench.example",
        departmentId,
        roles = new[] { "employee" },
    };

    private IEnumerable<object?[]> Rows(Guid[] workers, Guid[] heads, Guid agendaUser, (Guid Counterparty, Guid? Contact)[] clients)
    {
        // Rows go in in the order people create them: day by day, so the ids (version 7, time-ordered)
        // and the table's physical order follow time, as in a database that grew over two years.
        var day0 = options.Server.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var weights = new double[PastDays + 1 + FutureDays];
        for (var d = 0; d < weights.Length; d++)
        {
            var offset = d - PastDays;
            // The past and today alike; the future fades with a two-month horizon.
            weights[d] = offset <= 0 ? 1.0 : Math.Exp(-offset / 60.0);
        }
        var total = weights.Sum();
        var others = options.Activities - options.AgendaSize;
        // The agenda user works like everyone else on other days: 1 in (workers + 1) of each day's rows.
        var written = 0L;
        var carry = 0.0;
        for (var d = 0; d < weights.Length; d++)
        {
            var offset = d - PastDays;
            var date = day0.AddDays(offset);
            var exact = others * weights[d] / total + carry;
            var count = d == weights.Length - 1 ? others - written : (long)Math.Floor(exact);
            carry = exact - count;
            for (var i = 0; i < count; i++)
            {
                var assignee = _random.Next(workers.Length + 1) is var w && w == workers.Length ? agendaUser : workers[w];
                if (assignee == agendaUser && offset == 0)
                    assignee = workers[_random.Next(workers.Length)];
                yield return Row(date, offset, assignee, heads, clients, agendaUser, false);
            }
            written += count;
            if (offset == 0)
            {
                for (var i = 0; i < options.AgendaSize; i++)
                    yield return Row(date, offset, agendaUser, heads, clients, agendaUser, true, i);
            }
        }
    }

    private object?[] Row(DateTime date, int offset, Guid assignee, Guid[] heads, (Guid Counterparty, Guid? Contact)[] clients,
        Guid agendaUser, bool agendaDay, int slot = 0)
    {
        var kind = PickKind();
        // Working hours 09:00–18:00 Moscow time (06:00–15:00 UTC), on five-minute steps; the agenda
        // user's day is filled evenly so that all of it falls on the same date in any Russian zone.
        var minute = agendaDay ? 6 * 60 + slot * (9 * 60 / options.AgendaSize) : 6 * 60 + 5 * _random.Next(9 * 12);
        var plannedAt = date.AddMinutes(minute);
        var status = agendaDay ? "Planned" : PickStatus(offset, assignee == agendaUser);
        _statusCounts[status] = _statusCounts.GetValueOrDefault(status) + 1;
        var (counterparty, contact) = clients[_random.Next(clients.Length)];
        var hasClient = kind != "Task" || _random.Next(3) > 0;
        var subject = ActivityBank.Subjects[kind][_random.Next(ActivityBank.Subjects[kind].Length)];
        var description = agendaDay || _random.Next(2) == 0 ? ActivityBank.Descriptions[_random.Next(ActivityBank.Descriptions.Length)] : null;
        var duration = kind == "Meeting" ? 30 * (1 + _random.Next(4)) : kind == "Call" && _random.Next(4) == 0 ? 15 : (int?)null;
        var place = kind == "Meeting"
            ? $"{NameBank.Streets[_random.Next(NameBank.Streets.Length)]}, д. {1 + _random.Next(150)}, переговорная"
            : null;
        var remind = _random.Next(10) < 3 ? new[] { 15, 30, 60 }[_random.Next(3)] : (int?)null;
        // Most plan their own work; a tenth is planned by a head.
        var plannedBy = heads.Length > 0 && _random.Next(10) == 0 ? heads[_random.Next(heads.Length)] : assignee;
        var createdAt = plannedAt.AddMinutes(-_random.Next(15, 60 * 24 * 14));
        // Nothing was created after the benchmark day's morning, when the data "was taken".
        var takenAt = options.Server.Day.ToDateTime(new TimeOnly(5, 0), DateTimeKind.Utc);
        if (createdAt > takenAt)
            createdAt = takenAt.AddMinutes(-_random.Next(60 * 24 * 30));
        var done = status == "Done";
        var cancelled = status == "Cancelled";
        var closedAt = plannedAt.AddMinutes(5 + _random.Next(120));
        return
        [
            Guid.CreateVersion7(createdAt), kind, status, subject, description, plannedAt, duration, place, assignee, plannedBy,
            hasClient ? counterparty : null, hasClient && kind != "Letter" ? contact : null, remind,
            done ? closedAt : null, done ? assignee : null,
            done ? ActivityBank.Results[_random.Next(ActivityBank.Results.Length)] : null,
            done && _random.Next(3) == 0 ? ActivityBank.NextSteps[_random.Next(ActivityBank.NextSteps.Length)] : null,
            cancelled ? createdAt.AddMinutes(_random.Next(60, 60 * 24)) is var c && c < plannedAt ? c : plannedAt : null,
            cancelled ? assignee : null,
            createdAt, done || cancelled ? 2 : 1,
        ];
    }

    private string PickKind()
    {
        var n = _random.Next(100);
        foreach (var (kind, weight) in Kinds)
        {
            if ((n -= weight) < 0)
                return kind;
        }
        return "Call";
    }

    private string PickStatus(int offset, bool isAgendaUser)
    {
        var n = _random.Next(100);
        return offset switch
        {
            // Forgotten ones linger only for the last working days, and never for the agenda user.
            < 0 when offset >= -10 && !isAgendaUser => n < 85 ? "Done" : n < 92 ? "Cancelled" : "Planned",
            < 0 => n < 92 ? "Done" : "Cancelled",
            0 => n < 97 ? "Planned" : "Cancelled",
            _ => n < 97 ? "Planned" : "Cancelled",
        };
    }

    private static async Task<List<(Guid Id, string Login)>> ReadUsersAsync(DbConnection connection, CancellationToken ct)
    {
        var users = new List<(Guid, string)>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\", \"UserName\" FROM \"AspNetUsers\" WHERE \"IsActive\"" + (connection is SqliteConnection ? " = 1" : "");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            users.Add((ReadGuid(reader, 0), reader.GetString(1)));
        return users;
    }

    /// <summary>Every counterparty with its main contact person.</summary>
    private static async Task<(Guid Counterparty, Guid? Contact)[]> ReadClientsAsync(DbConnection connection, CancellationToken ct)
    {
        var clients = new List<(Guid, Guid?)>(1 << 20);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT c.\"Id\", l.\"ContactId\" FROM \"Counterparties\" c "
            + "LEFT JOIN \"CounterpartyContacts\" l ON l.\"CounterpartyId\" = c.\"Id\" AND l.\"IsMain\"" + (connection is SqliteConnection ? " = 1" : "");
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            clients.Add((ReadGuid(reader, 0), reader.IsDBNull(1) ? null : ReadGuid(reader, 1)));
        return [.. clients];
    }

    private async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        DbConnection connection = options.Server.Provider == "postgres" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task<Guid> PostAsync(HttpClient http, string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return Guid.Parse((string)JsonNode.Parse(text)!["id"]!);
    }

    private static Action<long> Progress(string what, long total) =>
        done => Log($"  {what}: {done:N0} of {total:N0} ({100.0 * done / total:0}%)");

    private void Done(string what, Stopwatch phase, long rows)
    {
        _phases.Add((what, phase.Elapsed, rows));
        Log($"{what}: {phase.Elapsed.TotalSeconds:0.0} s");
    }

    private string Report()
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"Generated activities on {options.Server.Provider} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC), seed {options.Seed}, day {options.Server.Day:yyyy-MM-dd}, "
                + $"agenda user '{options.Server.AgendaUser}' with {options.AgendaSize} planned on that day:",
            "",
            "| phase | rows | time | rows/s |",
            "|---|--:|--:|--:|",
        };
        foreach (var (phase, took, rows) in _phases)
            lines.Add($"| {phase} | {rows:N0} | {took.TotalSeconds:0.0} s | {(rows > 0 ? (rows / took.TotalSeconds).ToString("N0", c) : "")} |");
        lines.Add($"| **total** | | **{_clock.Elapsed.TotalSeconds:0.0} s** | |");
        lines.Add("");
        lines.Add("Statuses: " + string.Join(", ", _statusCounts.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value.ToString("N0", c)}")));
        return string.Join(Environment.NewLine, lines);
    }

}
