using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Letopis.TestKit;
using MimeKit;
using netDumbster.smtp;

namespace Letopis.Web.Tests.Notifications;

/// <summary>Reminder e-mails give the due time on the recipient's clock and say whose clock it is.</summary>
public sealed class ReminderEmailTimeZoneTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReminderEmail_ShowsTheDueTimeInEachRecipientsZone_WithTheZoneNamed(string provider)
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        using var host = ReminderDispatchTests.Started(new LetopisHost(provider, settings: new Dictionary<string, string?>
        {
            ["Letopis:Smtp:Host"] = "127.0.0.1",
            ["Letopis:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Letopis:Smtp:From"] = "Летопись <letopis@example.ru>",
            ["Letopis:Smtp:UseTls"] = "none",
        }));
        var vladivostok = await host.CreateUserAsync(email: "vladivostok@example.ru");
        var novosibirsk = await host.CreateUserAsync(email: "novosibirsk@example.ru");
        var admin = await host.AdminAsync();
        (await admin.PatchAsJsonAsync($"/api/v1/users/{vladivostok.Id}", new { timeZone = "Asia/Vladivostok" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PatchAsJsonAsync($"/api/v1/users/{novosibirsk.Id}", new { timeZone = "Asia/Novosibirsk", culture = "en" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        // 05:30 UTC: 15:30 in Vladivostok, 12:30 in Novosibirsk.
        var due = new DateTime(2026, 11, 27, 5, 30, 0, DateTimeKind.Utc);
        await ReminderDispatchTests.AddReminderAsync(host, vladivostok.Id, due, "Приёмка этажа", sendEmail: true);
        await ReminderDispatchTests.AddReminderAsync(host, novosibirsk.Id, due, "Floor acceptance", sendEmail: true);

        (await ReminderDispatchTests.RunDispatcherAsync(host)).ShouldBe(2);

        smtp.ReceivedEmailCount.ShouldBe(2);
        string Body(string to)
        {
            var received = smtp.ReceivedEmail.Single(m => m.ToAddresses.Any(a => a.Address == to));
            return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data))).TextBody!;
        }
        Body("vladivostok@example.ru").ShouldContain("Срок: 27.11.2026 15:30 (Владивосток, UTC+10)");
        Body("novosibirsk@example.ru").ShouldContain("Due: 27.11.2026 12:30 (Novosibirsk, UTC+7)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
