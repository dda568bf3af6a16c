using System.Diagnostics;
using System.Net;

namespace Letopis.Bench;

/// <summary>
/// Closed-loop load: N client loops, each sending its next request when the previous answer has
/// been read, over one <see cref="SocketsHttpHandler"/> that keeps one connection per loop.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(
        Uri baseAddress, string token, Func<HttpRequestMessage> createRequest, int clients, TimeSpan duration, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        // One unmeasured request per loop opens its connection before the clock starts.
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var request = createRequest();
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
        }));

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deadline = 0L;
        var loops = Enumerable.Range(0, clients)
            .Select(_ => Task.Run(() => LoopAsync(http, createRequest, go.Task, () => Volatile.Read(ref deadline), ct), ct))
            .ToArray();

        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline, started + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        go.SetResult();
        var samples = await Task.WhenAll(loops);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var latencies = new long[samples.Sum(s => s.Latencies.Count)];
        var at = 0;
        foreach (var s in samples)
        {
            s.Latencies.CopyTo(latencies, at);
            at += s.Latencies.Count;
        }
        Array.Sort(latencies);
        var errors = samples.SelectMany(s => s.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        return new LoadResult(clients, elapsed, latencies, errors);
    }

    private static async Task<ClientSamples> LoopAsync(
        HttpClient http, Func<HttpRequestMessage> createRequest, Task go, Func<long> deadline, CancellationToken ct)
    {
        var samples = new ClientSamples();
        await go;
        var end = deadline();
        while (Stopwatch.GetTimestamp() < end)
        {
            ct.ThrowIfCancellationRequested();
            var before = Stopwatch.GetTimestamp();
            try
            {
                using var request = createRequest();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                var after = Stopwatch.GetTimestamp();
                if (response.IsSuccessStatusCode)
                    samples.Latencies.Add(after - before);
                else
                    samples.Count($"HTTP {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                samples.Count(e.GetType().Name);
            }
        }
        return samples;
    }

    private sealed class ClientSamples
    {
        public List<long> Latencies { get; } = new(1 << 16);

        public Dictionary<string, int> Errors { get; } = [];

        public void Count(string kind) => Errors[kind] = Errors.GetValueOrDefault(kind) + 1;
    }
}

/// <summary>One measured run: successful latencies (Stopwatch ticks, sorted) and failures by kind.</summary>
public sealed record LoadResult(int Clients, TimeSpan Elapsed, long[] Latencies, IReadOnlyDictionary<string, int> Errors)
{
    public int ErrorCount => Errors.Values.Sum();

    public double RequestsPerSecond => Latencies.Length / Elapsed.TotalSeconds;

    /// <summary>Nearest-rank percentile, in milliseconds.</summary>
    public double PercentileMs(double p)
    {
        if (Latencies.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * Latencies.Length);
        return ToMs(Latencies[Math.Clamp(rank - 1, 0, Latencies.Length - 1)]);
    }

    public double MaxMs => Latencies.Length == 0 ? double.NaN : ToMs(Latencies[^1]);

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
