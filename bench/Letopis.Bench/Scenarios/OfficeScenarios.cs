using System.Data.Common;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Letopis.Bench.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/copies?overdue=true&amp;departmentId=</c>: a department's overdue paper copies (its
/// sub-departments included), the first page of 50 with the total, as <c>admin</c> (office staff see
/// every copy), the departments of <c>generate-office</c> in turn — divisions and their sub-departments.
/// </summary>
public sealed class CopiesOverdueScenario : ILoadScenario, IConfiguredScenario
{
    private BenchOptions _options = BenchOptions.Parse([]);
    private string[] _paths = [];
    private int _next = -1;

    public string Name => "copies-overdue";

    public string Description => "GET /api/v1/copies?overdue=true&departmentId=: a department's overdue copies, first 50 with the total, departments in turn (after generate-office)";

    public string Target => $"GET /api/v1/copies?overdue=true&departmentId=…&pageSize=50 over {_paths.Length} departments in turn";

    public string? WrkPath => _paths.Length > 0 ? _paths[0] : null;

    public void Configure(BenchOptions options) => _options = options;

    public static string PathOf(Guid department) => $"/api/v1/copies?overdue=true&departmentId={department}&page=1&pageSize=50";

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        var overdue = await OfficeData.OverdueByDepartmentAsync(_options, ct);
        if (overdue.Count == 0 || overdue.Values.Sum() == 0)
            throw new InvalidOperationException("No overdue paper copies in the office departments: run 'generate-office' first.");
        var sizes = overdue.Values.Order().ToArray();
        Console.Error.WriteLine($"overdue copies: {overdue.Count} departments; per department (with its sub-departments) min {sizes[0]:N0}, "
            + $"median {sizes[sizes.Length / 2]:N0}, max {sizes[^1]:N0}");
        var departments = overdue.Keys.Order().ToArray();
        _paths = [.. departments.Select(PathOf)];

        // Check every department once: a full first page (or all of a short list), by due date, with the total the database holds.
        foreach (var department in departments)
        {
            var page = await OfficeData.GetPageAsync(http, PathOf(department), ct);
            var items = page["items"]!.AsArray();
            var total = (int)page["total"]!;
            var expected = overdue[department];
            if (total != expected || items.Count != Math.Min(50, expected))
                throw new InvalidOperationException($"Department {department} has {expected} overdue copies, the answer {items.Count} items of a total {total}.");
            var due = items.Select(c => DateOnly.Parse((string)c!["dueBack"]!, CultureInfo.InvariantCulture)).ToArray();
            var today = OfficeData.Today;
            if (due.Any(d => d >= today))
                throw new InvalidOperationException($"Department {department}: a copy not yet due is listed as overdue.");
        }
    }

    public HttpRequestMessage CreateRequest()
    {
        var n = (int)((uint)Interlocked.Increment(ref _next) % (uint)_paths.Length);
        return new HttpRequestMessage(HttpMethod.Get, _paths[n]);
    }
}

/// <summary>
/// <c>GET /api/v1/assignments?mine=true</c>: «my assignments», the first page of 50 open ones with
/// the total, each request as another office user of <c>generate-office</c> (signed in as themselves),
/// in turn over every user with open assignments.
/// </summary>
public sealed class AssignmentsInboxScenario : ILoadScenario, IConfiguredScenario
{
    public const string Path = "/api/v1/assignments?mine=true&page=1&pageSize=50";

    private BenchOptions _options = BenchOptions.Parse([]);
    private string[] _tokens = [];
    private int _next = -1;

    public string Name => "assignments-inbox";

    public string Description => "GET /api/v1/assignments?mine=true: an executor's first 50 open assignments, executors in turn (after generate-office)";

    public string Target => $"GET {Path} as {_tokens.Length} executors in turn";

    // wrk would send the admin's token, who executes nothing.
    public string? WrkPath => null;

