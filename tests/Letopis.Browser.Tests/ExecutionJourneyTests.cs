using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class ExecutionJourneyTests(LetopisServer server)
{
    /// <summary>Sums read as a Russian user sees them, with the non-breaking group spaces made plain.</summary>
    private static string Plain(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ').Trim();

    [Fact]
    public async Task Manager_AddsAPaymentPlanToAContract_RecordsAPartialPayment_AndSeesTheBalanceOnTheCounterpartyCard()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var company = $"ООО «Теплосеть-Монтаж {suffix}»";
        var api = await server.ApiAsync("petrov");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var counterpartyId = await IdAsync(await api.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name = company, phone = "8 843 210-10-10" }));
        var contractId = await IdAsync(await api.PostAsJsonAsync("/api/v1/documents", new
        {
            typeCode = "contract",
            title = $"Прокладка теплосети, квартал 5 ({suffix})",
            counterpartyId,
            amount = 5_000_000m,
            validFrom = today.AddDays(-30).ToString("yyyy-MM-dd"),
        }));
        // A stage that is already late: the plan flags it, and its reason is on record.
        var stageId = await IdAsync(await api.PostAsJsonAsync($"/api/v1/documents/{contractId}/control-points", new
        {
            kind = "stage",
            title = "Этап 1. Подготовка траншеи",
            dueOn = today.AddDays(-3).ToString("yyyy-MM-dd"),
        }));
        (await api.PostAsJsonAsync($"/api/v1/control-points/{stageId}/miss-reason", new { reason = "Задержка согласования ордера на земляные работы" }))
            .EnsureSuccessStatusCode();

        var page = await server.NewPageAsync();
        await page.SignInAsync("petrov", LetopisServer.DemoPassword);
        await page.GoAsync($"/documents/{contractId}");
        await page.WaitForSelectorAsync("[data-testid=execution-panel]");
        await Assertions.Expect(page.Locator("[data-testid=cp-row][data-overdue=yes]")).ToHaveCountAsync(1);

        // The payment plan: an advance and the final payment.
        await AddPaymentAsync(page, "Аванс 30 %", "1500000");
        await AddPaymentAsync(page, "Окончательный расчёт", "3500000");
        await Assertions.Expect(page.Locator("[data-testid=cp-row][data-kind=payment]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=settlement-planned]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^5\s000\s000,00 ₽$"));

        // A partial payment of the advance: the dialog offers what is left, the user pays less.
        var advance = page.Locator("tr", new PageLocatorOptions { Has = page.Locator("[data-testid=cp-row-title]", new PageLocatorOptions { HasText = "Аванс 30 %" }) });
        await advance.Locator("[data-testid=cp-pay]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=pay-dialog]");
        Plain(await page.Field("pay-amount").InputValueAsync()).ShouldBe("1 500 000,00");
        await page.Field("pay-amount").FillAsync("600000");
        await page.Field("pay-note").FillAsync("П/п № 418");
        await page.ClickAsync("[data-testid=pay-save]");
        await page.WaitForSelectorAsync("[data-testid=pay-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });

        await Assertions.Expect(page.Locator("[data-testid=settlement-paid]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^600\s000,00 ₽$"));
        Plain(await page.InnerTextAsync("[data-testid=settlement-balance]")).ShouldBe("4 400 000,00 ₽");
        Plain(await advance.Locator("[data-testid=cp-row-left]").InnerTextAsync()).ShouldBe("900 000,00 ₽");
        await page.ShotAsync(server, "execution-plan");

        // The counterparty's card: the same balance in «Взаиморасчёты», with the late stage.
        await page.ClickAsync("[data-testid=doc-counterparty-link]");
        await page.ClickAsync(".mud-tab >> text=Взаиморасчёты");
        await page.WaitForSelectorAsync("[data-testid=cp-settlement-contracts]");
        Plain(await page.InnerTextAsync("[data-testid=cp-settlement] [data-testid=settlement-balance]")).ShouldBe("4 400 000,00 ₽");
        Plain(await page.InnerTextAsync("[data-testid=cp-settlement] [data-testid=settlement-paid]")).ShouldBe("600 000,00 ₽");
        Plain(await page.InnerTextAsync("[data-testid=cp-settlement-contract-balance]")).ShouldBe("4 400 000,00 ₽");
        (await page.InnerTextAsync("[data-testid=cp-settlement-overdue]")).ShouldContain("Задержка согласования ордера");
        await page.ShotAsync(server, "counterparty-settlement");
    }

    private static async Task AddPaymentAsync(IPage page, string title, string amount)
    {
        await page.ClickAsync("[data-testid=cp-add]");
        await page.WaitForSelectorAsync("[data-testid=cp-dialog]");
        await page.PickAsync("cp-kind", "Платёж");
        await page.Field("cp-title").FillAsync(title);
        await page.Field("cp-amount").FillAsync(amount);
        await page.ClickAsync("[data-testid=cp-save]");
        await page.WaitForSelectorAsync("[data-testid=cp-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.WaitForSelectorAsync($"[data-testid=cp-row-title] >> text={title}");
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
