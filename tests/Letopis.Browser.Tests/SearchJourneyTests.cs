using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class SearchJourneyTests(LetopisServer server)
{
    /// <summary>A made-up word of consonants: unique per run, and no stemmer shortens it.</summary>
    private static string Marker() =>
        string.Concat(Enumerable.Range(0, 8).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));

    [Fact]
    public async Task Manager_FindsANewCounterpartyByADeclinedForm_AndOpensItsCard()
    {
        var marker = Marker();
        var name = $"ООО «Гранитстрой {marker}»";
        var page = await server.NewPageAsync();
        await page.SignInAsync("petrov", LetopisServer.DemoPassword);

        await page.GoAsync("/counterparties");
        await page.ClickAsync("[data-testid=quick-add]");
        await page.Field("qa-name").FillAsync(name);
        await page.Field("qa-phone").FillAsync("+7 843 271-35-46");
        await page.ClickAsync("[data-testid=qa-save]");
        await page.WaitForSelectorAsync($"[data-testid=card-name] >> text={name}");

        // The top-bar box: «Гранитстроя» is the genitive of what was typed in.
        await page.GoAsync("/");
        await page.Field("global-search").FillAsync($"Гранитстроя {marker}");
        await page.Field("global-search").PressAsync("Enter");
        // Blazor navigates within the document: wait for the results, then check the address.
        var hit = page.Locator("[data-testid=search-hit][data-entity=counterparty]", new PageLocatorOptions { HasText = name });
        await hit.WaitForAsync();
        page.Url.ShouldContain("/search?q=");
        (await page.Locator("[data-testid=search-hit]").CountAsync()).ShouldBe(1);
        (await page.InnerTextAsync("[data-testid=search-group-counterparty]")).ShouldBe("Контрагенты");
        (await hit.InnerTextAsync()).ShouldContain("+7 843 271-35-46");
        await page.ShotAsync(server, "search-declined");

        await hit.ClickAsync();
        // Blazor navigates within the document: there is no load event to wait for.
        await page.WaitForURLAsync(url => url.Contains("/counterparties/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync($"[data-testid=card-name] >> text={name}");
    }

    [Fact]
    public async Task DemoContacts_AreFoundByADeclinedSurname_AndLeadToTheirCounterparty()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("admin", LetopisServer.AdminPassword);

        await page.GoAsync("/search?q=" + Uri.EscapeDataString("Орлову Виктору"));
        var contact = page.Locator("[data-testid=search-hit][data-entity=contact]", new PageLocatorOptions { HasText = "Орлов Виктор Семёнович" }).First;
        await contact.WaitForAsync();
        (await page.InnerTextAsync("[data-testid=search-group-contact]")).ShouldBe("Контактные лица");
        await page.ShotAsync(server, "search-contacts");

        await contact.ClickAsync();
        // Blazor navigates within the document: there is no load event to wait for.
        await page.WaitForURLAsync(url => url.Contains("/counterparties/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("[data-testid=card-name]");
    }
}
