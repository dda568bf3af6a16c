using System.Collections.Concurrent;
using System.ComponentModel;
using Letopis.Core.Common;
using Letopis.Core.Templates;
using Microsoft.Extensions.Logging;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace Letopis.Infrastructure.Pdf;

/// <summary>
/// Prints HTML to PDF with one warm headless chromium per node: the browser starts on the first call
/// (a cold start costs about a second, a print tens of milliseconds) and its tabs are reused from a
/// small pool. A browser that crashed or was killed is started again by the next call.
/// </summary>
/// <remarks>
/// A template must not read files or reach the network (an <c>&lt;img src="http://…"&gt;</c> would
/// tell a third party who printed what, a <c>file:///</c> reference would leak the server's files).
/// Three fences: the tab runs no JavaScript; every request it makes except <c>data:</c> and
/// <c>about:blank</c> is aborted; and the browser is sent to a dead proxy, loopback included, so even
/// a request that slipped past interception goes nowhere. Chromium itself refuses <c>file:</c>
/// subresources to a page that is not a file.
/// </remarks>
public sealed class ChromiumPdfPrinter : IAsyncDisposable
{
    public const string Package = "chromium";

    private readonly EngineLocator _locator;
    private readonly PdfOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _tabs;
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly ConcurrentBag<IPage> _idle = [];
    private IBrowser? _browser;
    private int _launches;
    private bool _disposed;

    public ChromiumPdfPrinter(PdfOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger<ChromiumPdfPrinter>();
        _locator = new EngineLocator(options.ChromiumPath, ["chromium"], TimeSpan.FromSeconds(options.RecheckSeconds), time);
        _tabs = new SemaphoreSlim(options.PagePoolSize, options.PagePoolSize);
    }

    /// <summary>How many times this printer started a browser (once, unless one crashed).</summary>
    public int Launches => Volatile.Read(ref _launches);

    /// <summary>The running browser's process id, or null before the first call.</summary>
    public int? BrowserProcessId => _browser is { IsConnected: true } b ? b.Process?.Id : null;

    public async Task<Result<byte[]>> PrintAsync(string html, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(html);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var path = _locator.Find();
        if (path is null)
            return PdfErrors.Missing(Package);

        var limit = TimeSpan.FromSeconds(_options.TimeoutSeconds);
        await _tabs.WaitAsync(ct);
        IPage? page = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(limit);
            page = await TakePageAsync(path, timeout.Token);
            await page.SetContentAsync(html, new SetContentOptions
            {
                WaitUntil = [WaitUntilNavigation.Load],
                Timeout = (int)limit.TotalMilliseconds,
            }).WaitAsync(timeout.Token);
            var pdf = await page.PdfDataAsync(new PuppeteerSharp.PdfOptions
            {
                Format = PaperFormat.A4,
                PrintBackground = true,
                PreferCSSPageSize = true,
            }).WaitAsync(timeout.Token);
            _idle.Add(page);
            page = null;
            return pdf;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            _logger.LogWarning("Chromium did not print a page within {Seconds} s", _options.TimeoutSeconds);
            return PdfErrors.Failed($"chromium did not print the page within {_options.TimeoutSeconds} s");
        }
        catch (Exception e) when (e is PuppeteerException or IOException or Win32Exception or InvalidOperationException)
        {
            _locator.Forget();
            if (_locator.Find() is null)
                return PdfErrors.Missing(Package);
            _logger.LogError(e, "Chromium failed to print a page");
            return PdfErrors.Failed(e.Message);
        }
        finally
        {
            // A tab that failed or timed out may be half-way through anything: it is closed, not reused.
            if (page is not null)
                await DiscardAsync(page);
            _tabs.Release();
        }
    }

    private async Task<IPage> TakePageAsync(string path, CancellationToken ct)
    {
        var browser = await BrowserAsync(path, ct);
        while (_idle.TryTake(out var idle))
        {
            if (!idle.IsClosed && ReferenceEquals(idle.Browser, browser))
                return idle;
            await DiscardAsync(idle);
        }
        var page = await browser.NewPageAsync().WaitAsync(ct);
        try
        {
            await page.SetJavaScriptEnabledAsync(false).WaitAsync(ct);
            await page.SetRequestInterceptionAsync(true).WaitAsync(ct);
            page.AddRequestInterceptor(FenceAsync);
            return page;
        }
        catch
        {
            await DiscardAsync(page);
            throw;
        }
    }

    private static Task FenceAsync(IRequest request)
    {
        var url = request.Url;
        return url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || url == "about:blank"
            ? request.ContinueAsync()
            : request.AbortAsync(RequestAbortErrorCode.BlockedByClient);
    }

    private async Task<IBrowser> BrowserAsync(string path, CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running && running.Process is { HasExited: false })
            return running;
        await _launch.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } current && current.Process is { HasExited: false })
                return current;
            if (_browser is not null)
            {
                _logger.LogWarning("Chromium is gone (crashed or killed); starting it again");
                await CloseAsync(_browser);
                _browser = null;
            }
            _browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = path,
                Browser = SupportedBrowser.Chromium,
                Headless = true,
                Timeout = _options.TimeoutSeconds * 1000,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--no-default-browser-check", "--mute-audio",
                    // Nothing listens on port 9 (discard): every request through the proxy fails at once.
                    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                ],
            }, _loggers).WaitAsync(ct);
            Interlocked.Increment(ref _launches);
            _logger.LogInformation("Chromium started for PDF printing (pid {Pid})", _browser.Process?.Id);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task DiscardAsync(IPage page)
    {
        try
        {
            if (!page.IsClosed && page.Browser.IsConnected)
                await page.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogDebug(e, "A chromium tab could not be closed");
        }
    }

    private async Task CloseAsync(IBrowser browser)
    {
        try
        {
            if (browser.IsConnected)
                await browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogDebug(e, "Chromium did not close cleanly");
        }
        try
        {
            if (browser.Process is { HasExited: false } process)
                process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            _logger.LogDebug(e, "Chromium process could not be killed");
        }
        await browser.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await _launch.WaitAsync();
        try
        {
            if (_browser is not null)
                await CloseAsync(_browser);
            _browser = null;
        }
        finally
        {
            _launch.Release();
        }
    }
}
