using System.Net;
using System.Net.Http.Json;
using Letopis.Core.Access;
using Letopis.Core.Approvals;
using Letopis.Core.Documents;
using Letopis.TestKit;
using Letopis.Web.Api;
using Letopis.Web.Tests.Documents;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Approvals.EngineTestKit;

namespace Letopis.Web.Tests.Approvals;

public class EngineRouteTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Decide_SequentialThenParallelStages_RunsToApproval(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var lawyer = await host.CreateUserAsync();
        var accountant = await host.CreateUserAsync();
        var director = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition
        {
            Stages = [Stage("law", ApprovalMode.All, lawyer.Id), Stage("money", ApprovalMode.All, accountant.Id, director.Id)],
        });
        var counterparty = await DocumentTestData.CounterpartyAsync(await host.AdminAsync());
        var document = await DocumentAsync(host, type, author.Id, counterpartyId: counterparty);
        var authorClient = await host.ClientAsync(author.Login, author.Password);

        var route = await StartAsync(authorClient, document);

        route.Status.ShouldBe("running");
        route.SchemeVersion.ShouldBe(1);
        route.StartedBy.Id.ShouldBe(author.Id);
        route.Stages.Select(s => s.Status).ShouldBe(["active", "pending"]);
        (await StatusAsync(host, document)).ShouldBe(DocumentStatus.OnApproval);
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var lawTask = (await InboxTaskAsync(lawyerClient, document)).ShouldNotBeNull();
        lawTask.Author.Id.ShouldBe(author.Id);
        (await NoticesAsync(host, lawyer.Id)).ShouldContain(t => t.StartsWith("Согласуйте:"));

        route = await DecidedAsync(lawyerClient, lawTask.TaskId, "approve");

        route.Stages.Select(s => s.Status).ShouldBe(["approved", "active"]);
        var bound = route.Stages[0].Tasks.Single().Files.Single();
        bound.Sha256.Length.ShouldBe(64);
        bound.Version.ShouldBe(1);
        var accountantClient = await host.ClientAsync(accountant.Login, accountant.Password);
        var directorClient = await host.ClientAsync(director.Login, director.Password);
        var accountantTask = (await InboxTaskAsync(accountantClient, document)).ShouldNotBeNull();
        var directorTask = (await InboxTaskAsync(directorClient, document)).ShouldNotBeNull();
        await DecidedAsync(accountantClient, accountantTask.TaskId, "approve");
        (await StatusAsync(host, document)).ShouldBe(DocumentStatus.OnApproval);

        route = await DecidedAsync(directorClient, directorTask.TaskId, "approve");

        route.Status.ShouldBe("approved");
        route.FinishedAt.ShouldNotBeNull();
        route.Stages.Select(s => s.Status).ShouldBe(["approved", "approved"]);
        (await StatusAsync(host, document)).ShouldBe(DocumentStatus.Approved);
        (await InboxTaskAsync(directorClient, document)).ShouldBeNull();
        (await NoticesAsync(host, author.Id)).ShouldContain(t => t.StartsWith("Согласовано:"));
        var timeline = await host.WithDbAsync(db => db.TimelineEvents.Where(e => e.CounterpartyId == counterparty).Select(e => e.Kind).ToListAsync());
        timeline.Count(k => k == ApprovalNotices.TimelineApproved).ShouldBe(3);
        timeline.Count(k => k == "document_status").ShouldBe(2);
        var history = await host.WithDbAsync(db => db.ChangeRecords.CountAsync(c => c.EntityId == document && c.Field == ApprovalNotices.HistoryField));
        history.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Decide_Reject_EndsRouteAndReturnsDocumentToAuthorWithComment(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var lawyer = await host.CreateUserAsync();
        var accountant = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition
        {
            Stages = [Stage("both", ApprovalMode.All, lawyer.Id, accountant.Id), Stage("next", ApprovalMode.All, author.Id)],
        });
        var document = await DocumentAsync(host, type, author.Id);
        await StartAsync(await host.ClientAsync(author.Login, author.Password), document);
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var task = (await InboxTaskAsync(lawyerClient, document))!;

        var route = await DecidedAsync(lawyerClient, task.TaskId, "reject", "Не та редакция договора");

        route.Status.ShouldBe("rejected");
        route.Outcome.ShouldBe("Не та редакция договора");
        route.Stages.Select(s => s.Status).ShouldBe(["rejected", "stopped"]);
        route.Stages[0].Tasks.Single(t => t.Assignee!.Id == accountant.Id).Status.ShouldBe("closed");
        (await StatusAsync(host, document)).ShouldBe(DocumentStatus.Rejected);
        (await InboxTaskAsync(await host.ClientAsync(accountant.Login, accountant.Password), document)).ShouldBeNull();
        var notice = await host.WithDbAsync(db => db.Notifications.Where(n => n.UserId == author.Id && n.Title.StartsWith("Отклонено")).SingleAsync());
        notice.Body.ShouldBe("Не та редакция договора");
        // A rejected document may be revised and sent again: a new route.
        var again = await StartAsync(await host.ClientAsync(author.Login, author.Password), document);
        again.Id.ShouldNotBe(route.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Resubmit_EveryonePolicy_AsksEveryApproverAgain(string provider)
    {
        var (host, people, document, fileId) = await ReworkedAsync(provider, ReworkPolicy.Everyone);
        var (author, first, second, third) = people;
        var authorClient = await host.ClientAsync(author.Login, author.Password);

        var refused = await authorClient.PostAsJsonAsync($"/api/v1/approval-routes/{(await RouteAsync(authorClient, document)).Id}/resubmit", new { comment = "Исправил" });
        (await DocumentTestData.ProblemAsync(refused, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("approval_no_new_version");
        await UploadVersionAsync(await host.AdminAsync(), fileId, "договор.txt", "Исправленный текст");
        var route = await ResubmitAsync(authorClient, document);

        route.Status.ShouldBe("running");
        route.Round.ShouldBe(2);
        route.Stages.Select(s => s.Status).ShouldBe(["active", "pending"]);
        (await StatusAsync(host, document)).ShouldBe(DocumentStatus.OnApproval);
        var firstClient = await host.ClientAsync(first.Login, first.Password);
        route = await DecidedAsync(firstClient, (await InboxTaskAsync(firstClient, document))!.TaskId, "approve");
        route.Stages[0].Tasks.Last().Files.Single().Version.ShouldBe(2);
        var secondClient = await host.ClientAsync(second.Login, second.Password);
        var thirdClient = await host.ClientAsync(third.Login, third.Password);
        (await InboxTaskAsync(secondClient, document)).ShouldNotBeNull("who approved before is asked again");
        await DecidedAsync(secondClient, (await InboxTaskAsync(secondClient, document))!.TaskId, "approve");
        route = await DecidedAsync(thirdClient, (await InboxTaskAsync(thirdClient, document))!.TaskId, "approve");
        route.Status.ShouldBe("approved");
        (await StatusAsync(host, document)).ShouldBe(DocumentStatus.Approved);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Resubmit_NotYetApprovedPolicy_KeepsApprovalsGiven(string provider)
    {
        var (host, people, document, fileId) = await ReworkedAsync(provider, ReworkPolicy.NotYetApproved);
        var (author, first, second, third) = people;
        var authorClient = await host.ClientAsync(author.Login, author.Password);
        await UploadVersionAsync(await host.AdminAsync(), fileId, "договор.txt", "Исправленный текст");

        var route = await ResubmitAsync(authorClient, document);

        route.Round.ShouldBe(2);
        route.Stages.Select(s => s.Status).ShouldBe(["approved", "active"]);
        (await InboxTaskAsync(await host.ClientAsync(first.Login, first.Password), document)).ShouldBeNull();
        (await InboxTaskAsync(await host.ClientAsync(second.Login, second.Password), document)).ShouldBeNull("their approval stands");
        var thirdClient = await host.ClientAsync(third.Login, third.Password);
        route = await DecidedAsync(thirdClient, (await InboxTaskAsync(thirdClient, document))!.TaskId, "approve");
        route.Status.ShouldBe("approved");
        (await StatusAsync(host, document)).ShouldBe(DocumentStatus.Approved);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_AfterSchemeEdited_OldRouteFinishesOnItsVersionNewOnNewest(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var lawyer = await host.CreateUserAsync();
        var director = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition { Stages = [Stage("law", ApprovalMode.All, lawyer.Id)] });
        var documentA = await DocumentAsync(host, type, author.Id);
        var documentB = await DocumentAsync(host, type, author.Id);
        var authorClient = await host.ClientAsync(author.Login, author.Password);
        var routeA = await StartAsync(authorClient, documentA);

        await PublishAsync(host, type, new ApprovalDefinition
        {
            Stages = [Stage("law", ApprovalMode.All, lawyer.Id), Stage("director", ApprovalMode.All, director.Id)],
        });
        var routeB = await StartAsync(authorClient, documentB);

        routeA.SchemeVersion.ShouldBe(1);
        routeB.SchemeVersion.ShouldBe(2);
        routeB.Stages.Count.ShouldBe(2);
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var doneA = await DecidedAsync(lawyerClient, (await InboxTaskAsync(lawyerClient, documentA))!.TaskId, "approve");
        doneA.Status.ShouldBe("approved");
        doneA.SchemeVersion.ShouldBe(1);
        doneA.NewestVersion.ShouldBe(2);
        doneA.Stages.Count.ShouldBe(1);
        var nextB = await DecidedAsync(lawyerClient, (await InboxTaskAsync(lawyerClient, documentB))!.TaskId, "approve");
        nextB.Status.ShouldBe("running");
        nextB.Stages[1].Status.ShouldBe("active");
        var directorClient = await host.ClientAsync(director.Login, director.Password);
        (await InboxTaskAsync(directorClient, documentA)).ShouldBeNull();
        (await DecidedAsync(directorClient, (await InboxTaskAsync(directorClient, documentB))!.TaskId, "approve")).Status.ShouldBe("approved");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Decide_TwoApproversOfAnyStageAtOnce_StartsNextStageOnce(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var first = await host.CreateUserAsync();
        var second = await host.CreateUserAsync();
        var director = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition
        {
            Stages = [Stage("any", ApprovalMode.Any, first.Id, second.Id), Stage("director", ApprovalMode.All, director.Id)],
        });
        var document = await DocumentAsync(host, type, author.Id);
        await StartAsync(await host.ClientAsync(author.Login, author.Password), document);
        var firstClient = await host.ClientAsync(first.Login, first.Password);
        var secondClient = await host.ClientAsync(second.Login, second.Password);
        var firstTask = (await InboxTaskAsync(firstClient, document))!;
        var secondTask = (await InboxTaskAsync(secondClient, document))!;

        var answers = await Task.WhenAll(DecideAsync(firstClient, firstTask.TaskId, "approve"), DecideAsync(secondClient, secondTask.TaskId, "approve"));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBeGreaterThanOrEqualTo(1);
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK || a.StatusCode == HttpStatusCode.Conflict);
        var directorTasks = await host.WithDbAsync(db => db.ApprovalTasks.CountAsync(t => t.DocumentId == document && t.AssigneeId == director.Id));
        directorTasks.ShouldBe(1);
        var route = await RouteAsync(await host.ClientAsync(author.Login, author.Password), document);
        route.Stages[0].Status.ShouldBe("approved");
        route.Stages[0].Tasks.Count(t => t.Status == "approved").ShouldBe(answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        route.Stages[1].Status.ShouldBe("active");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Decide_ByDeputyOfAbsentApprover_RecordsBothNames(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var lawyer = await host.CreateUserAsync();
        var deputy = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition { Stages = [Stage("law", ApprovalMode.All, lawyer.Id)] });
        var document = await DocumentAsync(host, type, author.Id);
        await StartAsync(await host.ClientAsync(author.Login, author.Password), document);
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);
        await host.WithDbAsync(async db =>
        {
            db.Deputyships.Add(new Deputyship { PrincipalId = lawyer.Id, DeputyId = deputy.Id, StartsOn = today.AddDays(-1), EndsOn = today.AddDays(7), CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var deputyClient = await host.ClientAsync(deputy.Login, deputy.Password);

        var task = (await InboxTaskAsync(deputyClient, document)).ShouldNotBeNull();
        task.OnBehalfOf!.Id.ShouldBe(lawyer.Id);
        var count = await deputyClient.GetFromJsonAsync<ApprovalCountDto>("/api/v1/approval-tasks/count", Json);
        count!.Open.ShouldBeGreaterThanOrEqualTo(1);
        var route = await DecidedAsync(deputyClient, task.TaskId, "approve");

        var decided = route.Stages[0].Tasks.Single();
        decided.DecidedBy!.Id.ShouldBe(deputy.Id);
        decided.OnBehalfOf!.Id.ShouldBe(lawyer.Id);
        decided.Assignee!.Id.ShouldBe(lawyer.Id);
        route.Status.ShouldBe("approved");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Delegate_WithComment_MovesTaskAndItsReminders(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var lawyer = await host.CreateUserAsync();
        var colleague = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition { Stages = [Stage("law", ApprovalMode.All, lawyer.Id) with { Days = 5, RemindDaysBefore = 2 }] });
        var document = await DocumentAsync(host, type, author.Id);
        await StartAsync(await host.ClientAsync(author.Login, author.Password), document);
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var task = (await InboxTaskAsync(lawyerClient, document))!;
        var before = await ReminderOwnersAsync(host, task.TaskId);
        before.ShouldContain(lawyer.Id);

        var noComment = await lawyerClient.PostAsJsonAsync($"/api/v1/approval-tasks/{task.TaskId}/delegate", new { userId = colleague.Id });
        (await DocumentTestData.ProblemAsync(noComment, HttpStatusCode.BadRequest)).FieldCodes("comment").ShouldBe(["required"]);
        var response = await lawyerClient.PostAsJsonAsync($"/api/v1/approval-tasks/{task.TaskId}/delegate", new { userId = colleague.Id, comment = "Я в суде, посмотри" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var moved = (await response.Content.ReadFromJsonAsync<ApprovalRouteDto>(Json))!.Stages[0].Tasks.Single();
        moved.Assignee!.Id.ShouldBe(colleague.Id);
        moved.OriginalAssignee!.Id.ShouldBe(lawyer.Id);
        moved.DelegatedBy!.Id.ShouldBe(lawyer.Id);
        moved.DelegationComment.ShouldBe("Я в суде, посмотри");
        (await ReminderOwnersAsync(host, task.TaskId)).ShouldBe([colleague.Id]);
        (await InboxTaskAsync(lawyerClient, document)).ShouldBeNull();
        var colleagueClient = await host.ClientAsync(colleague.Login, colleague.Password);
        (await DecidedAsync(colleagueClient, task.TaskId, "approve")).Status.ShouldBe("approved");
        (await ReminderOwnersAsync(host, task.TaskId)).ShouldBeEmpty("deciding cancels the task's reminders");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_ApproversByRoleHeadsAndResponsible_ResolvesPeopleAndNamesWhoIsMissing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var boss = await host.CreateUserAsync();
        var department = await host.CreateDepartmentAsync("Юридический отдел", headId: boss.Id);
        var author = await host.CreateUserAsync(departmentId: department);
        var inactive = await host.CreateUserAsync();
        var headless = await host.CreateDepartmentAsync("Отдел без руководителя");
        await host.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == inactive.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
            return 0;
        });
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition
        {
            Stages =
            [
                new ApprovalStageDefinition
                {
                    Key = "all",
                    Name = "Все",
                    Approvers =
                    [
                        new ApproverRule(ApproverKind.ResponsibleHead),
                        new ApproverRule(ApproverKind.DepartmentHead, DepartmentId: department),
                        new ApproverRule(ApproverKind.Responsible),
                        new ApproverRule(ApproverKind.User, UserId: inactive.Id),
                        new ApproverRule(ApproverKind.DepartmentHead, DepartmentId: headless),
                    ],
                },
                new ApprovalStageDefinition
                {
                    Key = "big",
                    Name = "Крупная сделка",
                    Approvers = [new ApproverRule(ApproverKind.User, UserId: boss.Id)],
                    Condition = new StageCondition(ConditionField.Amount, ConditionOperator.Greater, 1_000_000m),
                },
            ],
        });
        var document = await DocumentAsync(host, type, author.Id, amountMinor: 50_000_00);

        var route = await StartAsync(await host.AdminAsync(), document);

        var tasks = route.Stages[0].Tasks;
        tasks.Count.ShouldBe(4, "the head named twice gets one task");
        tasks.Count(t => t.Assignee?.Id == boss.Id).ShouldBe(1);
        tasks.ShouldContain(t => t.Assignee!.Id == author.Id);
        tasks.Single(t => t.Assignee?.Id == inactive.Id).AssigneeInactive.ShouldBeTrue();
        var stuck = tasks.Single(t => t.Assignee == null);
        stuck.Unresolved.ShouldNotBeNull().ShouldContain("Отдел без руководителя");
        route.Stages[0].Required.ShouldBe(4);
        route.Stages[1].Status.ShouldBe("pending");

        // The responsible person who heads their own department is approved by the head above.
        var parent = await host.CreateUserAsync();
        var top = await host.CreateDepartmentAsync("Дирекция", headId: parent.Id);
        var head = await host.CreateUserAsync();
        var sub = await host.CreateDepartmentAsync("Отдел продаж", top, head.Id);
        await host.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == head.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, sub));
            return 0;
        });
        var headsType = await TypeAsync(host);
        await PublishAsync(host, headsType, new ApprovalDefinition
        {
            Stages = [new ApprovalStageDefinition { Key = "h", Name = "Руководитель", Approvers = [new ApproverRule(ApproverKind.ResponsibleHead)] }],
        });
        var own = await DocumentAsync(host, headsType, head.Id);
        var headRoute = await StartAsync(await host.AdminAsync(), own);
        headRoute.Stages[0].Tasks.Single().Assignee!.Id.ShouldBe(parent.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Withdraw_ByAuthor_ClosesTasksAndReturnsDocumentToDraft(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var lawyer = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition { Stages = [Stage("law", ApprovalMode.All, lawyer.Id)] });
        var document = await DocumentAsync(host, type, author.Id);
        var authorClient = await host.ClientAsync(author.Login, author.Password);
        var route = await StartAsync(authorClient, document);
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);

        var notAuthor = await lawyerClient.PostAsJsonAsync($"/api/v1/approval-routes/{route.Id}/withdraw", new { comment = "нет" });
        notAuthor.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var response = await authorClient.PostAsJsonAsync($"/api/v1/approval-routes/{route.Id}/withdraw", new { comment = "Передумали" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        var withdrawn = (await response.Content.ReadFromJsonAsync<ApprovalRouteDto>(Json))!;
        withdrawn.Status.ShouldBe("withdrawn");
        withdrawn.Stages[0].Status.ShouldBe("stopped");
        withdrawn.Stages[0].Tasks.Single().Status.ShouldBe("closed");
        (await StatusAsync(host, document)).ShouldBe(DocumentStatus.Draft);
        (await InboxTaskAsync(lawyerClient, document)).ShouldBeNull();
        (await ReminderOwnersAsync(host, withdrawn.Stages[0].Tasks.Single().Id)).ShouldBeEmpty();
    }

    /// <summary>A three-person route (first; then second and third together) returned for rework by the third after the second approved.</summary>
    private static async Task<(LetopisHost Host, (TestUser Author, TestUser First, TestUser Second, TestUser Third) People, Guid Document, Guid FileId)> ReworkedAsync(
        string provider, ReworkPolicy policy)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var author = await host.CreateUserAsync();
        var first = await host.CreateUserAsync();
        var second = await host.CreateUserAsync();
        var third = await host.CreateUserAsync();
        var type = await TypeAsync(host);
        await PublishAsync(host, type, new ApprovalDefinition
        {
            Stages = [Stage("one", ApprovalMode.All, first.Id), Stage("two", ApprovalMode.All, second.Id, third.Id)],
            Rework = policy,
        });
        var document = await DocumentAsync(host, type, author.Id, withFile: false);
        var fileId = await UploadAsync(await host.AdminAsync(), document, "договор.txt", "Первая редакция " + Guid.NewGuid());
        var authorClient = await host.ClientAsync(author.Login, author.Password);
        await StartAsync(authorClient, document);
        var firstClient = await host.ClientAsync(first.Login, first.Password);
        await DecidedAsync(firstClient, (await InboxTaskAsync(firstClient, document))!.TaskId, "approve");
        var secondClient = await host.ClientAsync(second.Login, second.Password);
        await DecidedAsync(secondClient, (await InboxTaskAsync(secondClient, document))!.TaskId, "approve");
        var thirdClient = await host.ClientAsync(third.Login, third.Password);
        var third1 = (await InboxTaskAsync(thirdClient, document))!;

        var noComment = await DecideAsync(thirdClient, third1.TaskId, "rework");
        (await DocumentTestData.ProblemAsync(noComment, HttpStatusCode.BadRequest)).FieldCodes("comment").ShouldBe(["required"]);
        var route = await DecidedAsync(thirdClient, third1.TaskId, "rework", "Уточните сроки поставки");

        route.Status.ShouldBe("rework");
        route.Stages.Select(s => s.Status).ShouldBe(["approved", "returned"]);
        (await StatusAsync(host, document)).ShouldBe(DocumentStatus.Rework);
        (await host.WithDbAsync(db => db.Notifications.Where(n => n.UserId == author.Id && n.Title.StartsWith("Возвращено")).Select(n => n.Body).SingleAsync()))
            .ShouldBe("Уточните сроки поставки");
        return (host, (author, first, second, third), document, fileId);
    }

    private static async Task<ApprovalRouteDto> ResubmitAsync(HttpClient client, Guid document)
    {
        var route = await RouteAsync(client, document);
        var response = await client.PostAsJsonAsync($"/api/v1/approval-routes/{route.Id}/resubmit", new { comment = "Исправил" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ApprovalRouteDto>(Json))!;
    }

    private static Task<List<string>> NoticesAsync(LetopisHost host, Guid userId) =>
        host.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId).Select(n => n.Title).ToListAsync());

    /// <summary>Who the task's live (not fired, not cancelled) reminders are for.</summary>
    private static Task<List<Guid>> ReminderOwnersAsync(LetopisHost host, Guid taskId) =>
        host.WithDbAsync(db => db.Reminders.Where(r => r.EntityKind == ApprovalNotices.TaskEntityKind && r.EntityId == taskId && r.CancelledAt == null && r.FiredAt == null)
            .Select(r => r.UserId).Distinct().ToListAsync());
}
