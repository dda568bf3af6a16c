using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Letopis.Bench.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/approval-tasks?mine=true</c>: «my approvals», the first page of 50 pending tasks by
/// deadline with the total, each request as another approver of <c>generate-approvals</c> (signed in
/// as themselves), in turn over every approver with pending tasks.
/// </summary>
public sealed class ApprovalsInboxScenario : ILoadScenario, IConfiguredScenario
{
    public const string Path = "/api/v1/approval-tasks?mine=true&page=1&pageSize=50";

    private BenchOptions _options = BenchOptions.Parse([]);
    private string[] _tokens = [];
    private int _next = -1;

    public string Name => "approvals-inbox";

    public string Description => "GET /api/v1/approval-tasks?mine=true: an approver's first 50 pending tasks by deadline, approvers in turn (after generate-approvals)";

    public string Target => $"GET {Path} as {_tokens.Length} approvers in turn";

    // wrk would send the admin's token, who approves nothing.
    public string? WrkPath => null;

    public void Configure(BenchOptions options) => _options = options;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        var open = await ApprovalData.OpenTasksAsync(_options, ct);
        if (open.Count == 0)
            throw new InvalidOperationException("No approver has a pending task: run 'generate-approvals' first.");
        var sizes = open.Values.Order().ToArray();
        Console.Error.WriteLine($"inboxes: {open.Count} approvers with pending tasks, {sizes.Sum():N0} in all; per approver min {sizes[0]:N0}, "
            + $"median {sizes[sizes.Length / 2]:N0}, max {sizes[^1]:N0}");
        var logins = open.Keys.Order(StringComparer.Ordinal).ToArray();
        var tokens = await ApprovalData.SignInAsync(http, logins, _options.AdminPassword, ct);
        _tokens = [.. logins.Select(l => tokens[l])];

