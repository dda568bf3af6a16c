using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Letopis.Core.Data;
using Letopis.Core.Notifications;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;

namespace Letopis.Web.Tests.Notifications;

public class ReminderDispatchTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RunOnce_OnTwoNodesSharingOneDatabase_FiresEachReminderExactlyOnce(string provider)
    {
        // Small batches, so that the nodes need many rounds and really race for the same rows.
        var small = new Dictionary<string, string?> { ["Letopis:Reminders:BatchSize"] = "7" };
        using var nodeA = Started(new LetopisHost(provider, settings: small));
        using var nodeB = Started(new LetopisHost(provider, nodeA.ConnectionString, small));
        var user = await nodeA.CreateUserAsync();
        var ids = await AddDueRemindersAsync(nodeA, user.Id, 200);

        var firedA = 0;
        var firedB = 0;
        for (var round = 0; round < 40; round++)
        {
            var runs = await Task.WhenAll(
                RunDispatcherAsync(nodeA), RunDispatcherAsync(nodeB), RunDispatcherAsync(nodeA), RunDispatcherAsync(nodeB));
            firedA += runs[0] + runs[2];
            firedB += runs[1] + runs[3];
        }

        (firedA + firedB).ShouldBe(200);
        await nodeB.WithDbAsync(async db =>
        {
            var notifications = await db.Notifications.Where(n => n.UserId == user.Id).ToListAsync();
            notifications.Count.ShouldBe(200);
            notifications.Select(n => n.ReminderId!.Value).Order().ShouldBe(ids.Order());
            (await db.Reminders.CountAsync(r => ids.Contains(r.Id) && r.FiredAt != null)).ShouldBe(200);
            return 0;
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ClaimDue_RacedByTwoNodes_HandsEachReminderToOneNode(string provider)
    {
        using var nodeA = Started(new LetopisHost(provider));
        using var nodeB = Started(new LetopisHost(provider, nodeA.ConnectionString));
        var user = await nodeA.CreateUserAsync();
        var ids = await AddDueRemindersAsync(nodeA, user.Id, 200);
        var now = LetopisHost.Start.UtcDateTime;

        var claims = new ConcurrentBag<(string Node, Guid Id)>();
        async Task ClaimLoopAsync(LetopisHost host, string name)
        {
            // Bounded: a claimer that hands out claimed rows again must fail this test, not hang it.
            for (var round = 0; round < 100; round++)
            {
                await using var scope = host.Scope();
                var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
                var claimer = scope.ServiceProvider.GetServices<IReminderClaimer>().Single(c => c.ProviderKind == db.ProviderKind);
                var got = await claimer.ClaimDueAsync(db, name, now, now.AddMinutes(5), 5, CancellationToken.None);
                if (got.Count == 0)
                    return;
                foreach (var id in got)
                    claims.Add((name, id));
            }
        }

        await Task.WhenAll(ClaimLoopAsync(nodeA, "a1"), ClaimLoopAsync(nodeA, "a2"), ClaimLoopAsync(nodeB, "b1"), ClaimLoopAsync(nodeB, "b2"));

        claims.Count.ShouldBe(200);
        claims.Select(c => c.Id).Distinct().Count().ShouldBe(200);
        claims.Select(c => c.Id).Order().ShouldBe(ids.Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RunOnce_ReminderDueTomorrow_FiresOnlyAfterTheClockGetsThere(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var user = await host.CreateUserAsync();
        await AddReminderAsync(host, user.Id, LetopisHost.Start.UtcDateTime.AddDays(1), "Позвонить в ООО «Ромашка»");

        (await RunDispatcherAsync(host)).ShouldBe(0);
        host.Clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        (await RunDispatcherAsync(host)).ShouldBe(0);
        (await CountNotificationsAsync(host, user.Id)).ShouldBe(0);

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunDispatcherAsync(host);

        (await CountNotificationsAsync(host, user.Id)).ShouldBe(1);
        (await RunDispatcherAsync(host)).ShouldBe(0);
        (await CountNotificationsAsync(host, user.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task RunOnce_WithSmtpConfigured_SendsTheReminderInRussianToARealSmtpServer()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        using var host = Started(new LetopisHost(TestDatabases.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Letopis:Smtp:Host"] = "127.0.0.1",
            ["Letopis:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Letopis:Smtp:From"] = "Летопись <letopis@example.ru>",
            ["Letopis:Smtp:UseTls"] = "none",
        }));
        var user = await host.CreateUserAsync(email: "ivanova@example.ru");
        // 05:30 UTC is 08:30 in Moscow.
        var reminderId = await AddReminderAsync(host, user.Id, new DateTime(2026, 11, 27, 5, 30, 0, DateTimeKind.Utc),
            "Подписать договор № 17", sendEmail: true, body: "Оригинал у юриста", link: "/documents/17");

        (await RunDispatcherAsync(host)).ShouldBe(1);

        smtp.ReceivedEmailCount.ShouldBe(1);
        var received = smtp.ReceivedEmail[0];
        received.ToAddresses.Select(a => a.Address).ShouldBe(["ivanova@example.ru"]);
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));
        message.Subject.ShouldBe("Напоминание: Подписать договор № 17");
        message.TextBody!.ShouldContain("Оригинал у юриста");
        message.TextBody!.ShouldContain("Срок: 27.11.2026 08:30 (Москва, UTC+3)");
        message.TextBody!.ShouldContain("Открыть в Летописи: /documents/17");
        message.HtmlBody!.ShouldContain("<h2>Подписать договор № 17</h2>");

        var state = await host.WithDbAsync(db => db.Notifications.SingleAsync(n => n.ReminderId == reminderId));
        state.Email.ShouldBe(EmailState.Sent);
        state.EmailedAt.ShouldBe(LetopisHost.Start.UtcDateTime);
    }

    [Fact]
    public async Task RunOnce_WhenSmtpServerIsDown_MarksTheEmailFailedWithTheReason()
    {
        var port = FreePort();
        using var host = Started(new LetopisHost(TestDatabases.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Letopis:Smtp:Host"] = "127.0.0.1",
            ["Letopis:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Letopis:Smtp:From"] = "letopis@example.ru",
            ["Letopis:Smtp:UseTls"] = "none",
        }));
        var user = await host.CreateUserAsync(email: "petrov@example.ru");
        var reminderId = await AddReminderAsync(host, user.Id, LetopisHost.Start.UtcDateTime, "Сдать акт", sendEmail: true);

        (await RunDispatcherAsync(host)).ShouldBe(1);

        var state = await host.WithDbAsync(db => db.Notifications.SingleAsync(n => n.ReminderId == reminderId));
        state.Email.ShouldBe(EmailState.Failed);
        state.EmailError.ShouldNotBeNullOrEmpty();
        state.EmailedAt.ShouldBeNull();
    }

    [Fact]
    public async Task RunOnce_WithoutSmtp_RecordsThatNoEmailWasSent()
    {
        using var host = Started(new LetopisHost(TestDatabases.Sqlite));
        var withAddress = await host.CreateUserAsync(email: "sidorov@example.ru");
        var withoutAddress = await host.CreateUserAsync();
        var a = await AddReminderAsync(host, withAddress.Id, LetopisHost.Start.UtcDateTime, "Отправить счёт", sendEmail: true);
        var b = await AddReminderAsync(host, withoutAddress.Id, LetopisHost.Start.UtcDateTime, "Отправить счёт", sendEmail: true);

        (await RunDispatcherAsync(host)).ShouldBe(2);

        (await host.WithDbAsync(db => db.Notifications.SingleAsync(n => n.ReminderId == a))).Email.ShouldBe(EmailState.NotRequested);
        (await host.WithDbAsync(db => db.Notifications.SingleAsync(n => n.ReminderId == b))).Email.ShouldBe(EmailState.NoAddress);
    }

    internal static LetopisHost Started(LetopisHost host)
    {
        _ = host.Server;
        return host;
    }

    internal static async Task<int> RunDispatcherAsync(LetopisHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunOnceAsync(CancellationToken.None);
    }

    internal static Task<Guid> AddReminderAsync(
        LetopisHost host, Guid userId, DateTime dueAt, string title, bool sendEmail = false, string? body = null, string? link = null) =>
        host.WithDbAsync(async db =>
        {
            var reminder = new Reminder
            {
                UserId = userId,
                DueAt = dueAt,
                Title = title,
                Body = body,
                Link = link,
                SendEmail = sendEmail,
                CreatedAt = host.Clock.GetUtcNow().UtcDateTime,
            };
            db.Reminders.Add(reminder);
            await db.SaveChangesAsync();
            return reminder.Id;
        });

    private static Task<List<Guid>> AddDueRemindersAsync(LetopisHost host, Guid userId, int count) =>
        host.WithDbAsync(async db =>
        {
            var start = LetopisHost.Start.UtcDateTime;
            var reminders = Enumerable.Range(0, count).Select(i => new Reminder
            {
                UserId = userId,
                DueAt = start.AddMinutes(-i),
                Title = $"Напоминание {i}",
                CreatedAt = start.AddDays(-1),
            }).ToList();
            db.Reminders.AddRange(reminders);
            await db.SaveChangesAsync();
            return reminders.Select(r => r.Id).ToList();
        });

    private static Task<int> CountNotificationsAsync(LetopisHost host, Guid userId) =>
        host.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == userId));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
