using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Approvals;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Approvals.ControlTestKit;

namespace Letopis.Web.Tests.Approvals;

public class ControlRoutesTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancel_WithTheRightAndAComment_StopsTheRouteAndReturnsTheDocumentToDraft(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var lawyer = await host.CreateUserAsync();
        var (typeCode, _) = await SchemeAsync(host, new ApprovalDefinition { Stages = [Stage("law", "Юрист", lawyer.Id)] });
        var author = await host.CreateUserAsync();
        var authorClient = await host.ClientAsync(author.Login, author.Password);
        var (doc, _) = await DocumentAsync(host, authorClient, typeCode, "Договор поставки", responsibleId: author.Id);
        var route = await StartAsync(authorClient, doc);
        var routeId = route.GetProperty("id").GetGuid();
        var controller = await RightHolderAsync(host);
        var control = await host.ClientAsync(controller.Login, controller.Password);
        var before = await HistoryRowsAsync(host, doc);

        // The author sees the document but holds no approval right.
        (await authorClient.PostAsJsonAsync($"/api/v1/approval-routes/{routeId}/cancel", new { comment = "Не нужно" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // A holder of the right who cannot see the document does not learn the route exists.
        var blind = await BlindRightHolderAsync(host);
        var blindClient = await host.ClientAsync(blind.Login, blind.Password);
        (await blindClient.PostAsJsonAsync($"/api/v1/approval-routes/{routeId}/cancel", new { comment = "Не нужно" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var noComment = await control.PostAsJsonAsync($"/api/v1/approval-routes/{routeId}/cancel", new { comment = "  " });
        noComment.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noComment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("comment", out _).ShouldBeTrue();
        (await HistoryRowsAsync(host, doc)).ShouldBe(before);
        (await RouteAsync(admin, doc)).GetProperty("status").GetString().ShouldBe("running");

        var cancelled = await control.PostAsJsonAsync($"/api/v1/approval-routes/{routeId}/cancel", new { comment = "Договор заключается на других условиях" });
        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK, await cancelled.Content.ReadAsStringAsync());
        var body = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("cancelled");
        body.GetProperty("outcome").GetString().ShouldBe("Договор заключается на других условиях");
        Tasks(body).Single().GetProperty("status").GetString().ShouldBe("closed");
        var document = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{doc}");
        document.GetProperty("status").GetString().ShouldBe("draft");
        (await host.WithDbAsync(db => db.ChangeRecords.AnyAsync(c => c.EntityId == doc && c.Field == "approvalControl"))).ShouldBeTrue();
        // The lawyer's inbox no longer holds it.
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var inbox = await lawyerClient.GetFromJsonAsync<JsonElement>("/api/v1/approval-tasks?mine=true");
        inbox.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("documentId").GetGuid() == doc).ShouldBeFalse();
        // A finished route is not cancelled twice.
        (await control.PostAsJsonAsync($"/api/v1/approval-routes/{routeId}/cancel", new { comment = "Ещё раз" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Restart_RunningRoute_StartsANewRoundFromTheFirstStage_KeepingEarlierDecisions(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var lawyer = await host.CreateUserAsync();
        var director = await host.CreateUserAsync();
        var (typeCode, _) = await SchemeAsync(host, new ApprovalDefinition
        {
            Stages = [Stage("law", "Юрист", lawyer.Id), Stage("dir", "Директор", director.Id)],
            Rework = ReworkPolicy.NotYetApproved,
        });
        var (doc, _) = await DocumentAsync(host, admin, typeCode, "Договор аренды");
        var route = await StartAsync(admin, doc);
        var routeId = route.GetProperty("id").GetGuid();
        var firstTask = PendingTask(route, lawyer.Id);
        await DecideAsync(await host.ClientAsync(lawyer.Login, lawyer.Password), firstTask);
        var controller = await RightHolderAsync(host);
        var control = await host.ClientAsync(controller.Login, controller.Password);

        var restarted = await control.PostAsJsonAsync($"/api/v1/approval-routes/{routeId}/restart", new { comment = "Изменились условия" });
        restarted.StatusCode.ShouldBe(HttpStatusCode.OK, await restarted.Content.ReadAsStringAsync());
        var body = await restarted.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("round").GetInt32().ShouldBe(2);
        body.GetProperty("status").GetString().ShouldBe("running");
        body.GetProperty("currentStage").GetInt32().ShouldBe(0);
        StageNamed(body, "Юрист").GetProperty("status").GetString().ShouldBe("active");
        StageNamed(body, "Директор").GetProperty("status").GetString().ShouldBe("pending");
        // The lawyer decides again; the first round's approval stays on the route as history.
        var again = PendingTask(body, lawyer.Id);
        again.ShouldNotBe(firstTask);
        Tasks(body).Single(t => t.GetProperty("id").GetGuid() == firstTask).GetProperty("status").GetString().ShouldBe("approved");
        Tasks(body).Single(t => t.GetProperty("id").GetGuid() == again).GetProperty("round").GetInt32().ShouldBe(2);
        Tasks(body).Single(t => t.GetProperty("status").GetString() == "closed").GetProperty("assignee").GetProperty("id").GetGuid().ShouldBe(director.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reassign_StuckTask_GoesToAnActiveColleague_WithItsReminders(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var headless = await host.CreateDepartmentAsync("Отдел без руководителя");
        var watcher = await host.CreateUserAsync();
        var substitute = await host.CreateUserAsync(fullName: "Заменов Пётр " + Guid.NewGuid().ToString("N")[..4]);
        var stage = new ApprovalStageDefinition
        {
            Key = "head",
            Name = "Руководитель отдела",
            Approvers = [new ApproverRule(ApproverKind.DepartmentHead, DepartmentId: headless)],
            Days = 3,
            RemindDaysBefore = 0,
            NotifyApproverHead = false,
            NotifyOnOverdue = [watcher.Id],
        };
        var (typeCode, _) = await SchemeAsync(host, new ApprovalDefinition { Stages = [stage] });
        var (doc, _) = await DocumentAsync(host, admin, typeCode, "Служебная записка");
        var route = await StartAsync(admin, doc);
        var stuck = Tasks(route).Single();
        stuck.GetProperty("assignee").ValueKind.ShouldBe(JsonValueKind.Null);
        stuck.GetProperty("unresolved").GetString().ShouldNotBeNullOrWhiteSpace();
        var taskId = stuck.GetProperty("id").GetGuid();
        var controller = await RightHolderAsync(host);
        var control = await host.ClientAsync(controller.Login, controller.Password);
        var before = await HistoryRowsAsync(host, doc);

        var noComment = await control.PostAsJsonAsync($"/api/v1/approval-tasks/{taskId}/reassign", new { userId = substitute.Id });
        noComment.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noComment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("comment", out _).ShouldBeTrue();
        var nobody = await control.PostAsJsonAsync($"/api/v1/approval-tasks/{taskId}/reassign", new { userId = Guid.NewGuid(), comment = "Замещает" });
        (await nobody.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("userId", out _).ShouldBeTrue();
        var employee = await host.CreateUserAsync();
        var employeeClient = await host.ClientAsync(employee.Login, employee.Password);
        (await employeeClient.PostAsJsonAsync($"/api/v1/approval-tasks/{taskId}/reassign", new { userId = substitute.Id, comment = "Замещает" }))
            .StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        (await HistoryRowsAsync(host, doc)).ShouldBe(before);
        var remindersBefore = await host.WithDbAsync(db => db.Reminders.Where(r => r.EntityId == taskId)
            .Select(r => new { r.Id, r.UserId, r.CancelledAt }).ToListAsync());
        remindersBefore.ShouldHaveSingleItem().UserId.ShouldBe(watcher.Id);

        var reassigned = await control.PostAsJsonAsync($"/api/v1/approval-tasks/{taskId}/reassign", new { userId = substitute.Id, comment = "Исполняет обязанности руководителя" });
        reassigned.StatusCode.ShouldBe(HttpStatusCode.OK, await reassigned.Content.ReadAsStringAsync());
        var task = Tasks(await reassigned.Content.ReadFromJsonAsync<JsonElement>()).Single();
        task.GetProperty("assignee").GetProperty("id").GetGuid().ShouldBe(substitute.Id);
        task.GetProperty("delegatedBy").GetProperty("id").GetGuid().ShouldBe(controller.Id);
        task.GetProperty("delegationComment").GetString().ShouldBe("Исполняет обязанности руководителя");
        // The overdue notice that was armed is cancelled and armed again for the task's new assignee.
        var reminders = await host.WithDbAsync(db => db.Reminders.Where(r => r.EntityId == taskId).ToListAsync());
        reminders.Single(r => r.Id == remindersBefore[0].Id).CancelledAt.ShouldNotBeNull();
        reminders.Where(r => r.CancelledAt == null).ShouldHaveSingleItem().UserId.ShouldBe(watcher.Id);
        (await host.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == substitute.Id && n.Link == $"/documents/{doc}"))).ShouldBeTrue();
        (await HistoryRowsAsync(host, doc)).ShouldBeGreaterThan(before);

        // The new assignee decides it: the route completes.
        var substituteClient = await host.ClientAsync(substitute.Login, substitute.Password);
        (await DecideAsync(substituteClient, taskId)).GetProperty("status").GetString().ShouldBe("approved");
        var decided = await control.PostAsJsonAsync($"/api/v1/approval-tasks/{taskId}/reassign", new { userId = watcher.Id, comment = "Поздно" });
        decided.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
