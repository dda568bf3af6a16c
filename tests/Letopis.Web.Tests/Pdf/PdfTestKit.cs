using System.Net;
using System.Net.Sockets;
using Letopis.Infrastructure.Pdf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;

namespace Letopis.Web.Tests.Pdf;

/// <summary>One warm engine for a test class: the browser starts once, as it does on a server.</summary>
public sealed class PdfEngineFixture : IAsyncLifetime
{
    public PdfEngine Engine { get; } = PdfTestKit.Engine(new PdfOptions());

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Engine.DisposeAsync().AsTask();
}

public static class PdfTestKit
{
    public static PdfEngine Engine(PdfOptions options) =>
        new(Options.Create(options), TimeProvider.System, NullLoggerFactory.Instance);

    public static string Html(string body, string style = "") =>
        $"<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><style>{style}</style></head><body>{body}</body></html>";

    public static PdfDocument Open(byte[] pdf)
    {
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        return PdfDocument.Open(pdf);
    }

    /// <summary>The text of every page, words joined by spaces (PdfPig's letters carry no spaces).</summary>
    public static string Text(byte[] pdf)
    {
        using var document = Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }
}

/// <summary>A TCP port that counts every connection made to it: a fetch of any kind would show here.</summary>
public sealed class ConnectionCounter : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private int _connections;

    public ConnectionCounter()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref _connections);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    public void Dispose() => _listener.Stop();
}
