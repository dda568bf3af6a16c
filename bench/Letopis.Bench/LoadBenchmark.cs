using System.Diagnostics;
using System.Globalization;
using System.Text;
using Letopis.Bench.Scenarios;

namespace Letopis.Bench;

/// <summary>The shared flow of every load subcommand: server up, idle memory, warm-up, measured runs, report.</summary>
public static class LoadBenchmark
{
    public static async Task<int> RunAsync(ILoadScenario scenario, BenchOptions options, CancellationToken ct)
    {
        var root = ServerProcess.FindRepoRoot();
        var dll = Path.GetFullPath(options.ServerDll ?? ServerProcess.DefaultDll(root));
        if (options.Wrk && !File.Exists(WrkRunner.Executable))
            throw new InvalidOperationException($"--wrk needs {WrkRunner.Executable}.");
        Log($"server {dll} (built {File.GetLastWriteTimeUtc(dll):yyyy-MM-dd HH:mm} UTC), provider {options.Provider}");

        await using var server = await ServerProcess.StartAsync(dll, options, ct);
        // Ctrl+C or an unhandled exception end the process without running this method's disposal.
        EventHandler onExit = (_, _) => server.KillNow();
        AppDomain.CurrentDomain.ProcessExit += onExit;
        try
        {
            Log($"server pid {server.Pid} on {server.BaseAddress}");
            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), ct);
            var rssStarted = server.ResidentBytes();

            var token = await server.GetTokenAsync(options.AdminPassword, ct);
            using (var http = new HttpClient { BaseAddress = server.BaseAddress })
            {
                http.DefaultRequestHeaders.Authorization = new("Bearer", token);
                await scenario.PrepareAsync(http, ct);
            }

            var maxClients = options.Clients.Max();
            if (options.WarmupSeconds > 0)
            {
                Log($"warm-up: {maxClients} clients, {options.WarmupSeconds} s");
                await LoadRunner.RunAsync(server.BaseAddress, token, scenario.CreateRequest, maxClients, TimeSpan.FromSeconds(options.WarmupSeconds), ct);
            }
            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), ct);
            var rssWarm = server.ResidentBytes();

            var rows = new List<Row>();
            foreach (var clients in options.Clients)
            {
                Log($"run: {clients} clients, {options.Seconds} s");
                var serverCpu = server.CpuTime();
                var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
                var machineCpu = MachineCpu.Busy();
                var result = await LoadRunner.RunAsync(server.BaseAddress, token, scenario.CreateRequest, clients, TimeSpan.FromSeconds(options.Seconds), ct);
                var serverCores = (server.CpuTime() - serverCpu) / result.Elapsed;
                var benchCores = (Process.GetCurrentProcess().TotalProcessorTime - benchCpu) / result.Elapsed;
                var otherCores = Math.Max(0, (MachineCpu.Busy() - machineCpu) / result.Elapsed - serverCores - benchCores);
                var row = new Row(result, serverCores, benchCores, otherCores, server.ResidentBytes());
                rows.Add(row);
                Log($"  {result.RequestsPerSecond:0} req/s, p50 {result.PercentileMs(50):0.00} ms, p99 {result.PercentileMs(99):0.00} ms, errors {result.ErrorCount}; "
                    + $"CPU cores: server {serverCores:0.00}, bench {benchCores:0.00}, other {otherCores:0.00}");
                foreach (var (kind, count) in result.Errors)
                    Log($"  error {kind}: {count}");
            }

            var wrk = new List<(WrkResult Result, double ServerCores, double RestCores)>();
            if (options.Wrk && scenario.WrkPath is { } path)
            {
                foreach (var clients in options.Clients)
                {
                    Log($"wrk: {clients} connections, {options.Seconds} s");
                    var serverCpu = server.CpuTime();
                    var machineCpu = MachineCpu.Busy();
                    var started = Stopwatch.GetTimestamp();
                    var result = await WrkRunner.RunAsync(server.BaseAddress, path, token, clients, options.Seconds, ct);
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    var serverCores = (server.CpuTime() - serverCpu) / elapsed;
                    var restCores = Math.Max(0, (MachineCpu.Busy() - machineCpu) / elapsed - serverCores);
                    wrk.Add((result, serverCores, restCores));
                    Log($"  {result.RequestsPerSecond:0} req/s, p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, errors {result.Errors}; "
                        + $"CPU cores: server {serverCores:0.00}, wrk and other {restCores:0.00}");
                }
            }

            Console.WriteLine(Report(scenario, options, rows, wrk, server.BaseAddress, rssStarted, rssWarm, server.ResidentBytes(), server.PeakResidentBytes()));
            return rows.Any(r => r.Result.ErrorCount > 0) || wrk.Any(w => w.Result.Errors > 0) ? 1 : 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"--- last lines of the server's output ---{Environment.NewLine}{server.RecentLog()}");
            throw;
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= onExit;
        }
    }

    private static string Report(
        ILoadScenario scenario, BenchOptions options, List<Row> rows, List<(WrkResult Result, double ServerCores, double RestCores)> wrk, Uri baseAddress,
        long rssStarted, long rssWarm, long rssEnd, long rssPeak)
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine();
        s.AppendLine(c, $"<!-- {scenario.Target}, {options.Provider}, {options.Seconds} s per run after {options.WarmupSeconds} s warm-up, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC -->");
        s.AppendLine("| scenario | provider | clients | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | server CPU | bench CPU | other CPU | server RSS MB |");
        s.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in rows)
        {
            var x = r.Result;
            s.AppendLine(c, $"| {scenario.Name} | {options.Provider} | {x.Clients} | {x.RequestsPerSecond:0} | {x.PercentileMs(50):0.00} | {x.PercentileMs(95):0.00} | {x.PercentileMs(99):0.00} | {x.MaxMs:0.0} | {x.ErrorCount} | {r.ServerCores:0.00} | {r.BenchCores:0.00} | {r.OtherCores:0.00} | {Mb(r.ServerRss)} |");
        }
        s.AppendLine();
        s.AppendLine("| provider | RSS after start MB | RSS after warm-up MB | RSS at end MB | peak RSS MB |");
        s.AppendLine("|---|--:|--:|--:|--:|");
        s.AppendLine(c, $"| {options.Provider} | {Mb(rssStarted)} | {Mb(rssWarm)} | {Mb(rssEnd)} | {Mb(rssPeak)} |");
        if (wrk.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("| tool | provider | connections | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | server CPU | wrk + other CPU |");
            s.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var (w, serverCores, restCores) in wrk)
                s.AppendLine(c, $"| wrk -t{w.Threads} | {options.Provider} | {w.Connections} | {w.RequestsPerSecond:0} | {w.P50Ms:0.00} | {w.P90Ms:0.00} | {w.P99Ms:0.00} | {w.MaxMs:0.0} | {w.Errors} | {serverCores:0.00} | {restCores:0.00} |");
            s.AppendLine();
            s.AppendLine(c, $"<!-- {WrkRunner.CommandLine(options.Clients.Max(), options.Seconds, baseAddress, scenario.WrkPath!)} -->");
        }
        return s.ToString();
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    /// <summary>
    /// CPU as cores busy on average over the run (1.00 = one core all the time): the server, this
    /// load generator, and everything else on the machine.
    /// </summary>
    private sealed record Row(LoadResult Result, double ServerCores, double BenchCores, double OtherCores, long ServerRss);
}
