using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

/// <summary>
/// The real Letopis server as a child process (the Release build, demo company, SQLite in a temp
/// folder) and one headless Debian Chromium, shared by every browser test.
/// </summary>
public sealed class LetopisServer : IAsyncLifetime
{
    public const string AdminPassword = "admin-browser-2026";

    /// <summary>The password of every demo user (SeedDemoCompany.Password).</summary>
    public const string DemoPassword = Core.Demo.SeedDemoCompany.Password;

    private Process? _process;
    private string _dataDir = "";
    private IPlaywright? _playwright;
    private readonly List<string> _log = [];

    public string BaseUrl { get; private set; } = "";

    public string RepoRoot { get; } = FindRepoRoot();

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Set to <c>docs</c> to write the pictures of the user guide (tools/refresh-screenshots.sh does).</summary>
    public const string ScreenshotsVariable = "LETOPIS_SCREENSHOTS";

    /// <summary>
    /// Where <see cref="PageExtensions.ShotAsync"/> writes: the test output by default, so that a test
    /// run leaves the tracked pictures alone; <c>docs/screenshots</c> when <see cref="ScreenshotsVariable"/>
    /// is <c>docs</c>; any other value names a folder.
    /// </summary>
    public string ScreenshotDir { get; } = ScreenshotFolder(Environment.GetEnvironmentVariable(ScreenshotsVariable), FindRepoRoot());

    public static string ScreenshotFolder(string? setting, string repoRoot) => setting?.Trim() switch
    {
        null or "" => Path.Combine(AppContext.BaseDirectory, "screenshots"),
        "docs" => Path.Combine(repoRoot, "docs", "screenshots"),
        var folder => Path.GetFullPath(folder),
    };

    public async Task InitializeAsync()
    {
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        _dataDir = Directory.CreateTempSubdirectory("letopis-browser-").FullName;
        await StartAsync(null);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// Stops the server and starts it again on the same data and address with its clock moved
    /// <paramref name="clockOffset"/> ahead of the real one (<c>Letopis:ClockOffset</c>): time passes for
    /// deadlines and reminders. Signed-in pages keep their cookies and reconnect after a reload. Only a
    /// test class with a server of its own may do this: the shared one serves journeys that read «today».
    /// </summary>
    public async Task RestartAsync(TimeSpan clockOffset)
    {
        await StopAsync();
        lock (_log)
            _log.Clear();
        await StartAsync(clockOffset);
    }

    private async Task StartAsync(TimeSpan? clockOffset)
    {
        var bin = Path.Combine(RepoRoot, "src", "Letopis.Web", "bin", "Release", "net10.0");
        var dll = Path.Combine(bin, "Letopis.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"Build the solution in Release first: {dll} is missing.");
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the build output: static web assets (MudBlazor's CSS and JS) resolve
            // from its staticwebassets manifest because Program calls UseStaticWebAssets().
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", BaseUrl, "--demo" })
            start.ArgumentList.Add(arg);
        start.Environment["Letopis__DataDir"] = _dataDir;
        start.Environment["Letopis__AdminPassword"] = AdminPassword;
        // A query that limits rows without an order fails its page instead of logging EF Core's warning.
        start.Environment["Letopis__Database__StrictQueries"] = "true";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Required in production: the calendar feed's links are built from it.
        start.Environment["Letopis__PublicUrl"] = BaseUrl;
        if (clockOffset is { } offset)
            start.Environment["Letopis__ClockOffset"] = offset.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        _process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.Add(e.Data ?? ""); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.Add(e.Data ?? ""); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // Seeding the demo company on a busy two-core machine can take minutes.
        var deadline = DateTime.UtcNow.AddSeconds(600);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException("The server exited:\n" + Log());
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).StatusCode == HttpStatusCode.OK)
                    break;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The server did not answer /health within 600 s:\n" + Log());
            await Task.Delay(250);
        }

        // The first requests JIT-compile the page pipeline, Blazor and EF queries, which on a two-core
        // machine shared with the browser can take longer than one test step may: pay it up front.
        using (var warm = new HttpClient { Timeout = TimeSpan.FromSeconds(60) })
        {
            (await warm.GetAsync(BaseUrl + "/login")).EnsureSuccessStatusCode();
            var token = await warm.PostAsync(BaseUrl + "/api/v1/auth/token", new StringContent(
                $"{{\"login\":\"admin\",\"password\":\"{AdminPassword}\"}}", System.Text.Encoding.UTF8, "application/json"));
            token.EnsureSuccessStatusCode();
        }
    }

    public string Log()
    {
        lock (_log)
            return string.Join('\n', _log.TakeLast(80));
    }

    /// <summary>An API client signed in as a demo user (bearer token from <c>POST /api/v1/auth/token</c>).</summary>
    public async Task<HttpClient> ApiAsync(string login)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { login, password = DemoPassword });
        token.EnsureSuccessStatusCode();
        var access = (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", access);
        return http;
    }

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 860, string locale = "ru-RU")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = "Europe/Moscow",
        });
        context.SetDefaultTimeout(30000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        await StopAsync();
    }

    private async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Letopis.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Letopis.slnx not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<LetopisServer>
{
    public const string Name = "server";
}
