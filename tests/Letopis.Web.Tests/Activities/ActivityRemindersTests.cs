using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Letopis.Core.Notifications;
using Letopis.TestKit;
using Letopis.Web.Tests.Notifications;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using netDumbster.smtp;

namespace Letopis.Web.Tests.Activities;

public class ActivityRemindersTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PlannedCall_WithAReminder_SendsAnEmailToARealSmtpServerBeforeTheCall(string provider)
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
        var s = await ActivityScenario.CreateAsync(host, employeeEmail: "kuznetsov@example.ru");
        // The head plans it; the reminder goes to the one who makes the call.
        var call = await s.PlanAsync(s.HeadClient, new
        {
            kind = "call",
            subject = "Согласовать спецификацию",
            plannedAt = s.Now + TimeSpan.FromHours(2),
            remindBeforeMinutes = 30,
            assigneeId = s.Employee.Id,
            counterpartyId = s.CounterpartyId,
            contactId = s.ContactId,
        });

        (await FiredAsync(host, s.Employee.Id)).ShouldBe(0);
        host.Clock.Advance(TimeSpan.FromMinutes(90));
        (await FiredAsync(host, s.Employee.Id)).ShouldBe(1);

        smtp.ReceivedEmailCount.ShouldBe(1);
        var received = smtp.ReceivedEmail[0];
        received.ToAddresses.Select(a => a.Address).ShouldBe(["kuznetsov@example.ru"]);
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));
        message.Subject.ShouldBe("Напоминание: Звонок: Согласовать спецификацию");
        message.TextBody!.ShouldContain("Миронов Сергей Петрович");
        message.TextBody!.ShouldContain("+7 916 555-12-34");
        message.TextBody!.ShouldContain($"/activities/{call.GetProperty("id").GetGuid()}");
        var notification = await host.WithDbAsync(db => db.Notifications.SingleAsync(n => n.UserId == s.Employee.Id));
        notification.Email.ShouldBe(EmailState.Sent);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reminders_FollowAMove_StopOnCompletion_AndFireWhenOverdue(string provider)
    {
        using var host = ReminderDispatchTests.Started(new LetopisHost(provider));
        var s = await ActivityScenario.CreateAsync(host);
        var moved = await s.PlanAsync(s.EmployeeClient, new { kind = "call", subject = "Перенесённый звонок", plannedAt = s.Now + TimeSpan.FromHours(2), remindBeforeMinutes = 30 });
        var completed = await s.PlanAsync(s.EmployeeClient, new { kind = "call", subject = "Сделанный звонок", plannedAt = s.Now + TimeSpan.FromHours(1), remindBeforeMinutes = 15 });
        var forgotten = await s.PlanAsync(s.EmployeeClient, new { kind = "letter", subject = "Забытое письмо", plannedAt = s.Now + TimeSpan.FromHours(1) });

        (await s.EmployeeClient.PatchAsJsonAsync($"/api/v1/activities/{moved.GetProperty("id").GetGuid()}",
            new { plannedAt = s.Now + TimeSpan.FromHours(5) })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await s.EmployeeClient.PostAsJsonAsync($"/api/v1/activities/{completed.GetProperty("id").GetGuid()}/complete",
            new { result = "Дозвонился заранее" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // 1 h 31 min: the moved call's old reminder (1 h 30 min) and the done call's (45 min) are gone.
        host.Clock.Advance(TimeSpan.FromMinutes(91));
        (await FiredAsync(host, s.Employee.Id)).ShouldBe(0);
        // 2 h 01 min: the letter planned for 1 h is an hour overdue.
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        (await FiredAsync(host, s.Employee.Id)).ShouldBe(1);
        // 4 h 31 min: half an hour before the moved call's new time.
        host.Clock.Advance(TimeSpan.FromMinutes(150));
        (await FiredAsync(host, s.Employee.Id)).ShouldBe(2);

        var titles = await host.WithDbAsync(db => db.Notifications.Where(n => n.UserId == s.Employee.Id).OrderBy(n => n.CreatedAt).Select(n => n.Title).ToListAsync());
        titles.ShouldBe(["Просрочено — Письмо: Забытое письмо", "Звонок: Перенесённый звонок"]);
        var bell = await s.EmployeeClient.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        bell.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("link").GetString())
            .ShouldContain($"/activities/{forgotten.GetProperty("id").GetGuid()}");
    }

    /// <summary>
    /// Runs the dispatcher and counts the user's notifications. Moving the clock past the poll period
    /// also wakes the host's own dispatcher; both take the same gate, so after this run every due
    /// reminder has fired, whichever of the two fired it.
    /// </summary>
    private static async Task<int> FiredAsync(LetopisHost host, Guid userId)
    {
        await ReminderDispatchTests.RunDispatcherAsync(host);
        return await host.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == userId));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
