using System.Net;
using System.Net.Http.Json;
using Letopis.Core.Common;
using Letopis.Core.Execution;
using Letopis.TestKit;
using static Letopis.Web.Tests.Documents.DocumentTestData;
using static Letopis.Web.Tests.Execution.ExecutionTestKit;

namespace Letopis.Web.Tests.Execution;

/// <summary>
/// Reminders on control dates with time moved on a host of the test's own: a type's rule reminds a group (a
/// role's members), a contract's rule a named person and the responsible one, each exactly once; the day after
/// the date the responsible person hears of it, and the point is flagged on the contract, the counterparty's
/// settlement and the department view.
/// </summary>
public class ControlRemindersTests
{
    /// <summary>Wednesday 2 December 2026, 10:00 Moscow: two working days before Friday the 4th.</summary>
    private static readonly DateTimeOffset Wednesday10 = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Thursday10 = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Saturday10 = new(2026, 12, 5, 7, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reminders_GroupAndPerson_FireOnceThenOverdueIsFlagged(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var admin = await host.AdminAsync();
        var department = await host.CreateDepartmentAsync("Отдел исполнения договоров");
        var (roleId, roleName) = await RoleAsync(host);
        var member1 = await UserAsync(host, null, "employee", roleName);
        var member2 = await UserAsync(host, null, "employee", roleName);
        var outsider = await UserAsync(host, null, "employee");
        var responsible = await UserAsync(host, department, "employee");
        var named = await UserAsync(host, null, "employee");

        var typeRule = await admin.PostAsJsonAsync("/api/v1/document-types/contract/control-reminders",
            new { pointKind = "stage", daysBefore = 2, roleId });
        typeRule.StatusCode.ShouldBe(HttpStatusCode.Created, await typeRule.Content.ReadAsStringAsync());
        var counterparty = await CounterpartyAsync(admin);
        var contract = await ContractAsync(admin, counterparty, responsibleId: responsible.Id);
        var contractRule = await admin.PostAsJsonAsync($"/api/v1/documents/{contract}/control-reminders",
            new { pointKind = "payment", daysBefore = 1, userId = named.Id, notifyResponsible = true });
        contractRule.StatusCode.ShouldBe(HttpStatusCode.Created, await contractRule.Content.ReadAsStringAsync());
        var rules = await GetAsync<List<ControlReminderRuleDto>>(admin, $"/api/v1/documents/{contract}/control-reminders");
        rules.Single().UserName.ShouldStartWith("Исполнитель");

        var stage = await PointAsync(admin, contract, "stage", "Этап 1. Монтаж", "2026-12-04", 500_000m);
        var payment = await PointAsync(admin, contract, "payment", "Оплата этапа 1", "2026-12-04", 500_000m);
        stage.ResponsibleId.ShouldBe(responsible.Id, "the contract's responsible person by default");
        stage.DepartmentId.ShouldBe(department);
        var what = await ContractTextAsync(admin, contract);

        host.Clock.SetUtcNow(Wednesday10);
        await RunDispatcherAsync(host);
        await RunDispatcherAsync(host);
        (await NoticesAsync(host, member1.Id)).ShouldBe(["Контрольная точка 04.12.2026: Этап 1. Монтаж — " + what]);
        (await NoticesAsync(host, member2.Id)).Count.ShouldBe(1);
        (await NoticesAsync(host, outsider.Id)).ShouldBeEmpty();
        (await NoticesAsync(host, named.Id)).ShouldBeEmpty("the payment's rule is one working day before");
        (await NoticesAsync(host, responsible.Id)).ShouldBeEmpty("the type's rule names the group only");

        host.Clock.SetUtcNow(Thursday10);
        admin = await host.AdminAsync();
        await RunDispatcherAsync(host);
        await RunDispatcherAsync(host);
        (await NoticesAsync(host, named.Id)).ShouldBe([$"Контрольная точка 04.12.2026: Оплата этапа 1 — {what}"]);
        (await NoticesAsync(host, responsible.Id)).Count(t => t.StartsWith("Контрольная точка 04.12.2026: Оплата этапа 1")).ShouldBe(1);
        (await NoticesAsync(host, member1.Id)).Count.ShouldBe(1, "fired once");
        (await GetAsync<SettlementDto>(admin, $"/api/v1/documents/{contract}/settlement")).Overdue.ShouldBeEmpty();
        // The stage is done in time: its overdue notice is cancelled.
        (await admin.PostAsJsonAsync($"/api/v1/control-points/{stage.Id}/complete", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);

        host.Clock.SetUtcNow(Saturday10);
        admin = await host.AdminAsync();
        await RunDispatcherAsync(host);
        await RunDispatcherAsync(host);
        (await NoticesAsync(host, responsible.Id)).Where(t => t.StartsWith("Срыв срока")).ShouldBe(
            [$"Срыв срока 04.12.2026: Оплата этапа 1 — {what}"]);
        (await NoticesAsync(host, named.Id)).Count.ShouldBe(1);

        var plan = await GetAsync<List<ControlPointDto>>(admin, $"/api/v1/documents/{contract}/control-points");
        plan.Single(p => p.Id == payment.Id).Overdue.ShouldBeTrue();
        plan.Single(p => p.Id == stage.Id).Overdue.ShouldBeFalse();
        (await GetAsync<SettlementDto>(admin, $"/api/v1/documents/{contract}/settlement")).Overdue.Select(p => p.Id).ShouldBe([payment.Id]);
        var card = await GetAsync<CounterpartySettlementDto>(admin, $"/api/v1/counterparties/{counterparty}/settlement");
        card.OverdueCount.ShouldBe(1);
        card.Overdue.Select(p => p.Id).ShouldBe([payment.Id]);
        var view = await GetAsync<PageOf<ControlPointDto>>(admin, $"/api/v1/control-points?overdue=true&departmentId={department}");
        view.Items.Select(p => p.Id).ShouldBe([payment.Id]);
        view.Items[0].DocumentTitle.ShouldNotBeNull();
        var counts = await GetAsync<List<ControlPointCountDto>>(admin, $"/api/v1/control-points/counts?overdue=true&departmentId={department}");
        counts.ShouldBe([new ControlPointCountDto(responsible.Id, "Исполнитель " + responsible.Login, department, counts[0].DepartmentName, 1)]);
        counts[0].DepartmentName.ShouldStartWith("Отдел исполнения договоров");
        (await GetAsync<PageOf<ControlPointDto>>(admin, $"/api/v1/control-points?overdue=true&departmentId={await host.CreateDepartmentAsync("Другой")}"))
            .Total.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reminders_DateMoved_RearmedForTheNewDateOnly(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var admin = await host.AdminAsync();
        var responsible = await UserAsync(host, null, "employee");
        var contract = await ContractAsync(admin, await CounterpartyAsync(admin), responsibleId: responsible.Id);
        (await admin.PostAsJsonAsync($"/api/v1/documents/{contract}/control-reminders", new { daysBefore = 0 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var point = await PointAsync(admin, contract, "delivery", "Поставка оборудования", "2026-12-02");
        var what = await ContractTextAsync(admin, contract);
        var moved = await admin.PutAsJsonAsync($"/api/v1/control-points/{point.Id}",
            new { kind = "delivery", title = "Поставка оборудования", dueOn = "2026-12-03", version = point.Version });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());

        host.Clock.SetUtcNow(Wednesday10);
        await RunDispatcherAsync(host);
        (await NoticesAsync(host, responsible.Id)).ShouldBeEmpty("the old date's reminder was cancelled");
        host.Clock.SetUtcNow(Thursday10);
        await RunDispatcherAsync(host);
        (await NoticesAsync(host, responsible.Id)).ShouldBe([$"Контрольная точка 03.12.2026: Поставка оборудования — {what}"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AddRule_NobodyOrUnknownKind_RefusedAndNothingWritten(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var contract = await ContractAsync(admin, await CounterpartyAsync(admin));
        var before = await RowsAsync(host);
        var nobody = await admin.PostAsJsonAsync($"/api/v1/documents/{contract}/control-reminders", new { notifyResponsible = false, daysBefore = 1 });
        (await ProblemAsync(nobody, HttpStatusCode.BadRequest)).FieldCodes("notifyResponsible").ShouldBe([ExecutionErrors.NoRecipient]);
        var kind = await admin.PostAsJsonAsync($"/api/v1/documents/{contract}/control-reminders", new { pointKind = "milestone", notifyResponsible = true });
        (await ProblemAsync(kind, HttpStatusCode.BadRequest)).FieldCodes("pointKind").ShouldBe(["invalid"]);
        var days = await admin.PostAsJsonAsync($"/api/v1/documents/{contract}/control-reminders", new { daysBefore = -1, notifyResponsible = true });
        (await ProblemAsync(days, HttpStatusCode.BadRequest)).FieldCodes("daysBefore").ShouldBe(["out_of_range"]);
        (await RowsAsync(host)).ShouldBe(before);
    }

    private static async Task<string> ContractTextAsync(HttpClient client, Guid contract)
    {
        var card = await GetAsync<System.Text.Json.JsonElement>(client, $"/api/v1/documents/{contract}");
        return $"Договор № {card.GetProperty("number").GetString()} «{card.GetProperty("title").GetString()}»";
    }
}
