using System.Net.Http.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Components.Pages.Execution;
using Letopis.Web.Components.Shared;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Letopis.Web.Tests.Components.Execution;

/// <summary>
/// Execution control as a user works it: the plan on the contract's card, payments against it (an
/// over-payment only when confirmed), the settlement on the counterparty's card and the overdue list.
/// The shared host's today is 27 November 2026; the contracts here are in force from 1 November.
/// </summary>
public sealed class ExecutionUiTests : HostedComponentTest
{
    private LetopisHost _host = default!;
    private HttpClient _admin = default!;

    private async Task ArrangeAsync()
    {
        _host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        _admin = await _host.AdminAsync();
        SignIn(_host, await FileTestKit.AdminIdAsync(_host));
    }

    private async Task<Guid> CounterpartyAsync(string name) =>
        await IdOfAsync(await _admin.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name, inn = TestRequisites.Inn10() }));

    private async Task<Guid> ContractAsync(Guid counterpartyId, string title) =>
        await IdOfAsync(await _admin.PostAsJsonAsync("/api/v1/documents",
            new { typeCode = "contract", title, counterpartyId, amount = 5_000_000m, validFrom = "2026-11-01" }));

    private async Task<Guid> PointAsync(Guid contractId, string kind, string title, string dueOn, decimal? amount) =>
        await IdOfAsync(await _admin.PostAsJsonAsync($"/api/v1/documents/{contractId}/control-points", new { kind, title, dueOn, amount }));

    private IRenderedComponent<IComponent> OpenCard(Guid contractId)
    {
        var cut = RenderPage<DocumentCard>((nameof(DocumentCard.Id), contractId));
        cut.WaitForElement("[data-testid=execution-panel]");
        return cut;
    }

    private static string Unbroken(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ').Trim();

    private static TypedInput Input(IRenderedComponent<IComponent> cut, string testId) =>
        new(cut.Find($"input[data-testid={testId}], [data-testid={testId}] input"));

    private Task<long> PaymentsAsync(Guid pointId) =>
        _host.WithDbAsync(db => db.ControlPayments.AsNoTracking().Where(p => p.ControlPointId == pointId).SumAsync(p => p.AmountMinor));

    [Fact]
    public async Task ExecutionPanel_PartialPayment_ShowsPaidAndBalanceInRussianMoney()
    {
        await ArrangeAsync();
        var counterparty = await CounterpartyAsync("ООО «Опалубка " + Guid.NewGuid().ToString("N")[..6] + "»");
        var contract = await ContractAsync(counterparty, "Монолитные работы, секция 1");
        var point = await PointAsync(contract, "payment", "Аванс 30 %", "2026-12-15", 1_234_567.89m);
        var cut = OpenCard(contract);
        cut.WaitForAssertion(() => Unbroken(cut.Find("[data-testid=settlement-planned]").TextContent).ShouldBe("1 234 567,89 ₽"));

        cut.Find("[data-testid=cp-pay]").Click();
        cut.WaitForElement("[data-testid=pay-dialog]");
        Input(cut, "pay-amount").Change("1000000,5");
        cut.Find("[data-testid=pay-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=pay-dialog]").ShouldBeEmpty());
        cut.WaitForAssertion(() =>
        {
            Unbroken(cut.Find("[data-testid=settlement-paid]").TextContent).ShouldBe("1 000 000,50 ₽");
            Unbroken(cut.Find("[data-testid=settlement-balance]").TextContent).ShouldBe("234 567,39 ₽");
            Unbroken(cut.Find("[data-testid=cp-row-left]").TextContent).ShouldBe("234 567,39 ₽");
        });
        (await PaymentsAsync(point)).ShouldBe(100_000_050L);
    }

    [Fact]
    public async Task PaymentDialog_OverPaymentDeclined_RecordsNothing_ThenConfirmed_RecordsIt()
    {
        await ArrangeAsync();
        var counterparty = await CounterpartyAsync("ООО «Арматура " + Guid.NewGuid().ToString("N")[..6] + "»");
        var contract = await ContractAsync(counterparty, "Поставка арматуры А500С");
        var point = await PointAsync(contract, "payment", "Оплата поставки", "2026-12-20", 400_000m);
        var cut = OpenCard(contract);

        cut.WaitForElement("[data-testid=cp-pay]").Click();
        cut.WaitForElement("[data-testid=pay-dialog]");
        Input(cut, "pay-amount").Change("600000");
        cut.Find("[data-testid=pay-save]").Click();
        // The user is asked, with both sums, before anything is written.
        cut.WaitForElement("[data-testid=confirm]");
        var question = cut.FindAll(".mud-dialog").Last(d => d.QuerySelector("[data-testid=confirm]") is not null);
        Unbroken(question.TextContent).ShouldContain("Платёж 600 000,00 ₽ больше остатка по плану (400 000,00 ₽)");
        question.QuerySelectorAll("button").Single(b => b.TextContent.Contains("Отмена")).Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=confirm]").ShouldBeEmpty());
        (await PaymentsAsync(point)).ShouldBe(0L);

        cut.Find("[data-testid=pay-save]").Click();
        cut.WaitForElement("[data-testid=confirm]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=pay-dialog]").ShouldBeEmpty());
        (await PaymentsAsync(point)).ShouldBe(60_000_000L);
        cut.WaitForAssertion(() => Unbroken(cut.Find("[data-testid=settlement-balance]").TextContent).ShouldBe("-200 000,00 ₽"));
    }

    [Fact]
    public async Task ControlPointDialog_DateBeforeTheContractStarts_ShowsTheErrorAtTheDate_AndAddsNothing()
    {
        await ArrangeAsync();
        var counterparty = await CounterpartyAsync("ООО «Фундамент " + Guid.NewGuid().ToString("N")[..6] + "»");
        var contract = await ContractAsync(counterparty, "Устройство фундаментов");
        var cut = OpenCard(contract);
        cut.WaitForElement("[data-testid=cp-none]");

        cut.Find("[data-testid=cp-add]").Click();
        cut.WaitForElement("[data-testid=cp-dialog]");
        Input(cut, "cp-title").Change("Этап 1. Земляные работы");
        var due = cut.FindComponents<MudDatePicker>().Single();
        await cut.InvokeAsync(() => due.Instance.DateChanged.InvokeAsync(new DateTime(2026, 10, 15)));
        cut.Find("[data-testid=cp-save]").Click();

        // The message stands under the date picker, not in a snackbar.
        cut.WaitForAssertion(() => cut.FindAll(".mud-picker").ShouldContain(p => p.TextContent.Contains("Раньше начала действия договора")));
        cut.FindAll("[data-testid=cp-dialog]").ShouldNotBeEmpty();
        (await _host.WithDbAsync(db => db.ControlPoints.CountAsync(p => p.DocumentId == contract))).ShouldBe(0);

        await cut.InvokeAsync(() => due.Instance.DateChanged.InvokeAsync(new DateTime(2026, 12, 15)));
        cut.Find("[data-testid=cp-save]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=cp-row-title]").TextContent.ShouldBe("Этап 1. Земляные работы"));
        (await _host.WithDbAsync(db => db.ControlPoints.CountAsync(p => p.DocumentId == contract))).ShouldBe(1);
    }

    [Fact]
    public async Task CounterpartySettlement_ShowsTotalsOverContracts_AndTheOverduePoint()
    {
        await ArrangeAsync();
        var counterparty = await CounterpartyAsync("ООО «Кровля " + Guid.NewGuid().ToString("N")[..6] + "»");
        var first = await ContractAsync(counterparty, "Кровельные работы");
        var second = await ContractAsync(counterparty, "Водосточная система");
        var paid = await PointAsync(first, "payment", "Аванс", "2026-12-01", 300_000m);
        await _admin.PostAsJsonAsync($"/api/v1/control-points/{paid}/payments", new { amount = 120_000.25m, paidOn = "2026-11-20" });
        // Due before the host's today (27 November) and still open: overdue.
        await PointAsync(second, "stage", "Монтаж желобов", "2026-11-20", 200_000m);

        var cut = RenderPage<CounterpartySettlement>((nameof(CounterpartySettlement.CounterpartyId), counterparty));

        cut.WaitForAssertion(() =>
        {
            Unbroken(cut.Find("[data-testid=settlement-planned]").TextContent).ShouldBe("500 000,00 ₽");
            Unbroken(cut.Find("[data-testid=settlement-paid]").TextContent).ShouldBe("120 000,25 ₽");
            Unbroken(cut.Find("[data-testid=settlement-balance]").TextContent).ShouldBe("379 999,75 ₽");
        });
        cut.FindAll("[data-testid=cp-settlement-contract]").Count.ShouldBe(2);
        cut.Find("[data-testid=cp-settlement-overdue-count]").TextContent.ShouldContain("1");
        cut.Find("[data-testid=cp-settlement-overdue-row]").TextContent.ShouldContain("Монтаж желобов");
        cut.Find("[data-testid=cp-settlement-export]").GetAttribute("href").ShouldBe($"/api/v1/counterparties/{counterparty}/settlement.xlsx");
    }

    [Fact]
    public async Task ExecutionPage_OfAResponsiblePerson_ListsTheirOverduePointOnly()
    {
        await ArrangeAsync();
        var responsible = await _host.CreateUserAsync(fullName: "Гончаров Илья " + Guid.NewGuid().ToString("N")[..6]);
        var counterparty = await CounterpartyAsync("ООО «Фасад " + Guid.NewGuid().ToString("N")[..6] + "»");
        var contract = await ContractAsync(counterparty, "Навесной фасад");
        await IdOfAsync(await _admin.PostAsJsonAsync($"/api/v1/documents/{contract}/control-points",
            new { kind = "delivery", title = "Поставка кассет", dueOn = "2026-11-10", responsibleId = responsible.Id }));
        await IdOfAsync(await _admin.PostAsJsonAsync($"/api/v1/documents/{contract}/control-points",
            new { kind = "stage", title = "Монтаж подсистемы", dueOn = "2026-12-10", responsibleId = responsible.Id }));

        var cut = RenderPage<ExecutionPage>();
        cut.WaitForElement("[data-testid=execution-count]");
        var picker = cut.FindComponents<UserPicker>().Single(p => p.Instance.TestId == "execution-responsible");
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(new PickedUser(responsible.Id, "Гончаров")));

        cut.WaitForAssertion(() =>
        {
            cut.FindAll("[data-testid=execution-row-title]").Select(e => e.TextContent).ShouldBe(["Поставка кассет"]);
            cut.Find("[data-testid=execution-count]").TextContent.ShouldBe("Точек: 1");
        });
    }
}
