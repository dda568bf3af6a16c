using System.Net.Http.Json;
using Letopis.TestKit;
using static Letopis.Web.Tests.Correspondence.CorrespondenceTestKit;

namespace Letopis.Web.Tests.Correspondence;

/// <summary>
/// Due-date reminders and overdue notices through the reminders engine, with time moved on a host of
/// the test's own. The host starts on Friday 27 November 2026, 09:00 in Moscow; the assignments are due
/// Wednesday 2 December: reminded Tuesday 1 December at 09:00, overdue from Thursday 3 December.
/// </summary>
public class AssignmentReminderTests
{
    private static readonly DateTimeOffset Tuesday10 = new(2026, 12, 1, 7, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Thursday10 = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);

    private const string Due = "Срок поручения 02.12.2026";

    private const string Overdue = "Просрочено поручение (срок 02.12.2026)";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DueDate_TimeMoved_RemindsExecutorsThenTellsExecutorsAndControllerOverdueOnce(string provider)
    {
        using var host = new LetopisHost(provider);
        _ = host.Server;
        var p = await PeopleAsync(host);
        var letterId = (await IncomingAsync(p.SecretaryClient, p.Head.Id)).GetProperty("id").GetGuid();
        var resolution = await TwoAssignmentsAsync(p, letterId, dueOn: "2026-12-02");
        var first = resolution.Assignments.Single(a => a.Executor.Id == p.Lead.Id);

        host.Clock.SetUtcNow(Tuesday10);
        await RunDispatcherAsync(host);
        await RunDispatcherAsync(host);
        foreach (var executor in new[] { p.Lead, p.CoExecutor, p.Second })
            (await TitlesAsync(host, executor.Id)).Count(t => t.StartsWith(Due)).ShouldBe(1, executor.Login);
        (await TitlesAsync(host, p.Head.Id)).ShouldNotContain(t => t.StartsWith(Due), "the controller is not reminded");
        (await TitlesAsync(host, p.Lead.Id)).ShouldNotContain(t => t.StartsWith(Overdue));

        host.Clock.SetUtcNow(Thursday10);
        await RunDispatcherAsync(host);
        await RunDispatcherAsync(host);
        foreach (var person in new[] { p.Lead, p.CoExecutor, p.Second })
            (await TitlesAsync(host, person.Id)).Count(t => t.StartsWith(Overdue)).ShouldBe(1, person.Login);
        // The controller gets one notice per overdue assignment of theirs.
        (await TitlesAsync(host, p.Head.Id)).Count(t => t.StartsWith(Overdue)).ShouldBe(2);
        (await TitlesAsync(host, p.Outsider.Id)).ShouldBeEmpty();

        var co = await host.ClientAsync(p.CoExecutor.Login, p.CoExecutor.Password);
        var overdue = await ListAsync(co, "mine=true&overdue=true");
        overdue.Items.Select(i => i.Id).ShouldBe([first.Id]);
        overdue.Items.Single().Overdue.ShouldBeTrue();
        (await co.GetFromJsonAsync<Core.Correspondence.AssignmentCountsDto>("/api/v1/assignments/count", Json))!.MineOverdue.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Accept_BeforeTheDueDate_CancelsTheRemindersAndTheOverdueNotice(string provider)
    {
        using var host = new LetopisHost(provider);
        _ = host.Server;
        var p = await PeopleAsync(host);
        var letterId = (await IncomingAsync(p.SecretaryClient, p.Head.Id)).GetProperty("id").GetGuid();
        var first = (await TwoAssignmentsAsync(p, letterId, dueOn: "2026-12-02")).Assignments.Single(a => a.Executor.Id == p.Lead.Id);
        await OkAsync(await p.LeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/report", new { text = "Готово" }));
        await OkAsync(await p.HeadClient.PostAsJsonAsync($"/api/v1/assignments/{first.Id}/accept", new { }));

        host.Clock.SetUtcNow(Thursday10);
        await RunDispatcherAsync(host);

        (await TitlesAsync(host, p.Lead.Id)).ShouldNotContain(t => t.StartsWith(Due) || t.StartsWith(Overdue));
        (await TitlesAsync(host, p.CoExecutor.Id)).ShouldNotContain(t => t.StartsWith(Due) || t.StartsWith(Overdue));
        (await TitlesAsync(host, p.Second.Id)).Count(t => t.StartsWith(Overdue)).ShouldBe(1, "the other assignment is still open");
        (await TitlesAsync(host, p.Head.Id)).Count(t => t.StartsWith(Overdue)).ShouldBe(1);
    }
}
