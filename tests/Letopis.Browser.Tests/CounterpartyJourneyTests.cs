using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class CounterpartyJourneyTests(LetopisServer server)
{
    [Fact]
    public async Task Manager_QuickAddsACounterparty_AddsAContact_AndFindsItByRegionAndCategory()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = $"ООО «Тестострой {suffix}»";
        var page = await server.NewPageAsync();
        await page.SignInAsync("petrov", LetopisServer.DemoPassword);

        await page.GoAsync("/counterparties");
        await page.WaitForSelectorAsync("table tbody tr >> text=ООО");
        await page.ShotAsync(server, "counterparties");

        // Quick entry is one click away on every page; a typo in the ИНН is caught before anything
        // is saved, next to the field.
        await page.GoAsync("/");
        await page.ClickAsync("[data-testid=shell-quick-add]");
        await page.Field("qa-name").FillAsync(name);
        await page.Field("qa-inn").FillAsync("7707083894");
        await page.ClickAsync("[data-testid=qa-save]");
        await page.WaitForSelectorAsync(".mud-dialog >> text=Контрольная сумма не сходится — проверьте цифры");
        await page.ShotAsync(server, "counterparty-quick-add-error");

        await page.Field("qa-inn").FillAsync(TestKit.TestRequisites.Inn10());
        await page.Field("qa-phone").FillAsync("8 843 200-00-00");
        await page.PickAsync("qa-region", "Казань");
        await page.PickAsync("qa-category", "Генподрядчик");
        await page.ClickAsync("[data-testid=qa-save]");
        // Blazor navigates within the document: there is no load event to wait for.
        await page.WaitForURLAsync(url => url.Contains("/counterparties/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync($"[data-testid=card-name] >> text={name}");

        // The card opens on its chronicle: a note lands on top of the automatic entries.
        await page.Locator("textarea[data-testid=note-text], [data-testid=note-text] textarea").First.FillAsync("Встреча на объекте в четверг, обсуждаем график бетонирования");
        await page.ClickAsync("[data-testid=note-add]");
        await page.WaitForSelectorAsync("[data-testid=timeline-item] >> text=Встреча на объекте в четверг");
        (await page.Locator("[data-testid=timeline-item]").CountAsync()).ShouldBe(2);
        await page.ShotAsync(server, "counterparty-timeline");

        await page.ClickAsync(".mud-tab >> text=Общие сведения");
        await page.WaitForSelectorAsync(".mud-main-content >> text=+7 843 200-00-00");
        await page.ShotAsync(server, "counterparty-card");

        await page.ClickAsync(".mud-tab >> text=Контактные лица");
        await page.ClickAsync("[data-testid=add-contact]");
        await page.Field("contact-name").FillAsync("Лазарев Станислав Петрович");
        await page.Field("contact-position").FillAsync("Главный инженер");
        await page.Field("contact-phone").FillAsync("+7 917 555-44-33");
        await page.ClickAsync("[data-testid=contact-save]");
        await page.WaitForSelectorAsync("[data-testid=contact-card] >> text=Лазарев Станислав Петрович");
        (await page.InnerTextAsync("[data-testid=contact-card]")).ShouldContain("основной");
        await page.ShotAsync(server, "counterparty-contacts");

        await page.GoAsync("/counterparties");
        await page.PickAsync("filter-regionId", "Казань");
        await page.PickAsync("filter-categoryId", "Генподрядчик");
        await page.Field("directory-search").FillAsync(suffix);
        await page.WaitForSelectorAsync($"table tbody tr >> text={name}");
        // The count and the rows settle once the typed text reaches the filter: exactly one card.
        await page.WaitForFunctionAsync("() => /Найдено:\\s*1(\\D|$)/.test(document.querySelector('[data-testid=directory-total]')?.innerText ?? '')");
        await Assertions.Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);

        // Entering the same company again, under another legal form, is flagged before saving.
        await page.ClickAsync("[data-testid=quick-add]");
        await page.Field("qa-name").FillAsync($"АО Тестострой {suffix}");
        await page.ClickAsync("[data-testid=qa-save]");
        await page.WaitForSelectorAsync($"[data-testid=qa-duplicates] >> text={name}");
        await page.ShotAsync(server, "counterparty-duplicates");
    }

    [Fact]
    public async Task Calendar_ShowsTheProductionCalendarWithDaysOff()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("sekretar", LetopisServer.DemoPassword);

        await page.GoAsync("/calendar");
        await page.WaitForSelectorAsync("[data-testid=calendar-year]");

        var newYearsEve = page.Locator("[data-date='2026-12-31']");
        (await newYearsEve.GetAttributeAsync("class"))!.ShouldContain("letopis-day-off");
        (await page.Locator("[data-date='2026-12-30']").GetAttributeAsync("class"))!.ShouldNotContain("letopis-day-off");
        (await page.InnerTextAsync("[data-testid=calendar-total]")).ShouldContain("247");
        await page.ShotAsync(server, "calendar");
    }
}
