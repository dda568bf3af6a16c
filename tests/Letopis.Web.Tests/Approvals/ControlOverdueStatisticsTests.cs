using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Approvals;
using Letopis.TestKit;
using static Letopis.Web.Tests.Approvals.ControlTestKit;

namespace Letopis.Web.Tests.Approvals;

public class ControlOverdueStatisticsTests
{
    /// <summary>
    /// Friday 27 November, 09:00 Moscow: the route starts; a one-working-day deadline ends on Monday.
    /// One approver decides after 2 hours; on Tuesday at 10:00 (97 hours in) two tasks are overdue, and
    /// their approvers decide with a reason; the next stage's approver decides in 3 hours.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Overdue_HeadSeesOnlyTheirDepartmentTree_AndStatisticsAverageTheTimes(string provider)
    {
        await using var host = new LetopisHost(provider);
        var head = await host.CreateUserAsync("head", fullName: "Начальников Иван");
        var legal = await host.CreateDepartmentAsync("Юридический отдел", headId: head.Id);
        var contracts = await host.CreateDepartmentAsync("Договорной сектор", parentId: legal);
        var sales = await host.CreateDepartmentAsync("Отдел продаж");
        var early = await host.CreateUserAsync(departmentId: legal, fullName: "Быстрова Елена");
        var late = await host.CreateUserAsync(departmentId: contracts, fullName: "Медленнов Егор");
        var other = await host.CreateUserAsync(departmentId: sales, fullName: "Продажин Фёдор");
        var controller = await RightHolderAsync(host);
        var (typeCode, schemeId) = await SchemeAsync(host, new ApprovalDefinition
        {
            Stages =
            [
                Stage("check", "Проверка", early.Id, late.Id, other.Id) with { Days = 1 },
                Stage("sign", "Подпись", other.Id) with { Days = 1 },
            ],
        });
        var admin = await host.AdminAsync();
        var (doc, _) = await DocumentAsync(host, admin, typeCode, "Договор оказания услуг");
        var route = await StartAsync(admin, doc);

        host.Clock.Advance(TimeSpan.FromHours(2));
        await DecideAsync(await host.ClientAsync(early.Login, early.Password), PendingTask(route, early.Id));

        host.Clock.Advance(TimeSpan.FromHours(95));
        admin = await host.AdminAsync();
        var headClient = await host.ClientAsync(head.Login, head.Password);
        var control = await host.ClientAsync(controller.Login, controller.Password);
        var overdue = await headClient.GetFromJsonAsync<JsonElement>("/api/v1/approvals/overdue");
        var item = overdue.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("assignee").GetProperty("id").GetGuid().ShouldBe(late.Id);
        item.GetProperty("stageName").GetString().ShouldBe("Проверка");
        item.GetProperty("decidedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        item.GetProperty("overdueDays").GetDouble().ShouldBeGreaterThan(0);
        // The head asking for a department outside their tree sees nothing of it.
        (await headClient.GetFromJsonAsync<JsonElement>($"/api/v1/approvals/overdue?departmentId={sales}")).GetProperty("total").GetInt32().ShouldBe(0);
        // A holder of the approval right sees every department, and may narrow to one.
        var all = await control.GetFromJsonAsync<JsonElement>("/api/v1/approvals/overdue");
        all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("assignee").GetProperty("id").GetGuid()).ShouldBe([late.Id, other.Id], ignoreOrder: true);
        var salesOnly = await control.GetFromJsonAsync<JsonElement>($"/api/v1/approvals/overdue?departmentId={sales}");
        salesOnly.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("assignee").GetProperty("id").GetGuid().ShouldBe(other.Id);
        // An employee is no head: they see no one else's delays.
        var earlyClient = await host.ClientAsync(early.Login, early.Password);
        (await earlyClient.GetFromJsonAsync<JsonElement>("/api/v1/approvals/overdue")).GetProperty("total").GetInt32().ShouldBe(0);

        route = await RouteAsync(admin, doc);
        var lateClient = await host.ClientAsync(late.Login, late.Password);
        await DecideAsync(lateClient, PendingTask(route, late.Id), delayReason: "Был в командировке");
        host.Clock.Advance(TimeSpan.FromHours(1));
        var otherClient = await host.ClientAsync(other.Login, other.Password);
        route = await DecideAsync(otherClient, PendingTask(route, other.Id), delayReason: "Ждал ответа контрагента");
        host.Clock.Advance(TimeSpan.FromHours(3));
        otherClient = await host.ClientAsync(other.Login, other.Password);
        (await DecideAsync(otherClient, PendingTask(route, other.Id))).GetProperty("status").GetString().ShouldBe("approved");

        // Decided late: the head still sees it, now with the reason.
        headClient = await host.ClientAsync(head.Login, head.Password);
        var decidedLate = (await headClient.GetFromJsonAsync<JsonElement>("/api/v1/approvals/overdue")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        decidedLate.GetProperty("delayReason").GetString().ShouldBe("Был в командировке");
        decidedLate.GetProperty("decidedAt").ValueKind.ShouldBe(JsonValueKind.String);

        control = await host.ClientAsync(controller.Login, controller.Password);
        var stats = await control.GetFromJsonAsync<JsonElement>($"/api/v1/approvals/statistics?schemeId={schemeId}&from=2026-11-27&to=2026-12-01");
        var byStage = stats.GetProperty("byStage").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        byStage["Проверка"].GetProperty("decisions").GetInt32().ShouldBe(3);
        byStage["Проверка"].GetProperty("averageHours").GetDouble().ShouldBe((2 + 97 + 98) / 3.0, 0.01);
        byStage["Проверка"].GetProperty("late").GetInt32().ShouldBe(2);
        byStage["Подпись"].GetProperty("decisions").GetInt32().ShouldBe(1);
        byStage["Подпись"].GetProperty("averageHours").GetDouble().ShouldBe(3, 0.01);
        byStage["Подпись"].GetProperty("late").GetInt32().ShouldBe(0);
        var byApprover = stats.GetProperty("byApprover").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetGuid());
        byApprover[early.Id].GetProperty("averageHours").GetDouble().ShouldBe(2, 0.01);
        byApprover[late.Id].GetProperty("averageHours").GetDouble().ShouldBe(97, 0.01);
        byApprover[other.Id].GetProperty("decisions").GetInt32().ShouldBe(2);
        byApprover[other.Id].GetProperty("averageHours").GetDouble().ShouldBe((98 + 3) / 2.0, 0.01);
        byApprover[other.Id].GetProperty("late").GetInt32().ShouldBe(1);
        byApprover[early.Id].GetProperty("name").GetString().ShouldBe("Быстрова Елена");

        // The head's statistics cover their department tree only; a range before the route has nothing.
        var headStats = await headClient.GetFromJsonAsync<JsonElement>($"/api/v1/approvals/statistics?schemeId={schemeId}&from=2026-11-27&to=2026-12-01");
        headStats.GetProperty("byApprover").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ShouldBe([early.Id, late.Id], ignoreOrder: true);
        headStats.GetProperty("byStage").EnumerateArray().ShouldHaveSingleItem().GetProperty("averageHours").GetDouble().ShouldBe(49.5, 0.01);
        var before = await control.GetFromJsonAsync<JsonElement>($"/api/v1/approvals/statistics?schemeId={schemeId}&from=2026-11-01&to=2026-11-26");
        before.GetProperty("byStage").GetArrayLength().ShouldBe(0);
        before.GetProperty("from").GetString().ShouldBe("2026-11-01");
    }
}
