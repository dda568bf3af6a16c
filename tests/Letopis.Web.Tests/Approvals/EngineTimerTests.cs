using System.Net;
using System.Net.Http.Json;
using Letopis.Core.Approvals;
using Letopis.Core.Documents;
using Letopis.TestKit;
using Letopis.Web.Tests.Documents;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Approvals.EngineTestKit;

namespace Letopis.Web.Tests.Approvals;

/// <summary>Deadlines through the reminders engine with time moved on a host of the test's own; restarts; two nodes.</summary>
public class EngineTimerTests
{
    /// <summary>Friday 27 November 2026 09:00 Moscow; two working days: due Tuesday 1 December, reminded Monday 30 November at 09:00.</summary>
    private static readonly DateTimeOffset Monday10 = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Wednesday10 = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    private sealed record Arranged(TestUser Author, TestUser Approver, TestUser Head, TestUser Watcher, Guid Document);

    private static async Task<Arranged> ArrangeAsync(LetopisHost host)
    {
        var head = await host.CreateUserAsync();
        var department = await host.CreateDepartmentAsync("Бухгалтерия", headId: head.Id);
        var approver = await host.CreateUserAsync(departmentId: department);
        var watcher = await host.CreateUserAsync();
        var author = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition
        {
            Stages = [Stage("money", ApprovalMode.All, approver.Id) with { Days = 2, RemindDaysBefore = 1, NotifyOnOverdue = [watcher.Id] }],
        });
        var document = await DocumentAsync(host, type, author.Id);
        await StartAsync(await host.ClientAsync(author.Login, author.Password), document);
        return new Arranged(author, approver, head, watcher, document);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deadline_Passed_RemindsThenEscalatesOnceAndRequiresDelayReason(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var a = await ArrangeAsync(host);
        var approverClient = await host.ClientAsync(a.Approver.Login, a.Approver.Password);
        var task = (await InboxTaskAsync(approverClient, a.Document))!;
        task.DueAt.ShouldBe(new DateTimeOffset(2026, 12, 1, 20, 59, 59, TimeSpan.Zero), "the end of Tuesday in Moscow");
        task.Overdue.ShouldBeFalse();

        host.Clock.SetUtcNow(Monday10);
        await RunDispatcherAsync(host);
        (await TitlesAsync(host, a.Approver.Id)).ShouldContain(t => t.StartsWith("Срок согласования 01.12.2026"));
        (await TitlesAsync(host, a.Head.Id)).ShouldBeEmpty();

        host.Clock.SetUtcNow(Wednesday10);
        await RunDispatcherAsync(host);
        await RunDispatcherAsync(host);
        (await TitlesAsync(host, a.Head.Id)).Count(t => t.StartsWith("Просрочено согласование")).ShouldBe(1);
        (await TitlesAsync(host, a.Watcher.Id)).Count(t => t.StartsWith("Просрочено согласование")).ShouldBe(1);
        // Days later the old token has expired: sign in again.
        approverClient = await host.ClientAsync(a.Approver.Login, a.Approver.Password);
        var count = await approverClient.GetFromJsonAsync<Web.Api.ApprovalCountDto>("/api/v1/approval-tasks/count", Json);
        count.ShouldBe(new Web.Api.ApprovalCountDto(1, 1));
        (await InboxTaskAsync(approverClient, a.Document))!.Overdue.ShouldBeTrue();

        var rowsBefore = await RowsAsync(host);
        var refused = await DecideAsync(approverClient, task.TaskId, "approve");
        (await DocumentTestData.ProblemAsync(refused, HttpStatusCode.BadRequest)).FieldCodes("delayReason").ShouldBe(["required"]);
        (await RowsAsync(host)).ShouldBe(rowsBefore);

        var route = await DecidedAsync(approverClient, task.TaskId, "approve", delayReason: "Ждал подписанный акт сверки");

        var decided = route.Stages[0].Tasks.Single();
        decided.DelayReason.ShouldBe("Ждал подписанный акт сверки");
        decided.Overdue.ShouldBeTrue();
        route.Status.ShouldBe("approved");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Decide_BeforeDeadline_CancelsTheTasksReminders(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var a = await ArrangeAsync(host);
        var approverClient = await host.ClientAsync(a.Approver.Login, a.Approver.Password);
        var task = (await InboxTaskAsync(approverClient, a.Document))!;

        await DecidedAsync(approverClient, task.TaskId, "approve");
        host.Clock.SetUtcNow(Wednesday10);
        await RunDispatcherAsync(host);

        (await TitlesAsync(host, a.Approver.Id)).ShouldNotContain(t => t.StartsWith("Срок согласования"));
        (await TitlesAsync(host, a.Head.Id)).ShouldBeEmpty();
        (await TitlesAsync(host, a.Watcher.Id)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Escalation_OnTwoNodesAtOnce_IsSentOnce(string provider)
    {
        using var nodeA = Started(new LetopisHost(provider));
        using var nodeB = Started(new LetopisHost(provider, nodeA.ConnectionString));
        var a = await ArrangeAsync(nodeA);

        nodeA.Clock.SetUtcNow(Wednesday10);
        nodeB.Clock.SetUtcNow(Wednesday10);
        for (var round = 0; round < 3; round++)
            await Task.WhenAll(RunDispatcherAsync(nodeA), RunDispatcherAsync(nodeB), RunDispatcherAsync(nodeA), RunDispatcherAsync(nodeB));

        (await TitlesAsync(nodeB, a.Head.Id)).Count(t => t.StartsWith("Просрочено согласование")).ShouldBe(1);
        (await TitlesAsync(nodeB, a.Watcher.Id)).Count(t => t.StartsWith("Просрочено согласование")).ShouldBe(1);
        (await TitlesAsync(nodeA, a.Approver.Id)).Count(t => t.StartsWith("Срок согласования")).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Route_ServerRestartedMidway_ContinuesWhereItStood(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("letopis-restart-").FullName;
        var connection = TestDatabases.CreateEmpty(provider, folder);
        var settings = new Dictionary<string, string?> { ["Letopis:DataDir"] = folder };
        TestUser author, first, second;
        Guid document;
        using (var before = Started(new LetopisHost(provider, connection, settings)))
        {
            author = await before.CreateUserAsync();
            first = await before.CreateUserAsync();
            second = await before.CreateUserAsync();
            var type = await TypeAsync(before);
            await PublishAsync(before, type, new ApprovalDefinition
            {
                Stages = [Stage("one", ApprovalMode.All, first.Id), Stage("two", ApprovalMode.All, second.Id)],
            });
            document = await DocumentAsync(before, type, author.Id);
            await StartAsync(await before.ClientAsync(author.Login, author.Password), document);
            var firstClient = await before.ClientAsync(first.Login, first.Password);
            await DecidedAsync(firstClient, (await InboxTaskAsync(firstClient, document))!.TaskId, "approve");
        }

        using var after = Started(new LetopisHost(provider, connection, settings));
        var secondClient = await after.ClientAsync(second.Login, second.Password);
        var task = (await InboxTaskAsync(secondClient, document)).ShouldNotBeNull();
        var route = await DecidedAsync(secondClient, task.TaskId, "approve");

        route.Status.ShouldBe("approved");
        route.Stages.Select(s => s.Status).ShouldBe(["approved", "approved"]);
        (await StatusAsync(after, document)).ShouldBe(DocumentStatus.Approved);
    }

    private static Task<List<string>> TitlesAsync(LetopisHost host, Guid userId) =>
        host.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).Select(n => n.Title).ToListAsync());

    private static Task<(int, int, int, int)> RowsAsync(LetopisHost host) =>
        host.WithDbAsync(async db => (
            await db.ApprovalTaskFiles.CountAsync(),
            await db.ChangeRecords.CountAsync(),
            await db.ApprovalTasks.CountAsync(t => t.Status == ApprovalTaskStatus.Pending),
            await db.Notifications.CountAsync()));
}
