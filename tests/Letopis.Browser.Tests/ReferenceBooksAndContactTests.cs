using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class ReferenceBooksAndContactTests(LetopisServer server)
{
    [Fact]
    public async Task ReferenceBooks_TakeANewRegion_AndListOurCompanies()
    {
        var region = "Регион " + Guid.NewGuid().ToString("N")[..6];
        var page = await server.NewPageAsync();
        await page.SignInAsync("admin", LetopisServer.AdminPassword);

        await page.GoAsync("/reference-books");
        await page.Field("ref-new-name").FillAsync(region);
        await page.ClickAsync("[data-testid=ref-add]");
        await page.WaitForSelectorAsync($"[data-testid=ref-items] >> text={region}");
        await page.ShotAsync(server, "reference-books");

        await page.ClickAsync(".mud-tab >> text=Наши организации");
        await page.WaitForSelectorAsync("[data-testid=our-companies] >> text=СтройГрад-Монтаж");
        await page.ShotAsync(server, "our-companies");
    }

    [Fact]
    public async Task AContactPersonsPage_OpensFromTheCard()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("admin", LetopisServer.AdminPassword);

        await page.GoAsync("/search?q=" + Uri.EscapeDataString("Орлову Виктору"));
        await page.Locator("[data-testid=search-hit][data-entity=contact]", new PageLocatorOptions { HasText = "Орлов Виктор Семёнович" }).First.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=card-name]");
        await page.ClickAsync(".mud-tab >> text=Контактные лица");
        await page.Locator("[data-testid=contact-open]", new PageLocatorOptions { HasText = "Орлов Виктор Семёнович" }).First.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=contact-name] >> text=Орлов Виктор Семёнович");
        await page.ShotAsync(server, "contact-page");
    }
}
