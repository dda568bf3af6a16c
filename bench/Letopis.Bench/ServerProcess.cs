using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Letopis.Bench;

/// <summary>
/// The already-built Letopis server as a child process on a free loopback port, with a fresh temp
/// data folder (and SQLite file), a given data folder, or the given PostgreSQL database. Disposing kills it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int LogLines = 200;

    private readonly Process _process;
    private readonly string _dataDir;
    private readonly bool _ownsDataDir;
    private readonly Queue<string> _log = new();
    private int _disposed;

    private ServerProcess(Process process, string dataDir, bool ownsDataDir, int port)
    {
        _process = process;
        _dataDir = dataDir;
        _ownsDataDir = ownsDataDir;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    /// <summary>The default location of the server, relative to the repository root.</summary>
    public static string DefaultDll(string repoRoot) =>
        Path.Combine(repoRoot, "src", "Letopis.Web", "bin", "Release", "net10.0", "Letopis.Web.dll");

    /// <summary>The folder holding <c>Letopis.slnx</c>, searched upwards from the working and the program folder.</summary>
    public static string FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Letopis.slnx")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException("Letopis.slnx not found above the current folder: run from the repository.");
    }

    public static async Task<ServerProcess> StartAsync(string dll, BenchOptions options, CancellationToken ct)
    {
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: run 'dotnet build Letopis.slnx -c Release' first.");

        var port = FreeLoopbackPort();
        // A given folder (generated data) is kept; otherwise a fresh temp folder is removed at the end.
        var dataDir = options.DataDir is { } given ? Directory.CreateDirectory(given).FullName : Directory.CreateTempSubdirectory("letopis-bench-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Required in production; the benchmarks follow no links it builds.
        start.Environment["Letopis__PublicUrl"] = $"http://127.0.0.1:{port}";
        start.Environment["Letopis__DataDir"] = dataDir;
        start.Environment["Letopis__AdminPassword"] = options.AdminPassword;
        start.Environment["Letopis__Database__Provider"] = options.Provider;
        if (options.Provider == "postgres")
            start.Environment["ConnectionStrings__Letopis"] = options.Connection;
        foreach (var (key, value) in options.ServerEnvironment)
            start.Environment[key] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, dataDir, options.DataDir is null, port);
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await server.WaitForHealthAsync(TimeSpan.FromSeconds(90), ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Resident memory of the server now (VmRSS), in bytes.</summary>
    public long ResidentBytes() => ReadStatusKb("VmRSS:") * 1024;

    /// <summary>Peak resident memory of the server so far (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() => ReadStatusKb("VmHWM:") * 1024;

    /// <summary>CPU time (user + system) the server has used so far.</summary>
    public TimeSpan CpuTime()
    {
        // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields,
        // in USER_HZ ticks, which Linux fixes at 100 for user space.
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>Signs in as admin and returns the bearer access token.</summary>
    public async Task<string> GetTokenAsync(string password, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = "admin", password }, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"POST /api/v1/auth/token answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}. "
                + "A used PostgreSQL database needs its admin password (--admin-password) or use an empty one.");
        }
        var body = await response.Content.ReadFromJsonAsync<TokenBody>(ct);
        return body?.AccessToken ?? throw new InvalidOperationException("The token response has no accessToken.");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or already gone.
        }
        _process.Dispose();
        if (!_ownsDataDir)
            return;
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Kills the server without waiting: for the process-exit path, where nothing may await.</summary>
    public void KillNow()
    {
        try
        {
            if (Volatile.Read(ref _disposed) == 0 && !_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public string RecentLog()
    {
        lock (_log)
            return string.Join(Environment.NewLine, _log);
    }

    private async Task WaitForHealthAsync(TimeSpan limit, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}:{Environment.NewLine}{RecentLog()}");
            try
            {
                using var response = await http.GetAsync("/health", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Listening but still starting up (on a loaded machine the first answer can take seconds).
            }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"/health did not answer 200 within {limit.TotalSeconds:0} s:{Environment.NewLine}{RecentLog()}");
    }

    private long ReadStatusKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"{field} not in /proc/{Pid}/status.");
    }

    private void Remember(string? line)
    {
        if (line is null)
            return;
        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > LogLines)
                _log.Dequeue();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);
}
