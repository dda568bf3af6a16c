using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

/// <summary>An administrator makes a document custom field required for one document type, and registering that type asks for it.</summary>
[Collection(ServerCollection.Name)]
public class DocumentTypeFieldsJourneyTests(LetopisServer server)
{
    [Fact]
    public async Task Admin_MakesAFieldRequiredForMemos_AndRegisteringAMemoAsksForIt()
    {
        var code = "site" + Guid.NewGuid().ToString("N")[..6];
        await CreateDocumentFieldAsync(code, "Объект строительства");

        var page = await server.NewPageAsync();
        await page.SignInAsync("admin", LetopisServer.AdminPassword);
        await page.ClickAsync("[data-testid=nav-document-settings]");
        await page.Locator("[data-testid=doctype-name]", new PageLocatorOptions { HasText = "Служебная записка" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=doctype-dialog]");
        // The field is preselected as it is defined: shown.
        await Assertions.Expect(page.Locator($"[data-testid=doctype-cf-{code}]").First).ToHaveTextAsync("Показано");
        await page.PickAsync("doctype-cf-" + code, "Обязательно");
        await page.ShotAsync(server, "document-type-custom-fields");
        await page.ClickAsync("[data-testid=doctype-save]");
        await page.WaitForSelectorAsync("[data-testid=doctype-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });

        // Registering a memo without the field is refused at the field; with it, the memo is registered.
        var title = "О графике дежурств на объекте " + code;
        await page.GoAsync("/documents");
        await page.ClickAsync("[data-testid=doc-register]");
        await page.WaitForSelectorAsync("[data-testid=doc-register-dialog]");
        await page.PickAsync("doc-type", "Служебная записка");
        await page.Field("doc-title").FillAsync(title);
        await page.ClickAsync("[data-testid=doc-register-save]");
        await page.WaitForSelectorAsync($".mud-dialog .mud-input-control:has([data-testid=cf-input-{code}]) >> text=Обязательное поле");
        await page.Field("cf-input-" + code).FillAsync("ЖК «Северный», корпус 2");
        await page.ClickAsync("[data-testid=doc-register-save]");
        await page.WaitForSelectorAsync("[data-testid=doc-register-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.GoAsync("/documents");
        await page.Field("doc-filter-q").FillAsync(code);
        await page.WaitForSelectorAsync($"[data-testid=doc-table] [data-testid=doc-row-title] >> text={title}");
    }

    private async Task CreateDocumentFieldAsync(string code, string label)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = "admin", password = LetopisServer.AdminPassword });
        token.EnsureSuccessStatusCode();
        var access = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        (await http.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "document", code, label, type = "string" })).EnsureSuccessStatusCode();
    }
}
