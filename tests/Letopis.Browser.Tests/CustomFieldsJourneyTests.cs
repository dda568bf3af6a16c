using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class CustomFieldsJourneyTests(LetopisServer server)
{
    [Fact]
    public async Task Admin_AddsAField_FillsCustomFieldsOnACard_AndFiltersTheDirectoryByOne()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var page = await server.NewPageAsync();
        await page.SignInAsync("admin", LetopisServer.AdminPassword);

        // The settings screen lists the demo company's fields per entity and adds a new one.
        await page.GoAsync("/admin/custom-fields");
        await page.WaitForSelectorAsync("[data-testid=cf-table] >> text=Объём закупок в год");
        await page.ClickAsync("[data-testid=cf-add]");
        await page.Field("cf-label").FillAsync("Номер в реестре СРО");
        await page.Field("cf-code").FillAsync("sroNumber" + suffix);
        await page.ClickAsync("[data-testid=cf-save]");
        await page.WaitForSelectorAsync($"[data-testid=cf-table] >> text=sroNumber{suffix}");
        await page.ShotAsync(server, "custom-fields");

        var name = $"ООО «Полевой {suffix}»";
        await page.GoAsync("/counterparties");
        await page.ClickAsync("[data-testid=quick-add]");
        await page.Field("qa-name").FillAsync(name);
        await page.ClickAsync("[data-testid=qa-save]");
        await page.WaitForSelectorAsync($"[data-testid=card-name] >> text={name}");

        await page.ClickAsync(".mud-tab >> text=Общие сведения");
        await page.ClickAsync("[data-testid=card-edit]");
        await page.Field("cf-input-purchaseVolume").FillAsync("1234567,89");
        await page.Locator("[data-testid=cf-input-sroAdmission] input, input[data-testid=cf-input-sroAdmission]").First.CheckAsync();
        await page.PickAsync("cf-input-objectTypes", "Склады и логистика");
        await page.Field("cf-input-sroNumber" + suffix).FillAsync("СРО-С-123-" + suffix);
        await page.ClickAsync("[data-testid=card-save]");
        await page.WaitForSelectorAsync("[data-testid=cf-view-purchaseVolume]");
        (await page.InnerTextAsync("[data-testid=cf-view-purchaseVolume]")).Replace('\u00A0', ' ').Replace('\u202F', ' ').ShouldContain("1 234 567,89 ₽");
        (await page.InnerTextAsync("[data-testid=cf-view-sroAdmission]")).ShouldContain("да");
        (await page.InnerTextAsync("[data-testid=cf-view-objectTypes]")).ShouldContain("Склады и логистика");
        (await page.InnerTextAsync("[data-testid=cf-view-sroNumber" + suffix + "]")).ShouldContain("СРО-С-123-" + suffix);
        await page.ShotAsync(server, "counterparty-custom-fields");

        // The directory narrows to cards with this value.
        await page.GoAsync("/counterparties");
        await page.Field("directory-search").FillAsync(suffix);
        await page.WaitForSelectorAsync($"table tbody tr >> text={name}");
        await page.PickAsync("cf-filter-field", "Номер в реестре СРО");
        await page.Field("cf-filter-value").FillAsync("нет такого");
        await page.ClickAsync("[data-testid=cf-filter-apply]");
        await page.WaitForSelectorAsync("[data-testid=cf-filter-chip]");
        await page.WaitForSelectorAsync($"table tbody tr >> text={name}", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.ClickAsync("[data-testid=cf-filter-chip] .mud-chip-close-button");
        // Without the condition the search alone shows the card again.
        await page.WaitForSelectorAsync($"table tbody tr >> text={name}");
        await page.PickAsync("cf-filter-field", "Номер в реестре СРО");
        await page.Field("cf-filter-value").FillAsync("СРО-С-123-" + suffix);
        await page.ClickAsync("[data-testid=cf-filter-apply]");
        await page.WaitForSelectorAsync($"table tbody tr >> text={name}");
        (await page.Locator("table tbody tr").CountAsync()).ShouldBe(1);
        await page.ShotAsync(server, "counterparties-custom-filter");
    }
}