    public void Configure(BenchOptions options) => _options = options;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        var open = await OfficeData.OpenAssignmentsAsync(_options, ct);
        if (open.Count == 0)
            throw new InvalidOperationException("No office user has an open assignment: run 'generate-office' first.");
        var sizes = open.Values.Order().ToArray();
        Console.Error.WriteLine($"inboxes: {open.Count} executors with open assignments, {sizes.Sum():N0} executor rows in all; per executor min {sizes[0]:N0}, "
            + $"median {sizes[sizes.Length / 2]:N0}, max {sizes[^1]:N0}");
        var logins = open.Keys.Order(StringComparer.Ordinal).ToArray();
        var tokens = await ApprovalData.SignInAsync(http, logins, _options.AdminPassword, ct);
        _tokens = [.. logins.Select(l => tokens[l])];

        // Check every inbox once: a full first page (or all of a short inbox), by due date, with the total the database holds.
        for (var i = 0; i < logins.Length; i++)
        {
            using var request = Request(_tokens[i]);
            var page = await OfficeData.SendAsync(http, request, ct);
            var items = page["items"]!.AsArray();
            var total = (int)page["total"]!;
            var expected = open[logins[i]];
            if (total != expected || items.Count != Math.Min(50, expected))
                throw new InvalidOperationException($"The inbox of {logins[i]} holds {expected} open assignments, the answer {items.Count} items of a total {total}.");
            var due = items.Select(a => DateOnly.Parse((string)a!["dueOn"]!, CultureInfo.InvariantCulture)).ToArray();
            if (due.Zip(due.Skip(1)).Any(p => p.First > p.Second))
                throw new InvalidOperationException($"The inbox of {logins[i]} is not in due date order.");
        }
    }

    public HttpRequestMessage CreateRequest()
    {
        var n = (int)((uint)Interlocked.Increment(ref _next) % (uint)_tokens.Length);
        return Request(_tokens[n]);
    }

    private static HttpRequestMessage Request(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}

/// <summary>
/// <c>GET /api/v1/counterparties/{id}/settlement</c>: the settlement («взаиморасчёты») of the client of
/// <c>generate-office</c> that holds the most contracts (500): planned, paid, acted and the balance, and
/// every contract's line, as <c>admin</c>.
/// </summary>
public sealed class SettlementScenario : ILoadScenario, IConfiguredScenario
{
    private BenchOptions _options = BenchOptions.Parse([]);
    private string _path = "";

    public string Name => "settlement";

    public string Description => "GET /api/v1/counterparties/{id}/settlement: the large client's totals and its 500 contracts (after generate-office)";

    public string Target => $"GET {_path}";

    public string? WrkPath => _path;

    public void Configure(BenchOptions options) => _options = options;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        var big = await OfficeData.LargeClientAsync(_options, ct)
            ?? throw new InvalidOperationException("No control points: run 'generate-office' first.");
        _path = $"/api/v1/counterparties/{big.Id}/settlement";
        Console.Error.WriteLine($"settlement: client {big.Id}, {big.Contracts:N0} contracts, {big.Points:N0} control points");

        // Check the answer once: every contract, and the totals the database sums.
        var answer = await OfficeData.GetPageAsync(http, _path, ct);
        var contracts = answer["contracts"]!.AsArray();
        var planned = Money(answer["planned"]);
        var paid = Money(answer["paid"]);
        if (contracts.Count != big.Contracts || planned != big.Planned || paid != big.Paid || Money(answer["balance"]) != planned - paid)
            throw new InvalidOperationException($"The settlement names {contracts.Count} contracts, planned {planned}, paid {paid}; the database "
                + $"{big.Contracts} contracts, planned {big.Planned}, paid {big.Paid} (kopecks).");
    }

    /// <summary>An amount of the API (rubles with kopecks as a JSON number) in kopecks.</summary>
    private static long Money(JsonNode? node) => (long)Math.Round((decimal)node! * 100m);

    public HttpRequestMessage CreateRequest() => new(HttpMethod.Get, _path);
}

/// <summary>What the office scenarios and their floor read straight from the database before timing.</summary>
internal static class OfficeData
{
    /// <summary>The company's day, as the server counts overdue (Moscow, UTC+3).</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3));

