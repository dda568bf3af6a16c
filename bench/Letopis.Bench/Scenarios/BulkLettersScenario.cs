using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// Bulk generation: a letter template registered as an outgoing letter, generated as PDF for every
/// counterparty of a region (1,000 by default) through <c>POST /api/v1/template-batches</c>, timed from
/// the request until the batch reports completed. Not a closed loop: one batch, worked on by the
/// server's own background runner, so the time is what a user waits for the progress bar.
/// </summary>
public static class BulkLettersScenario
{
    public const string Name = "bulk-letters";

    public const string Description = "one batch of 1,000 registered PDF letters to the counterparties of a region, wall time (--count N, --output pdf|docx|html)";

    private const string Body = """
        <html><head><meta charset="utf-8"><style>body { font-family: 'DejaVu Serif', serif; font-size: 12pt; } h1 { font-size: 14pt; }</style></head>
        <body>
        <p style="text-align:right">{{ counterparty.fullName | default: counterparty.name }}<br>ИНН {{ counterparty.inn }}</p>
        <h1>Уважаемые партнёры!</h1>
        <p>Сообщаем, что с {{ today | date }} наш склад в вашем регионе работает по новому графику: с понедельника по субботу, с 8:00 до 20:00.</p>
        <p>Заказы, поданные до 14:00, отгружаются в тот же день. Благодарим за сотрудничество.</p>
        <p>С уважением,<br>{{ user.fullName }}</p>
        </body></html>
        """;

    public static async Task<int> RunAsync(BenchOptions options, int count, string output, CancellationToken ct)
    {
        var root = ServerProcess.FindRepoRoot();
        var dll = Path.GetFullPath(options.ServerDll ?? ServerProcess.DefaultDll(root));
        await using var server = await ServerProcess.StartAsync(dll, options, ct);
        try
        {
            Log($"server pid {server.Pid} on {server.BaseAddress}");
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await server.GetTokenAsync(options.AdminPassword, ct));

            var region = await PostAsync(http, "/api/v1/reference/regions", new { name = "Рассылка " + Guid.NewGuid().ToString("N")[..6] }, ct);
            Log($"creating {count:N0} counterparties in one region");
            var created = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
            {
                await PostAsync(http, "/api/v1/counterparties", new { name = $"Клиент рассылки {i + 1:D5}", inn = Inn10(i), regionId = region }, token);
                if (Interlocked.Increment(ref created) % 250 == 0)
                    Log($"  {created:N0}");
            });

            var types = JsonNode.Parse(await http.GetStringAsync("/api/v1/document-types", ct))!["items"]!.AsArray();
            var letterType = types.First(t => (string?)t!["code"] == "outgoing-letter")!["id"]!.GetValue<string>();
            var template = await PostAsync(http, "/api/v1/templates", new
            {
                name = "Письмо о графике склада",
                format = "html",
                target = "counterparty",
                body = Body,
                documentTypeId = letterType,
                fileNamePattern = "Письмо {{ counterparty.name }}",
            }, ct);

            Log($"starting a batch of {count:N0} registered {output} letters");
            var clock = Stopwatch.StartNew();
            var batch = await PostAsync(http, "/api/v1/template-batches",
                new { templateId = template, output, register = true, filter = new { regionId = new[] { region } } }, ct);
            JsonNode state;
            var lastLog = TimeSpan.Zero;
            while (true)
            {
                state = JsonNode.Parse(await http.GetStringAsync($"/api/v1/template-batches/{batch}", ct))!;
                var status = (string?)state["status"];
                if (status is "completed" or "cancelled")
                    break;
                if (clock.Elapsed - lastLog > TimeSpan.FromSeconds(10))
                {
                    lastLog = clock.Elapsed;
                    Log($"  {state["succeeded"]} done, {state["failed"]} failed after {clock.Elapsed.TotalSeconds:0} s");
                }
                await Task.Delay(500, ct);
            }
            clock.Stop();

            var succeeded = state["succeeded"]!.GetValue<int>();
            var failed = state["failed"]!.GetValue<int>();
            var started = DateTime.Parse((string)state["startedAt"]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            var finished = DateTime.Parse((string)state["finishedAt"]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            var serverTime = finished - started;
            string? firstError = null;
            if (failed > 0)
                firstError = (string?)JsonNode.Parse(await http.GetStringAsync($"/api/v1/template-batches/{batch}/items?status=failed&pageSize=1", ct))!["items"]![0]!["error"];

            var c = CultureInfo.InvariantCulture;
            var report = new StringBuilder();
            report.AppendLine();
            report.AppendLine(c, $"<!-- {Name}, {options.Provider}, {count} counterparties, {output}, registered, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC -->");
            report.AppendLine("| letters | output | registered | succeeded | failed | wall time s | runner time s | letters/s |");
            report.AppendLine("|--:|---|---|--:|--:|--:|--:|--:|");
            report.AppendLine(c, $"| {count:N0} | {output} | yes | {succeeded:N0} | {failed:N0} | {clock.Elapsed.TotalSeconds:0.0} | {serverTime.TotalSeconds:0.0} | {succeeded / Math.Max(0.001, serverTime.TotalSeconds):0.0} |");
            if (firstError is not null)
                report.AppendLine(c, $"First error: {firstError}");
            Console.WriteLine(report.ToString());
            return failed == 0 ? 0 : 1;
        }
        catch
        {
            Console.Error.WriteLine($"--- last lines of the server's output ---{Environment.NewLine}{server.RecentLog()}");
            throw;
        }
    }

    private static async Task<string> PostAsync(HttpClient http, string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["id"]!.ToString();
    }

    /// <summary>A valid 10-digit ИНН made from the index, so reruns on one database do not collide within a run.</summary>
    private static string Inn10(int i)
    {
        var seed = (Random.Shared.Next(1, 90) * 10_000_000L) + i;
        var digits = seed.ToString("D9", CultureInfo.InvariantCulture)[..9].Select(d => d - '0').ToArray();
        int[] weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
        var check = digits.Zip(weights, (d, w) => d * w).Sum() % 11 % 10;
        return string.Concat(digits) + check;
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
