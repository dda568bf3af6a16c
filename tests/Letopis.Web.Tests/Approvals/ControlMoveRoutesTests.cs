using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Approvals;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Approvals.ControlTestKit;

namespace Letopis.Web.Tests.Approvals;

public class ControlMoveRoutesTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Move_RoutesOnOlderVersion_LandOnFirstIncompleteStage_CarryApprovals_UnmappableLeftAlone(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var lawyer = await host.CreateUserAsync(fullName: "Юристова Анна " + Guid.NewGuid().ToString("N")[..4]);
        var accountant = await host.CreateUserAsync(fullName: "Бухгалтеров Борис " + Guid.NewGuid().ToString("N")[..4]);
        var director = await host.CreateUserAsync(fullName: "Директоров Виктор " + Guid.NewGuid().ToString("N")[..4]);
        var security = await host.CreateUserAsync(fullName: "Безопасов Глеб " + Guid.NewGuid().ToString("N")[..4]);
        var controller = await RightHolderAsync(host);
        var control = await host.ClientAsync(controller.Login, controller.Password);
        var v1 = new ApprovalDefinition { Stages = [Stage("law", "Юрист", lawyer.Id), Stage("acc", "Бухгалтерия", accountant.Id), Stage("dir", "Директор", director.Id)] };
        var (typeCode, schemeId) = await SchemeAsync(host, v1);

        // Route A reaches the director; route B reaches the accounts department.
        var (docA, _) = await DocumentAsync(host, admin, typeCode, "Договор А");
        var (docB, _) = await DocumentAsync(host, admin, typeCode, "Договор Б");
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var accountantClient = await host.ClientAsync(accountant.Login, accountant.Password);
        var routeA = await StartAsync(admin, docA);
        await DecideAsync(lawyerClient, PendingTask(routeA, lawyer.Id));
        routeA = await RouteAsync(admin, docA);
        await DecideAsync(accountantClient, PendingTask(routeA, accountant.Id));
        var routeB = await StartAsync(admin, docB);
        await DecideAsync(lawyerClient, PendingTask(routeB, lawyer.Id), comment: "Замечаний нет");
        routeB = await RouteAsync(admin, docB);
        var accountantTaskB = PendingTask(routeB, accountant.Id);

        // Version 2: the director's stage is gone, security is checked before the accounts department.
        await PublishAsync(host, schemeId, new ApprovalDefinition
        {
            Stages = [Stage("law", "Юридическая проверка", lawyer.Id), Stage("sec", "Служба безопасности", security.Id), Stage("acc", "Бухгалтерия", accountant.Id)],
        });

        var preview = await control.GetFromJsonAsync<JsonElement>($"/api/v1/approval-schemes/{schemeId}/move-routes");
        var rows = preview.EnumerateArray().ToDictionary(r => r.GetProperty("routeId").GetGuid());
        rows.Keys.ShouldBe([routeA.GetProperty("id").GetGuid(), routeB.GetProperty("id").GetGuid()], ignoreOrder: true);
        var a = rows[routeA.GetProperty("id").GetGuid()];
        a.GetProperty("canMove").GetBoolean().ShouldBeFalse();
        a.GetProperty("problem").GetString().ShouldBe("active_stage_missing");
        a.GetProperty("fromStage").GetString().ShouldBe("Директор");
        var b = rows[routeB.GetProperty("id").GetGuid()];
        b.GetProperty("canMove").GetBoolean().ShouldBeTrue();
        b.GetProperty("fromVersion").GetInt32().ShouldBe(1);
        b.GetProperty("toVersion").GetInt32().ShouldBe(2);
        b.GetProperty("fromStage").GetString().ShouldBe("Бухгалтерия");
        b.GetProperty("toStage").GetString().ShouldBe("Служба безопасности");
        b.GetProperty("carriedOver").EnumerateArray().Select(c => c.GetString()).ShouldBe([$"Юридическая проверка: {await NameAsync(host, lawyer.Id)}"]);
        var historyA = await HistoryRowsAsync(host, docA);

        var move = await control.PostAsJsonAsync($"/api/v1/approval-schemes/{schemeId}/move-routes", new { toVersion = 2 });
        move.StatusCode.ShouldBe(HttpStatusCode.OK, await move.Content.ReadAsStringAsync());
        var result = await move.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("moved").EnumerateArray().Select(m => m.GetGuid()).ShouldBe([routeB.GetProperty("id").GetGuid()]);
        result.GetProperty("leftAlone").EnumerateArray().Single().GetProperty("problem").GetString().ShouldBe("active_stage_missing");

        // Route B: version 2, the lawyer's approval stands, security decides now, the accountant's open task is closed.
        var movedB = await RouteAsync(admin, docB);
        movedB.GetProperty("schemeVersion").GetInt32().ShouldBe(2);
        movedB.GetProperty("status").GetString().ShouldBe("running");
        var law = StageNamed(movedB, "Юридическая проверка");
        law.GetProperty("status").GetString().ShouldBe("approved");
        law.GetProperty("index").GetInt32().ShouldBe(0);
        law.GetProperty("tasks").EnumerateArray().Single().GetProperty("comment").GetString().ShouldBe("Замечаний нет");
        StageNamed(movedB, "Служба безопасности").GetProperty("status").GetString().ShouldBe("active");
        var securityTask = PendingTask(movedB, security.Id);
        Tasks(movedB).Single(t => t.GetProperty("id").GetGuid() == accountantTaskB).GetProperty("status").GetString().ShouldBe("closed");
        var history = await host.WithDbAsync(db => db.ChangeRecords
            .Where(c => c.EntityKind == "document" && c.EntityId == docB && c.Field == "approvalVersion").ToListAsync());
        history.Single().NewValue.ShouldNotBeNull().ShouldContain("версия 2");

        // The moved route runs on under version 2: security approves, the accounts department is asked again.
        var securityClient = await host.ClientAsync(security.Login, security.Password);
        var after = await DecideAsync(securityClient, securityTask);
        StageNamed(after, "Бухгалтерия").GetProperty("status").GetString().ShouldBe("active");
        PendingTask(after, accountant.Id).ShouldNotBe(accountantTaskB);

        // Route A is untouched: still version 1, the director still has the task, nothing written.
        var untouched = await RouteAsync(admin, docA);
        untouched.GetProperty("schemeVersion").GetInt32().ShouldBe(1);
        PendingTask(untouched, director.Id);
        (await HistoryRowsAsync(host, docA)).ShouldBe(historyA);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Move_WithoutTheRight_Is403_AndAStalePreviewVersionIs409(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var lawyer = await host.CreateUserAsync();
        var (typeCode, schemeId) = await SchemeAsync(host, new ApprovalDefinition { Stages = [Stage("law", "Юрист", lawyer.Id)] });
        var (doc, _) = await DocumentAsync(host, admin, typeCode, "Договор");
        await StartAsync(admin, doc);
        await PublishAsync(host, schemeId, new ApprovalDefinition { Stages = [Stage("law", "Юрист", lawyer.Id), Stage("dir", "Директор", lawyer.Id)] });
        var employee = await host.CreateUserAsync();
        var client = await host.ClientAsync(employee.Login, employee.Password);

        (await client.GetAsync($"/api/v1/approval-schemes/{schemeId}/move-routes")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostAsJsonAsync($"/api/v1/approval-schemes/{schemeId}/move-routes", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var stale = await admin.PostAsJsonAsync($"/api/v1/approval-schemes/{schemeId}/move-routes", new { toVersion = 1 });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("approval_version_changed");
        (await RouteAsync(admin, doc)).GetProperty("schemeVersion").GetInt32().ShouldBe(1);
    }

    private static Task<string> NameAsync(LetopisHost host, Guid userId) =>
        host.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.FullName).SingleAsync());
}