        // Check every inbox once: a full first page (or all of a short inbox), by deadline, with the total the database holds.
        for (var i = 0; i < logins.Length; i++)
        {
            using var request = Request(_tokens[i]);
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {Path} as {logins[i]} answered {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
            var page = JsonNode.Parse(text)!.AsObject();
            var items = page["items"]!.AsArray();
            var total = (int)page["total"]!;
            var expected = open[logins[i]];
            if (total < expected || items.Count != Math.Min(50, expected))
                throw new InvalidOperationException($"The inbox of {logins[i]} holds {expected} pending tasks, the answer {items.Count} items of a total {total}.");
            var due = items.Select(t => DateTimeOffset.Parse((string)t!["dueAt"]!, CultureInfo.InvariantCulture)).ToArray();
            if (due.Zip(due.Skip(1)).Any(p => p.First > p.Second))
                throw new InvalidOperationException($"The inbox of {logins[i]} is not in deadline order.");
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
/// <c>POST /api/v1/approval-tasks/{id}/decision</c> approve: each request another pending task of a
/// running route of <c>generate-approvals</c>, sent as its assignee, with a delay reason when the task
/// is overdue. One task per route, on the route's active stage, where one more approval completes the
/// stage: every decision closes the stage's other tasks and starts the next stage (its tasks,
/// reminders and notices) or, on the last stage, approves the route and the document. The database
/// changes: each run decides another slice of the routes (run it on a copy to keep the data set).
/// </summary>
public sealed class ApprovalsDecideScenario : ILoadScenario, IConfiguredScenario
{
    private BenchOptions _options = BenchOptions.Parse([]);
    private List<ApprovalData.PendingTask> _tasks = [];
    private Dictionary<string, string> _tokens = [];
    private int _next = -1;

    public string Name => "approvals-decide";

    public string Description => "POST /api/v1/approval-tasks/{id}/decision approve: each completes its stage and starts the next, a different task each time (after generate-approvals; changes the data)";

    public string Target => "POST /api/v1/approval-tasks/{id}/decision approve (completes the stage, starts the next)";

    public string? WrkPath => null;

    public void Configure(BenchOptions options) => _options = options;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        _tasks = await ApprovalData.DecidableTasksAsync(_options, ct);
        if (_tasks.Count < 1000)
            throw new InvalidOperationException($"Only {_tasks.Count} running routes with a pending task: run 'generate-approvals' on a fresh database.");
        // In random order, so that the clients go over all approvers and schemes at once.
        var random = new Random(2026);
        for (var i = _tasks.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (_tasks[i], _tasks[j]) = (_tasks[j], _tasks[i]);
        }
        var overdue = _tasks.Count(t => t.DueAt < DateTime.UtcNow);
        Console.Error.WriteLine($"decisions: {_tasks.Count:N0} running routes each with one pending task that completes its stage ({overdue:N0} overdue)");
        _tokens = await ApprovalData.SignInAsync(http, [.. _tasks.Select(t => t.Login).Distinct()], _options.AdminPassword, ct);

        // The first decision, checked: the stage it completed is approved and the route stands on a later one, or is approved.
        var first = _tasks[Interlocked.Increment(ref _next)];
        using var response = await http.SendAsync(Request(first), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The first decision answered {(int)response.StatusCode}: {text[..Math.Min(400, text.Length)]}");
        var route = JsonNode.Parse(text)!.AsObject();
        var stages = route["stages"]!.AsArray();
        var decided = stages.Single(s => s!["tasks"]!.AsArray().Any(t => (string)t!["id"]! == first.Id.ToString()))!;
        var status = (string)route["status"]!;
        if ((string)decided["status"]! != "approved" || (status == "running" && (int)route["currentStage"]! <= (int)decided["index"]!))
            throw new InvalidOperationException($"The first decision did not complete its stage and start the next: {text[..Math.Min(600, text.Length)]}");
        Console.Error.WriteLine($"first decision: stage «{(string)decided["name"]!}» approved, route {status} on stage {(int)route["currentStage"]!}");
    }

    public HttpRequestMessage CreateRequest()
    {
        var n = Interlocked.Increment(ref _next);
        if (n >= _tasks.Count)
            throw new InvalidOperationException("Every pending task prepared has been decided: run a shorter benchmark or generate more routes.");
        return Request(_tasks[n]);
    }

    private HttpRequestMessage Request(ApprovalData.PendingTask task)
    {
        var overdue = task.DueAt < DateTime.UtcNow;
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/approval-tasks/{task.Id}/decision")
        {
            Content = JsonContent.Create(new { decision = "approve", delayReason = overdue ? "Был в командировке" : null }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[task.Login]);
        return request;
    }
}

/// <summary>What the approval scenarios read straight from the database before timing, and their sign-ins.</summary>
internal static class ApprovalData
{
    public sealed record PendingTask(Guid Id, string Login, DateTime DueAt);

    /// <summary>Pending tasks per approver login of <c>generate-approvals</c>.</summary>
    public static async Task<Dictionary<string, int>> OpenTasksAsync(BenchOptions options, CancellationToken ct)
    {
        await using var db = await OpenAsync(options, ct);
        await using var command = db.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = $"""
            SELECT u."UserName", COUNT(*) FROM "ApprovalTasks" t JOIN "AspNetUsers" u ON u."Id" = t."AssigneeId"
            WHERE t."Status" = 'Pending' AND u."UserName" LIKE '{ApprovalGenerator.ApproverPrefix}%' GROUP BY u."UserName"
            """;
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            open[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        return open;
    }

    /// <summary>
    /// One pending task of each running route's active stage whose approval completes the stage: the
    /// stage needs one more approval («all» of one, «any», «N of M» with N − 1 given).
    /// </summary>
    public static async Task<List<PendingTask>> DecidableTasksAsync(BenchOptions options, CancellationToken ct)
    {
        await using var db = await OpenAsync(options, ct);
        await using var command = db.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = $"""
            SELECT t."Id", u."UserName", t."DueAt", t."RouteId"
            FROM "ApprovalTasks" t
            JOIN "ApprovalRouteStages" s ON s."Id" = t."StageId"
            JOIN "ApprovalRoutes" r ON r."Id" = t."RouteId"
            JOIN "AspNetUsers" u ON u."Id" = t."AssigneeId"
            WHERE t."Status" = 'Pending' AND s."Status" = 'Active' AND r."Status" = 'Running' AND s."Index" = r."CurrentStage"
              AND u."UserName" LIKE '{ApprovalGenerator.ApproverPrefix}%'
              AND s."Required" - 1 = (SELECT COUNT(*) FROM "ApprovalTasks" a WHERE a."StageId" = s."Id" AND a."Status" = 'Approved')
            ORDER BY t."RouteId", t."Id"
            """;
        var tasks = new List<PendingTask>(150_000);
        Guid? last = null;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var route = ReadGuid(reader, 3);
            if (route == last)
                continue;
            last = route;
            tasks.Add(new PendingTask(ReadGuid(reader, 0), reader.GetString(1), DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)));
        }
        return tasks;
    }

    /// <summary>Bearer tokens of the given logins (password = the admin's, as <c>generate-approvals</c> set it), two sign-ins at a time.</summary>
    public static async Task<Dictionary<string, string>> SignInAsync(HttpClient http, IReadOnlyList<string> logins, string password, CancellationToken ct)
    {
        var tokens = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(logins, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct }, async (login, token) =>
        {
            using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { login, password }, token);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Sign-in as {login} answered {(int)response.StatusCode}: pass the --admin-password that generate-approvals used.");
            tokens[login] = (string)(await response.Content.ReadFromJsonAsync<JsonObject>(token))!["accessToken"]!;
        });
        Console.Error.WriteLine($"signed in as {tokens.Count} approvers");
        return new Dictionary<string, string>(tokens, StringComparer.Ordinal);
    }

    public static async Task<DbConnection> OpenAsync(BenchOptions options, CancellationToken ct)
    {
        var connectionString = DataGenerator.ConnectionString(options);
        DbConnection connection = options.Provider == "postgres" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    // SQLite keeps GUIDs as text, PostgreSQL as uuid.
    public static Guid ReadGuid(DbDataReader reader, int i) =>
        reader.GetFieldType(i) == typeof(Guid) ? reader.GetGuid(i) : Guid.Parse(reader.GetString(i));
}
