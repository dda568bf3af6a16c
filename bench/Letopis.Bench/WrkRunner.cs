using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Letopis.Bench;

/// <summary>Runs <c>wrk</c> against the same server, as a cross-check of the .NET client's numbers.</summary>
public static partial class WrkRunner
{
    public const string Executable = "/usr/bin/wrk";

    public static async Task<WrkResult> RunAsync(Uri baseAddress, string path, string token, int connections, int seconds, CancellationToken ct)
    {
        // wrk needs at least one connection per thread; two threads as on the two-core machine it was made for.
        var threads = Math.Min(2, connections);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { $"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--latency", "-H", $"Authorization: Bearer {token}", new Uri(baseAddress, path).ToString() })
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start.");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var output = await stdout;
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await stderr}");
            return Parse(threads, connections, output);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
    }

    public static string CommandLine(int connections, int seconds, Uri baseAddress, string path) =>
        $"wrk -t{Math.Min(2, connections)} -c{connections} -d{seconds}s --latency -H \"Authorization: Bearer $TOKEN\" {new Uri(baseAddress, path)}";

    private static WrkResult Parse(int threads, int connections, string output)
    {
        double Percentile(string p)
        {
            var m = Regex.Match(output, $@"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            return m.Success ? ToMs(m.Groups[1].Value, m.Groups[2].Value) : double.NaN;
        }

        var rps = RequestsPerSecond().Match(output);
        var max = Latency().Match(output);
        var non2xx = Non2xx().Match(output);
        var socket = SocketErrors().Match(output);
        var errors = (non2xx.Success ? int.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0)
            + (socket.Success ? socket.Groups.Values.Skip(1).Sum(g => int.Parse(g.Value, CultureInfo.InvariantCulture)) : 0);
        return new WrkResult(
            threads, connections,
            rps.Success ? double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN,
            Percentile("50"), Percentile("90"), Percentile("99"),
            max.Success ? ToMs(max.Groups[1].Value, max.Groups[2].Value) : double.NaN,
            errors, output);
    }

    private static double ToMs(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch { "us" => 0.001, "ms" => 1, _ => 1000 };

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    // "Latency   1.23ms  0.45ms  12.34ms  90.00%": average, stdev, max.
    [GeneratedRegex(@"^\s+Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)", RegexOptions.Multiline)]
    private static partial Regex Latency();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}

/// <summary>wrk's summary: its percentiles come from its own histogram (50, 90, 99 with <c>--latency</c>).</summary>
public sealed record WrkResult(int Threads, int Connections, double RequestsPerSecond, double P50Ms, double P90Ms, double P99Ms, double MaxMs, int Errors, string Output);