    public sealed record LargeClient(Guid Id, int Contracts, int Points, long Planned, long Paid);

    /// <summary>
    /// Overdue copies per office department of <c>generate-office</c>, its sub-departments included,
    /// as the list filters (held copies whose due date has passed).
    /// </summary>
    public static async Task<Dictionary<Guid, int>> OverdueByDepartmentAsync(BenchOptions options, CancellationToken ct)
    {
        await using var db = await ApprovalData.OpenAsync(options, ct);
        var parents = new Dictionary<Guid, Guid?>();
        await using (var command = db.CreateCommand())
        {
            command.CommandText = "SELECT \"Id\", \"ParentId\" FROM \"Departments\" WHERE \"Name\" LIKE '%(делопроизводство)'";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                parents[ApprovalData.ReadGuid(reader, 0)] = reader.IsDBNull(1) ? null : ApprovalData.ReadGuid(reader, 1);
        }
        var own = new Dictionary<Guid, int>();
        await using (var command = db.CreateCommand())
        {
            command.CommandTimeout = 0;
            command.CommandText = """
                SELECT "HolderDepartmentId", COUNT(*) FROM "PaperCopies"
                WHERE "State" = 'Out' AND "DueBack" < @today AND "HolderDepartmentId" IS NOT NULL GROUP BY "HolderDepartmentId"
                """;
            AddDate(command, "today", Today);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                own[ApprovalData.ReadGuid(reader, 0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }
        var result = new Dictionary<Guid, int>();
        foreach (var department in parents.Keys)
        {
            var subtree = Letopis.Core.Access.Department.SelfAndDescendants(department, parents.Select(p => (p.Key, p.Value)));
            result[department] = subtree.Sum(d => own.GetValueOrDefault(d));
        }
        return result;
    }

    /// <summary>Open assignments (open or reported) per office login, as «my assignments» counts them: one per executor row.</summary>
    public static async Task<Dictionary<string, int>> OpenAssignmentsAsync(BenchOptions options, CancellationToken ct)
    {
        await using var db = await ApprovalData.OpenAsync(options, ct);
        await using var command = db.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = $"""
            SELECT u."UserName", COUNT(*) FROM "AssignmentExecutors" e JOIN "AspNetUsers" u ON u."Id" = e."UserId"
            WHERE e."Open" AND u."UserName" LIKE '{OfficeGenerator.PersonPrefix}%' GROUP BY u."UserName"
            """;
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            open[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        return open;
    }

    /// <summary>The client with the most contracts under control, and the sums its settlement must show.</summary>
    public static async Task<LargeClient?> LargeClientAsync(BenchOptions options, CancellationToken ct)
    {
        await using var db = await ApprovalData.OpenAsync(options, ct);
        await using var command = db.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = """
            SELECT p."CounterpartyId", COUNT(DISTINCT p."DocumentId"), COUNT(*), SUM(COALESCE(p."PlannedMinor", 0)), SUM(p."PaidMinor")
            FROM "ControlPoints" p WHERE p."Status" <> 'Cancelled'
            GROUP BY p."CounterpartyId" ORDER BY COUNT(DISTINCT p."DocumentId") DESC, p."CounterpartyId" LIMIT 1
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(0))
            return null;
        return new LargeClient(ApprovalData.ReadGuid(reader, 0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
            Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture));
    }

    public static async Task<JsonObject> GetPageAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(http, request, ct);
    }

    public static async Task<JsonObject> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A date parameter: <c>date</c> on PostgreSQL, ISO text on SQLite (as EF Core keeps it).</summary>
    public static void AddDate(DbCommand command, string name, DateOnly value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = command is SqliteCommand ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value;
        command.Parameters.Add(parameter);
    }

    /// <summary>An id parameter: <c>uuid</c> on PostgreSQL, upper-case text on SQLite.</summary>
    public static object Key(DbConnection connection, Guid id) => connection is NpgsqlConnection ? id : id.ToString().ToUpperInvariant();
}
