using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// Upload and download of one large file (1 GB by default) through
/// <c>POST /api/v1/documents/{id}/files</c> and <c>GET /api/v1/files/{fileId}/content</c>, timed against
/// <c>cp</c> of the same file on the same disk, with the server's resident memory sampled every
/// 20 ms during each transfer against its idle level. Not a closed loop: one client, one file.
/// </summary>
public static class FileTransferScenario
{
    public const string Name = "file-transfer";

    public const string Description = "upload and download of a 1 GB file against cp (and cp + sync) on the same disk, three rounds, server RSS during it (--megabytes N)";

    private const int Buffer = 1 << 20;

    private const int Rounds = 3;

    private sealed record Round(TimeSpan Cp, TimeSpan CpSync, TimeSpan Up, long UpPeak, double UpOther, TimeSpan Down, long DownPeak, double DownOther);

    private static TimeSpan Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    public static async Task<int> RunAsync(BenchOptions options, int megabytes, CancellationToken ct)
    {
        var root = ServerProcess.FindRepoRoot();
        var dll = Path.GetFullPath(options.ServerDll ?? ServerProcess.DefaultDll(root));
        await using var server = await ServerProcess.StartAsync(dll, options, ct);
        // In the temp folder like the server's own data folder: the same disk for cp, upload and download.
        var work = Directory.CreateTempSubdirectory("letopis-transfer-").FullName;
        try
        {
            Log($"server pid {server.Pid} on {server.BaseAddress}; work folder {work}");
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await server.GetTokenAsync(options.AdminPassword, ct));
            var document = await RegisterAsync(http, ct);

            var source = Path.Combine(work, "source.bin");
            var bytes = (long)megabytes << 20;
            Log($"writing {megabytes} MB of random bytes");
            var sha = await WriteRandomAsync(source, bytes, ct);

            // Warm-up: a small file through both paths, so the JIT is not in the big transfer.
            var small = Path.Combine(work, "small.bin");
            await WriteRandomAsync(small, 4 << 20, ct);
            for (var i = 0; i < 3; i++)
            {
                var (warmId, _) = await UploadAsync(http, document, small, ct);
                await DownloadAsync(http, warmId, Path.Combine(work, "small-back.bin"), ct);
            }
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(2, options.SettleSeconds)), ct);
            var idle = server.ResidentBytes();
            Log($"idle RSS {Mb(idle)} MB");

            // Three rounds of cp, upload and download, each step starting with nothing waiting to be
            // written back (otherwise the kernel throttles whichever step follows a gigabyte of dirty
            // pages to the disk's own speed); the medians are compared, the rounds listed beside them.
            var copy = Path.Combine(work, "copy.bin");
            var back = Path.Combine(work, "download.bin");
            var rounds = new List<Round>();
            var intact = true;
            for (var round = 1; round <= Rounds; round++)
            {
                await SyncAsync(ct);
                var cpTime = await CopyAsync(source, copy, ct);
                // cp returns when the copy is in the page cache; the server flushes a stored file to disk
                // before it answers, so «cp, then sync» is the like-for-like reference.
                var cpSyncTime = cpTime + await SyncAsync(ct);
                File.Delete(copy);

                await SyncAsync(ct);
                var cpu = Cpu.Start(server);
                var (upTime, upPeak, upResult) = await SampledAsync(server, () => UploadAsync(http, document, source, ct), ct);
                var upOther = cpu.Other(upTime);
                var (fileId, serverSha) = upResult;

                await SyncAsync(ct);
                cpu = Cpu.Start(server);
                var (downTime, downPeak, _) = await SampledAsync(server, async () => { await DownloadAsync(http, fileId, back, ct); return 0; }, ct);
                var downOther = cpu.Other(downTime);

                var backSha = await HashAsync(back, ct);
                File.Delete(back);
                if (serverSha != sha || backSha != sha)
                {
                    intact = false;
                    Log($"SHA-256 differs: source {sha}, server {serverSha}, download {backSha}");
                }
                rounds.Add(new Round(cpTime, cpSyncTime, upTime, upPeak, upOther, downTime, downPeak, downOther));
                Log($"round {round}: cp {Rate(bytes, cpTime)} MB/s, cp + sync {Rate(bytes, cpSyncTime)} MB/s, upload {Rate(bytes, upTime)} MB/s (peak RSS {Mb(upPeak)} MB), "
                    + $"download {Rate(bytes, downTime)} MB/s (peak RSS {Mb(downPeak)} MB)");
            }

            var cp = Median(rounds.Select(r => r.Cp));
            var cpSync = Median(rounds.Select(r => r.CpSync));
            var up = Median(rounds.Select(r => r.Up));
            var down = Median(rounds.Select(r => r.Down));
            var upPeakMax = rounds.Max(r => r.UpPeak);
            var downPeakMax = rounds.Max(r => r.DownPeak);
            string Each(Func<Round, TimeSpan> pick) => string.Join(" / ", rounds.Select(r => Rate(bytes, pick(r))));
            var c = CultureInfo.InvariantCulture;
            var report = new StringBuilder();
            report.AppendLine();
            report.AppendLine(c, $"<!-- {Name}, {options.Provider}, {megabytes} MB of random bytes, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; "
                + $"{Rounds} rounds, each step after sync; medians compared -->");
            report.AppendLine(c, $"cp: median {Rate(bytes, cp)} MB/s (rounds {Each(r => r.Cp)}); cp + sync: median {Rate(bytes, cpSync)} MB/s (rounds {Each(r => r.CpSync)})");
            report.AppendLine();
            report.AppendLine("| transfer | median s | median MB/s | each round MB/s | of cp | of cp + sync | server RSS idle MB | peak RSS MB | peak above idle MB | other CPU | bytes intact |");
            report.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
            report.AppendLine(c, $"| upload (multipart POST) | {up.TotalSeconds:0.0} | {Rate(bytes, up)} | {Each(r => r.Up)} | {cp / up:P0} | {cpSync / up:P0} | {Mb(idle)} | {Mb(upPeakMax)} | {Mb(upPeakMax - idle)} | {rounds.Average(r => r.UpOther):0.00} | {(intact ? "yes" : "NO")} |");
            report.AppendLine(c, $"| download (GET content) | {down.TotalSeconds:0.0} | {Rate(bytes, down)} | {Each(r => r.Down)} | {cp / down:P0} | {cpSync / down:P0} | {Mb(idle)} | {Mb(downPeakMax)} | {Mb(downPeakMax - idle)} | {rounds.Average(r => r.DownOther):0.00} | {(intact ? "yes" : "NO")} |");
            Console.WriteLine(report.ToString());
            return intact ? 0 : 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"--- last lines of the server's output ---{Environment.NewLine}{server.RecentLog()}");
            throw;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<Guid> RegisterAsync(HttpClient http, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/documents",
            new { typeCode = "internal-memo", title = "Архив сканов за год (проверка передачи больших файлов)" }, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /api/v1/documents answered {(int)response.StatusCode}: {text}");
        return Guid.Parse((string)JsonNode.Parse(text)!["id"]!);
    }

    private static async Task<(Guid FileId, string Sha256)> UploadAsync(HttpClient http, Guid document, string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, Buffer, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var content = new MultipartFormDataContent();
        var part = new StreamContent(file, Buffer);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", Path.GetFileName(path));
        using var response = await http.PostAsync($"/api/v1/documents/{document}/files", content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Upload answered {(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!;
        return (Guid.Parse((string)body["id"]!), (string)body["sha256"]!);
    }

    private static async Task DownloadAsync(HttpClient http, Guid fileId, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync($"/api/v1/files/{fileId}/content", HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Download answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, Buffer, FileOptions.Asynchronous);
        await body.CopyToAsync(file, Buffer, ct);
    }

    /// <summary>Runs the transfer while sampling the server's VmRSS every 20 ms; returns its time and the highest sample.</summary>
    private static async Task<(TimeSpan Took, long PeakRss, T Result)> SampledAsync<T>(ServerProcess server, Func<Task<T>> transfer, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var peak = server.ResidentBytes();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.ResidentBytes());
                try
                {
                    await Task.Delay(20, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }, CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        var result = await transfer();
        var took = Stopwatch.GetElapsedTime(started);
        await stop.CancelAsync();
        await sampler;
        return (took, Math.Max(peak, server.ResidentBytes()), result);
    }

    private static Task<TimeSpan> CopyAsync(string from, string to, CancellationToken ct) => RunAsync("cp", ct, from, to);

    /// <summary>Writes every dirty page back to disk (the <c>sync</c> command), so the next step starts from the same state.</summary>
    private static Task<TimeSpan> SyncAsync(CancellationToken ct) => RunAsync("sync", ct);

    private static async Task<TimeSpan> RunAsync(string command, CancellationToken ct, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        await process.WaitForExitAsync(ct);
        var took = Stopwatch.GetElapsedTime(started);
        return process.ExitCode == 0 ? took : throw new InvalidOperationException($"{command} exited with {process.ExitCode}.");
    }

    /// <summary>Writes pseudo-random (incompressible) bytes; returns their SHA-256 in lower-case hex.</summary>
    private static async Task<string> WriteRandomAsync(string path, long bytes, CancellationToken ct)
    {
        var random = new Random(2026);
        var chunk = new byte[Buffer];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, Buffer, FileOptions.Asynchronous))
        {
            for (long done = 0; done < bytes; done += chunk.Length)
            {
                var n = (int)Math.Min(chunk.Length, bytes - done);
                random.NextBytes(chunk.AsSpan(0, n));
                hash.AppendData(chunk, 0, n);
                await file.WriteAsync(chunk.AsMemory(0, n), ct);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, Buffer, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }

    /// <summary>CPU of everything but the server and this process during a transfer, in cores (as the load runs report it).</summary>
    private sealed record Cpu(ServerProcess Server, TimeSpan Machine, TimeSpan ServerTime, TimeSpan Bench)
    {
        public static Cpu Start(ServerProcess server) =>
            new(server, MachineCpu.Busy(), server.CpuTime(), Process.GetCurrentProcess().TotalProcessorTime);

        public double Other(TimeSpan took) => Math.Max(0,
            ((MachineCpu.Busy() - Machine) - (Server.CpuTime() - ServerTime) - (Process.GetCurrentProcess().TotalProcessorTime - Bench)) / took);
    }

    private static string Rate(long bytes, TimeSpan took) => (bytes / 1048576.0 / took.TotalSeconds).ToString("0", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
