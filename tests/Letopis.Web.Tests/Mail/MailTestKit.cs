using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Letopis.Core.Mail;
using Letopis.TestKit;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Letopis.Web.Tests.Mail;

/// <summary>Hosts that send mail to a port of the test's choosing, a client with a contact and a document file, and the sender run on demand.</summary>
internal static class MailTestKit
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A started host whose SMTP server is 127.0.0.1:<paramref name="port"/>; the sender polls only when a test asks.</summary>
    public static LetopisHost Host(string provider, int port, string? connectionString = null, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Letopis:Smtp:Host"] = "127.0.0.1",
            ["Letopis:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Letopis:Smtp:From"] = "Летопись <letopis@example.ru>",
            ["Letopis:Smtp:UseTls"] = "none",
            ["Letopis:Mail:PollSeconds"] = "86400",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
            settings[k] = v;
        var host = new LetopisHost(provider, connectionString, settings);
        _ = host.Server;
        return host;
    }

    /// <summary>Runs this node's sender now (after any run the new letter woke up), returning how many letters it tried.</summary>
    public static async Task<int> DeliverAsync(LetopisHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<DeliverEmails>().RunOnceAsync(CancellationToken.None);
    }

    public sealed record Client(Guid CounterpartyId, Guid ContactId, string Email);

    public static async Task<Client> ClientAsync(HttpClient http, string name = "ООО «Ромашка»")
    {
        var counterpartyId = await FileTestKit.CounterpartyAsync(http, $"{name} {Guid.NewGuid().ToString("N")[..6]}");
        var email = $"ivanov.{Guid.NewGuid().ToString("N")[..6]}@romashka.example.ru";
        var response = await http.PostAsJsonAsync($"/api/v1/counterparties/{counterpartyId}/contacts", new { fullName = "Иванов Иван Иванович", email });
        var contact = await FileTestKit.CreatedAsync(response);
        return new Client(counterpartyId, contact.GetProperty("id").GetGuid(), email);
    }

    /// <summary>A file of a contract of the counterparty, uploaded through the API.</summary>
    public static async Task<(Guid DocumentId, Guid FileId)> FileAsync(LetopisHost host, HttpClient http, Guid? responsibleId, Guid counterpartyId,
        byte[] bytes, string name)
    {
        var documentId = await FileTestKit.DocumentAsync(host, responsibleId, counterpartyId: counterpartyId);
        var file = await FileTestKit.CreatedAsync(await FileTestKit.UploadAsync(http, $"/api/v1/documents/{documentId}/files", bytes, name));
        return (documentId, file.GetProperty("id").GetGuid());
    }

    /// <summary>A small but real-looking PDF: what matters is that the bytes arrive unchanged.</summary>
    public static byte[] PdfOf(string text) =>
        Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text}\n")
            .Concat(FileTestKit.RandomBytes(3000, text.Length)).Concat(Encoding.ASCII.GetBytes("\n%%EOF\n")).ToArray();

    public static async Task<JsonElement> GetEmailAsync(HttpClient http, Guid id)
    {
        var response = await http.GetAsync($"/api/v1/emails/{id}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static MimeMessage Parse(string raw) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));

    public static byte[] Bytes(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}

/// <summary>
/// The smallest SMTP server: it refuses recipients named <c>nobody@…</c> with a 550, as a real
/// server does for a mailbox that does not exist, and accepts the rest.
/// </summary>
internal sealed class RefusingSmtpServer : IDisposable
{
    public const string Refusal = "5.1.1 <nobody@romashka.example.ru>: Recipient address rejected: User unknown";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public RefusingSmtpServer()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Recipients;

    public int Accepted;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 refusing.example.ru ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (command)
            {
                case "EHLO":
                case "HELO":
                    await writer.WriteLineAsync("250 refusing.example.ru");
                    break;
                case "RCPT" when line.Contains("nobody@", StringComparison.OrdinalIgnoreCase):
                    Interlocked.Increment(ref Recipients);
                    await writer.WriteLineAsync("550 " + Refusal);
                    break;
                case "RCPT":
                    Interlocked.Increment(ref Recipients);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 Go ahead");
                    while (await reader.ReadLineAsync() is { } data && data != ".")
                    {
                    }
                    Interlocked.Increment(ref Accepted);
                    await writer.WriteLineAsync("250 Queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
