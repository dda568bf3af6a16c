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

    public const string Description = "upload and download of a 1 GB file against cp on the same disk, server RSS during it (--megabytes N)";

    private const int Buffer = 1 << 20;

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

            var copy = Path.Combine(work, "copy.bin");
            var cpTime = await CopyAsync(source, copy, ct);
            File.Delete(copy);
            Log($"cp: {Rate(bytes, cpTime)} MB/s");

            var cpu = Cpu.Start(server);
            var (upTime, upPeak, upResult) = await SampledAsync(server, () => UploadAsync(http, document, source, ct), ct);
            var upOther = cpu.Other(upTime);
            var (fileId, serverSha) = upResult;
            Log($"upload: {Rate(bytes, upTime)} MB/s, peak RSS {Mb(upPeak)} MB");

            var back = Path.Combine(work, "download.bin");
            cpu = Cpu.Start(server);
            var (downTime, downPeak, _) = await SampledAsync(server, async () => { await DownloadAsync(http, fileId, back, ct); return 0; }, ct);
            var downOther = cpu.Other(downTime);
            Log($"download: {Rate(bytes, downTime)} MB/s, peak RSS {Mb(downPeak)} MB");

            var cpAgain = await CopyAsync(source, copy, ct);
            File.Delete(copy);
            var backSha = await HashAsync(back, ct);
            var intact = serverSha == sha && backSha == sha;
            if (!intact)
                Log($"SHA-256 differs: source {sha}, server {serverSha}, download {backSha}");

            var cp = cpTime < cpAgain ? cpTime : cpAgain;
            var c = CultureInfo.InvariantCulture;
            var report = new StringBuilder();
            report.AppendLine();
            report.AppendLine(c, $"<!-- {Name}, {options.Provider}, {megabytes} MB of random bytes, {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; "
                + $"cp {Rate(bytes, cpTime)} and {Rate(bytes, cpAgain)} MB/s (before and after), the faster is the reference -->");
            report.AppendLine("| transfer | time s | MB/s | cp MB/s | of cp | server RSS idle MB | peak RSS MB | peak above idle MB | other CPU | bytes intact |");
            report.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
            report.AppendLine(c, $"| upload (multipart POST) | {upTime.TotalSeconds:0.0} | {Rate(bytes, upTime)} | {Rate(bytes, cp)} | {cp / upTime:P0} | {Mb(idle)} | {Mb(upPeak)} | {Mb(upPeak - idle)} | {upOther:0.00} | {(intact ? "yes" : "NO")} |");
            report.AppendLine(c, $"| download (GET content) | {downTime.TotalSeconds:0.0} | {Rate(bytes, downTime)} | {Rate(bytes, cp)} | {cp / downTime:P0} | {Mb(idle)} | {Mb(downPeak)} | {Mb(downPeak - idle)} | {downOther:0.00} | {(intact ? "yes" : "NO")} |");
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

    private static async Task<TimeSpan> CopyAsync(string from, string to, CancellationToken ct)
    {
        var start = new ProcessStartInfo("cp") { UseShellExecute = false };
        start.ArgumentList.Add(from);
        start.ArgumentList.Add(to);
        var started = Stopwatch.GetTimestamp();
        using var cp = Process.Start(start) ?? throw new InvalidOperationException("cp did not start.");
        await cp.WaitForExitAsync(ct);
        var took = Stopwatch.GetElapsedTime(started);
        return cp.ExitCode == 0 ? took : throw new InvalidOperationException($"cp exited with {cp.ExitCode}.");
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
