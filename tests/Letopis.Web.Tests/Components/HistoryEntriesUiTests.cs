using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Counterparties;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.AspNetCore.Components;

namespace Letopis.Web.Tests.Components;

/// <summary>
/// History tabs show a save as one entry: a creation is one block, its fields in the card's order,
/// values by name and formatted as the card shows them.
/// </summary>
public sealed partial class HistoryEntriesUiTests : HostedComponentTest
{
    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex GuidText();

    private static void OpenTab(IRenderedComponent<IComponent> cut, string text) =>
        cut.WaitForAssertion(() => cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains(text, StringComparison.Ordinal)).Click(), TimeSpan.FromSeconds(30));

    private static List<(string Field, string Value)> Rows(IElement entry, string testId) =>
        entry.QuerySelectorAll("[data-testid=history-change]")
            .Select(r => (r.QuerySelector($"[data-testid={testId}-field]")!.TextContent.Trim(), r.QuerySelector($"[data-testid={testId}-new]")!.TextContent.Trim()))
            .ToList();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DocumentHistory_Registration_IsOneEntryInTheCardsOrder_WithNamesPercentAndCurrency(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await FileTestKit.CounterpartyAsync(admin, "ООО «История» " + Guid.NewGuid().ToString("N")[..6]);
        var contract = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/documents", new
        {
            typeCode = "contract",
            title = "Договор поставки щебня",
            counterpartyId = counterparty,
            amount = 122000m,
            vatRate = 22,
            currency = "RUB",
            validFrom = "2026-12-01",
            validTo = "2027-12-31",
            summary = "Поставка щебня фракции 20–40",
        }));
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");

        var cut = RenderPage<DocumentCard>((nameof(DocumentCard.Id), contract));
        OpenTab(cut, "История изменений");

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=history-entry]").ShouldNotBeEmpty(), TimeSpan.FromSeconds(30));
        var created = cut.FindAll("[data-testid=history-entry][data-operation=created]").ShouldHaveSingleItem();
        cut.FindAll("[data-testid=history-entry]").Count.ShouldBe(1);
        var rows = Rows(created, "doc-history");
        var fields = rows.Select(r => r.Field).ToList();
        fields.ShouldNotContain("Удалён");
        fields.ShouldBe(fields.Distinct().ToList());
        // The card's order: type, number, journal, date, counterparty, amount, VAT, terms, responsible, summary.
        string[] inOrder = ["Вид документа", "Номер", "Журнал регистрации", "Дата регистрации", "Контрагент", "Сумма", "Валюта", "Ставка НДС",
            "Действует с", "Действует по", "Ответственный", "Краткое содержание"];
        inOrder.Select(f => fields.IndexOf(f)).ShouldAllBe(i => i >= 0);
        inOrder.Select(f => fields.IndexOf(f)).ShouldBeInOrder();
        rows.Single(r => r.Field == "Журнал регистрации").Value.ShouldBe("Договоры");
        rows.Single(r => r.Field == "Вид документа").Value.ShouldBe("Договор");
        rows.Single(r => r.Field == "Ставка НДС").Value.ShouldBe("22 %");
        rows.Single(r => r.Field == "Валюта").Value.ShouldBe("₽");
        rows.Single(r => r.Field == "Ответственный").Value.ShouldBe("Администратор");
        rows.ShouldAllBe(r => !GuidText().IsMatch(r.Value));
        created.QuerySelector("[data-testid=history-author]")!.TextContent.ShouldBe("Администратор");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CounterpartyHistory_Creation_IsOneEntry_WithThePhoneAsTheCardShowsIt(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var manager = await host.CreateUserAsync(fullName: $"Лебедева Ольга {tag}");
        var region = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/reference/regions", new { name = $"Тульская область {tag}" }));
        var counterparty = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new
        {
            kind = "company",
            name = $"ООО «Телефон-{tag}»",
            inn = TestRequisites.Inn10(),
            phone = "84951234567",
            email = $"info{tag}@example.ru",
            regionId = region,
            responsibleId = manager.Id,
        }));
        var card = await JsonAsync(admin, $"/api/v1/counterparties/{counterparty}");
        (await admin.PatchAsJsonAsync($"/api/v1/counterparties/{counterparty}", new { version = card.GetProperty("version").GetInt32(), phone = "+7 495 765-43-21" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");

        var cut = RenderPage<CounterpartyCard>((nameof(CounterpartyCard.Id), counterparty));
        OpenTab(cut, "История изменений");

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=history-entry]").Count.ShouldBe(2), TimeSpan.FromSeconds(30));
        var entries = cut.FindAll("[data-testid=history-entry]");
        entries[0].GetAttribute("data-operation").ShouldBe("updated");
        entries[0].QuerySelector("[data-testid=card-history-old]")!.TextContent.Trim().ShouldBe("+7 495 123-45-67");
        entries[0].QuerySelector("[data-testid=card-history-new]")!.TextContent.Trim().ShouldBe("+7 495 765-43-21");
        entries[1].GetAttribute("data-operation").ShouldBe("created");
        var rows = Rows(entries[1], "card-history");
        var fields = rows.Select(r => r.Field).ToList();
        string[] inOrder = ["Наименование", "ИНН", "Телефон", "E-mail", "Регион", "Ответственный"];
        inOrder.Select(f => fields.IndexOf(f)).ShouldAllBe(i => i >= 0);
        inOrder.Select(f => fields.IndexOf(f)).ShouldBeInOrder();
        rows.Single(r => r.Field == "Телефон").Value.ShouldBe("+7 495 123-45-67");
        rows.Single(r => r.Field == "Регион").Value.ShouldBe($"Тульская область {tag}");
        rows.Single(r => r.Field == "Ответственный").Value.ShouldBe($"Лебедева Ольга {tag}");
        rows.ShouldAllBe(r => !GuidText().IsMatch(r.Value));
    }
}
