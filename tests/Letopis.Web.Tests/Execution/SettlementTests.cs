using System.Net;
using System.Net.Http.Json;
using Letopis.Core.Execution;
using Letopis.TestKit;
using static Letopis.Web.Tests.Documents.DocumentTestData;
using static Letopis.Web.Tests.Execution.ExecutionTestKit;

namespace Letopis.Web.Tests.Execution;

/// <summary>«Взаиморасчёты»: planned, paid, acted and the balance of a contract and of a counterparty, to the kopeck.</summary>
public class SettlementTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Settlement_SeveralContractsOfCounterparty_AddsUpToTheKopeck(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(admin);
        var first = await ContractAsync(admin, counterparty);
        var second = await ContractAsync(admin, counterparty);
        var stranger = await ContractAsync(admin, await CounterpartyAsync(admin));

        // Today is 27 November 2026: the advance of the 20th is overdue, the December dates are not.
        var advance = await PointAsync(admin, first, "payment", "Аванс 30 %", "2026-11-20", 300_000.33m);
        var stage1 = await PointAsync(admin, first, "stage", "Этап 1. Проектирование", "2026-12-15", 450_000.50m);
        var stage2 = await PointAsync(admin, first, "stage", "Этап 2. Изыскания", "2026-11-25", 249_999.17m);
        var small = await PointAsync(admin, second, "payment", "Оплата почтовых расходов", "2026-12-01", 0.03m);
        var foreign = await PointAsync(admin, stranger, "payment", "Чужой платёж", "2026-12-01", 5m);

        await PayAsync(admin, advance.Id, 100_000.11m, "2026-11-21");
        await PayAsync(admin, advance.Id, 0.01m);
        await PayAsync(admin, stage1.Id, 450_000.50m);
        await PayAsync(admin, small.Id, 0.01m);
        await PayAsync(admin, foreign.Id, 5m);
        var act = await ActAsync(admin, first, counterparty, 450_000.50m);
        var linked = await admin.PostAsJsonAsync($"/api/v1/control-points/{stage1.Id}/complete", new { closingDocumentId = act });
        linked.StatusCode.ShouldBe(HttpStatusCode.OK, await linked.Content.ReadAsStringAsync());
        var done = await admin.PostAsJsonAsync($"/api/v1/control-points/{stage2.Id}/complete", new { });
        done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());

        var contract = await GetAsync<SettlementDto>(admin, $"/api/v1/documents/{first}/settlement");
        contract.Planned.ShouldBe(1_000_000.00m);
        contract.Paid.ShouldBe(550_000.62m);
        contract.Acted.ShouldBe(450_000.50m);
        contract.Balance.ShouldBe(449_999.38m);
        contract.Currency.ShouldBe("RUB");
        contract.Overdue.Select(p => p.Id).ShouldBe([advance.Id]);
        contract.Overdue[0].Left.ShouldBe(200_000.21m);
        contract.StagesWithoutAct.Select(p => p.Id).ShouldBe([stage2.Id]);

        var all = await GetAsync<CounterpartySettlementDto>(admin, $"/api/v1/counterparties/{counterparty}/settlement");
        all.Planned.ShouldBe(1_000_000.03m);
        all.Paid.ShouldBe(550_000.63m);
        all.Acted.ShouldBe(450_000.50m);
        all.Balance.ShouldBe(449_999.40m);
        all.OverdueCount.ShouldBe(1);
        all.Contracts.Select(c => c.DocumentId).ShouldBe([first, second], ignoreOrder: true);
        var line = all.Contracts.Single(c => c.DocumentId == second);
        (line.Planned, line.Paid, line.Acted, line.Balance, line.OverdueCount).ShouldBe((0.03m, 0.01m, 0m, 0.02m, 0));
        all.Contracts.Single(c => c.DocumentId == first).OverdueCount.ShouldBe(1);
        all.Overdue.Select(p => p.Id).ShouldBe([advance.Id]);
        all.StagesWithoutAct.Select(p => p.Id).ShouldBe([stage2.Id]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Settlement_LinkedActAndPlanCopied_FollowsTheLinkAndTheShift(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(admin);
        var schedule = await ContractAsync(admin, counterparty);
        var contract = await ContractAsync(admin, counterparty);
        await PointAsync(admin, schedule, "delivery", "Поставка партии 1", "2026-12-10", 120_000m);
        await PointAsync(admin, schedule, "payment", "Оплата партии 1", "2026-12-20", 120_000m);

        var copied = await admin.PostAsJsonAsync($"/api/v1/documents/{contract}/control-points/copy", new { fromDocumentId = schedule, shiftDays = 7 });
        copied.StatusCode.ShouldBe(HttpStatusCode.Created, await copied.Content.ReadAsStringAsync());
        var plan = await GetAsync<List<ControlPointDto>>(admin, $"/api/v1/documents/{contract}/control-points");
        plan.Select(p => (p.Kind, p.Title, p.DueOn, p.Amount, p.Status)).ShouldBe([
            ("delivery", "Поставка партии 1", new DateOnly(2026, 12, 17), 120_000m, "open"),
            ("payment", "Оплата партии 1", new DateOnly(2026, 12, 27), 120_000m, "open"),
        ]);

        var act = await ActAsync(admin, contract, counterparty, 119_999.99m);
        var link = await admin.PostAsJsonAsync($"/api/v1/control-points/{plan[0].Id}/link", new { closingDocumentId = act });
        link.StatusCode.ShouldBe(HttpStatusCode.OK, await link.Content.ReadAsStringAsync());
        (await GetAsync<SettlementDto>(admin, $"/api/v1/documents/{contract}/settlement")).Acted.ShouldBe(119_999.99m);

        // An act of another contract's tree closes nothing here.
        var alien = await ActAsync(admin, schedule, counterparty, 1m);
        var refused = await admin.PostAsJsonAsync($"/api/v1/control-points/{plan[1].Id}/link", new { closingDocumentId = alien });
        (await ProblemAsync(refused, HttpStatusCode.BadRequest)).FieldCodes("closingDocumentId").ShouldBe(["not_in_tree"]);

        var reason = await admin.PostAsJsonAsync($"/api/v1/control-points/{plan[1].Id}/miss-reason", new { reason = "Заказчик не подписал акт сверки" });
        reason.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reason.Content.ReadFromJsonAsync<ControlPointDto>(Json))!.MissReason.ShouldBe("Заказчик не подписал акт сверки");
        var history = await GetAsync<System.Text.Json.JsonElement>(admin, $"/api/v1/documents/{contract}/history?pageSize=100");
        history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("field").GetString())
            .ShouldContain(ExecutionNotices.HistoryPoint);
    }
}
