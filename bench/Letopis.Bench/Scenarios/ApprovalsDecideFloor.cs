using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// The floor under <c>approvals-decide</c>: the least a decision that completes a stage must write,
/// as bare statements through the driver in one transaction per decision — read the task and its
/// route, approve the task and bind its file version, approve the stage, close the stage's other
/// pending tasks, cancel the task's reminders, then activate the next stage with one new task, its
/// two reminders and a notification (or approve the route and its document) and move the route on.
/// No HTTP, sign-in, access rule, scheme or calendar reading, approver resolution, history or
/// timeline rows. It changes the data as the scenario does: run it on a copy.
/// </summary>
public static class ApprovalsDecideFloor
{
    public const string Name = "approvals-decide-floor";

    public const string Description = "the writes of a decision that completes a stage, bare, one transaction each, without the server: the floor under approvals-decide (changes the data)";

    private static readonly int SqliteCacheMegabytes = new Letopis.Infrastructure.Data.DatabaseOptions().SqliteCacheMegabytes;

    private static int _reported;

    public static async Task<int> RunAsync(BenchOptions options, string connectionString, CancellationToken ct)
    {
        var postgres = options.Provider == "postgres";
        if (!postgres && !File.Exists(Path.Combine(options.DataDir!, "letopis.db")))
        {
            Console.Error.WriteLine($"There is no database in {options.DataDir}: fill one with 'generate-approvals' first.");
            return 1;
        }
        List<ApprovalData.PendingTask> tasks;
        try
        {
            tasks = await ApprovalData.DecidableTasksAsync(options, ct);
        }
        catch (DbException e)
        {
            Console.Error.WriteLine($"The database cannot be read: {e.Message}");
            return 1;
        }
        if (tasks.Count < 1000)
        {
            Console.Error.WriteLine($"Only {tasks.Count} running routes with a pending task: run 'generate-approvals' on a fresh database.");
            return 1;
        }
        var random = new Random(2027);
        var queue = new ConcurrentQueue<Guid>(tasks.Select(t => t.Id).OrderBy(_ => random.Next()));
        var rows = new StringBuilder();
        rows.AppendLine(CultureInfo.InvariantCulture, $"<!-- {Name}: a decision's writes in one transaction, no HTTP; {options.Provider}, {options.Seconds} s per run after {options.WarmupSeconds} s warm-up, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC -->");
        rows.AppendLine("| statements | provider | threads | decisions/s | p50 ms | p95 ms | p99 ms | machine CPU |");
        rows.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|");
        // SQLite: as the server commits (synchronous FULL, a flush of the log per commit), then with
        // synchronous NORMAL (the log flushed at checkpoints only) to show what the flush costs.
        foreach (var relaxed in postgres ? [false] : new[] { false, true })
        {
            foreach (var threads in options.Clients)
            {
                Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {Name}{(relaxed ? " (synchronous NORMAL)" : "")}: {threads} threads, warm-up {options.WarmupSeconds} s, run {options.Seconds} s");
                var run = await FloorHarness.RunAsync(threads, options.WarmupSeconds, options.Seconds, Name,
                    (latencies, signal) => Work(postgres, relaxed, connectionString, queue, latencies, signal), ct);
                Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}]   {run.PerSecond:0} decisions/s, p50 {run.P50:0.00} ms, p95 {run.P95:0.00} ms");
                rows.AppendLine(CultureInfo.InvariantCulture,
                    $"| a decision's writes{(relaxed ? ", synchronous NORMAL" : "")} | {options.Provider} | {threads} | {run.PerSecond:0} | {run.P50:0.00} | {run.P95:0.00} | {run.P99:0.00} | {run.MachineCores:0.00} |");
            }
        }
        Console.WriteLine(rows.ToString());
        return 0;
    }

    private static void Work(bool postgres, bool relaxed, string connectionString, ConcurrentQueue<Guid> queue, List<double> latencies, FloorSignal signal)
    {
        using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        connection.Open();
        if (!postgres)
        {
            using (var current = connection.CreateCommand())
            {
                // What a connection gets when nobody sets it (the server does not): 2 = FULL, 1 = NORMAL.
                current.CommandText = "PRAGMA synchronous;";
                if (!relaxed && Interlocked.Exchange(ref _reported, 1) == 0)
                    Console.Error.WriteLine($"SQLite's default synchronous on this build: {current.ExecuteScalar()}");
            }
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA temp_store = MEMORY; PRAGMA cache_size = {-SqliteCacheMegabytes * 1024}; PRAGMA synchronous = {(relaxed ? "NORMAL" : "FULL")};";
            pragma.ExecuteNonQuery();
        }
        object Key(Guid id) => postgres ? id : id.ToString().ToUpperInvariant();
        object Instant(DateTime at) => postgres ? at : at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        while (!signal.Stopped && queue.TryDequeue(out var taskId))
        {
            var started = Stopwatch.GetTimestamp();
            var now = DateTime.UtcNow;
            using (var tx = connection.BeginTransaction())
            {
                object? Scalar(string sql, params (string Name, object? Value)[] args)
                {
                    using var command = Command(connection, tx, sql, args);
                    return command.ExecuteScalar();
                }
                int Execute(string sql, params (string Name, object? Value)[] args)
                {
                    using var command = Command(connection, tx, sql, args);
                    return command.ExecuteNonQuery();
                }

                object route, stage, document, assignee;
                using (var read = Command(connection, tx, """SELECT "RouteId", "StageId", "DocumentId", "AssigneeId" FROM "ApprovalTasks" WHERE "Id" = @id AND "Status" = 'Pending'""", ("id", Key(taskId))))
                using (var reader = read.ExecuteReader())
                {
                    if (!reader.Read())
                        continue;
                    (route, stage, document, assignee) = (reader.GetValue(0), reader.GetValue(1), reader.GetValue(2), reader.GetValue(3));
                }
                var current = Convert.ToInt32(Scalar("""SELECT "CurrentStage" FROM "ApprovalRoutes" WHERE "Id" = @r""", ("r", route)), CultureInfo.InvariantCulture);
                Execute("""UPDATE "ApprovalTasks" SET "Status" = 'Approved', "DecidedAt" = @now, "DecidedById" = "AssigneeId", "Version" = "Version" + 1 WHERE "Id" = @id""",
                    ("now", Instant(now)), ("id", Key(taskId)));
                Execute("""
                    INSERT INTO "ApprovalTaskFiles" ("Id", "TaskId", "FileVersionId", "Name", "FileVersion", "Sha256")
                    SELECT @fid, @id, v."Id", v."Name", v."Version", v."Sha256" FROM "DocumentFiles" f
                    JOIN "DocumentFileVersions" v ON v."FileId" = f."Id" AND v."Version" = f."CurrentVersion" WHERE f."DocumentId" = @d
                    """, ("fid", Key(Guid.CreateVersion7())), ("id", Key(taskId)), ("d", document));
                Execute("""UPDATE "ApprovalRouteStages" SET "Status" = 'Approved', "FinishedAt" = @now WHERE "Id" = @s""", ("now", Instant(now)), ("s", stage));
                Execute("""UPDATE "ApprovalTasks" SET "Status" = 'Closed', "Version" = "Version" + 1 WHERE "RouteId" = @r AND "Status" = 'Pending'""", ("r", route));
                Execute("""UPDATE "Reminders" SET "CancelledAt" = @now WHERE "EntityKind" = 'approvalTask' AND "EntityId" = @id AND "FiredAt" IS NULL AND "CancelledAt" IS NULL""",
                    ("now", Instant(now)), ("id", Key(taskId)));
                var next = Scalar("""SELECT "Id" FROM "ApprovalRouteStages" WHERE "RouteId" = @r AND "Index" = @i""", ("r", route), ("i", current + 1));
                if (next is not null and not DBNull)
                {
                    var due = now.Date.AddDays(3).AddTicks(-1);
                    var newTask = Guid.CreateVersion7();
                    Execute("""UPDATE "ApprovalRouteStages" SET "Status" = 'Active', "StartedAt" = @now, "DueAt" = @due WHERE "Id" = @s""",
                        ("now", Instant(now)), ("due", Instant(due)), ("s", next));
                    Execute("""
                        INSERT INTO "ApprovalTasks" ("Id", "RouteId", "StageId", "DocumentId", "AssigneeId", "OriginalAssigneeId", "Round", "Status", "ReceivedAt", "DueAt", "Version")
                        VALUES (@id, @r, @s, @d, @a, @a, 1, 'Pending', @now, @due, 1)
                        """, ("id", Key(newTask)), ("r", route), ("s", next), ("d", document), ("a", assignee), ("now", Instant(now)), ("due", Instant(due)));
                    foreach (var at in new[] { due.AddDays(-1), due })
                    {
                        Execute("""
                            INSERT INTO "Reminders" ("Id", "UserId", "DueAt", "Title", "Body", "Link", "EntityKind", "EntityId", "SendEmail", "CreatedAt", "RepeatDaysBefore")
                            VALUES (@id, @u, @at, 'Срок согласования', 'Документ ждёт вашего решения', '/approvals', 'approvalTask', @t, @email, @now, 0)
                            """, ("id", Key(Guid.CreateVersion7())), ("u", assignee), ("at", Instant(at)), ("t", Key(newTask)), ("email", postgres ? true : 1), ("now", Instant(now)));
                    }
                    Execute("""
                        INSERT INTO "Notifications" ("Id", "UserId", "CreatedAt", "Title", "Body", "Link", "Email")
                        VALUES (@id, @u, @now, 'Документ на согласовании', 'Документ ждёт вашего решения', '/approvals', '')
                        """, ("id", Key(Guid.CreateVersion7())), ("u", assignee), ("now", Instant(now)));
                    Execute("""UPDATE "ApprovalRoutes" SET "CurrentStage" = @i, "Version" = "Version" + 1 WHERE "Id" = @r""", ("i", current + 1), ("r", route));
                }
                else
                {
                    Execute("""UPDATE "ApprovalRoutes" SET "Status" = 'Approved', "FinishedAt" = @now, "Version" = "Version" + 1 WHERE "Id" = @r""", ("now", Instant(now)), ("r", route));
                    Execute("""UPDATE "Documents" SET "Status" = 'Approved', "Version" = "Version" + 1 WHERE "Id" = @d""", ("d", document));
                }
                tx.Commit();
            }
            if (signal.Measuring)
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql, params (string Name, object? Value)[] args)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
