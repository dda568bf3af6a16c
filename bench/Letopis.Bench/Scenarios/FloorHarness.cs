using System.Diagnostics;

namespace Letopis.Bench.Scenarios;

/// <summary>What a floor thread reads to know whether to time its rounds and when to stop.</summary>
public sealed class FloorSignal
{
    private int _measuring;
    private int _stop;

    public bool Measuring => Volatile.Read(ref _measuring) == 1;

    public bool Stopped => Volatile.Read(ref _stop) == 1;

    internal void StartMeasuring() => Volatile.Write(ref _measuring, 1);

    internal void Stop() => Volatile.Write(ref _stop, 1);
}

/// <summary>One floor run: rounds a second over all threads, latency quantiles, and the machine's busy cores.</summary>
public sealed record FloorRun(double PerSecond, double P50, double P95, double P99, double MachineCores);

/// <summary>
/// The timing of the floors (the bare statements of a screen through the driver): dedicated threads,
/// each looping one round of statements with its own connection until told to stop, a warm-up, then
/// the measured seconds.
/// </summary>
public static class FloorHarness
{
    /// <summary>
    /// Runs <paramref name="threads"/> threads of <paramref name="work"/>; each adds the milliseconds of
    /// every round it times to its list while <see cref="FloorSignal.Measuring"/>, until <see cref="FloorSignal.Stopped"/>.
    /// </summary>
    public static async Task<FloorRun> RunAsync(int threads, int warmupSeconds, int seconds, string name,
        Action<List<double>, FloorSignal> work, CancellationToken ct)
    {
        var signal = new FloorSignal();
        var latencies = new List<double>[threads];
        var workers = Enumerable.Range(0, threads).Select(i =>
        {
            latencies[i] = new List<double>(100_000);
            var thread = new Thread(() => work(latencies[i], signal)) { IsBackground = true, Name = $"{name}-{i}" };
            thread.Start();
            return thread;
        }).ToList();
        await Task.Delay(TimeSpan.FromSeconds(warmupSeconds), ct);
        var cpu = MachineCpu.Busy();
        var clock = Stopwatch.StartNew();
        signal.StartMeasuring();
        await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
        signal.Stop();
        var elapsed = clock.Elapsed.TotalSeconds;
        var cores = (MachineCpu.Busy() - cpu).TotalSeconds / elapsed;
        workers.ForEach(w => w.Join());
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double At(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        return new FloorRun(all.Length / elapsed, At(0.50), At(0.95), At(0.99), cores);
    }
}
