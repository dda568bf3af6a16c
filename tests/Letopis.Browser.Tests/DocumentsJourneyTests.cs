using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class DocumentsJourneyTests(LetopisServer server)
{
    /// <summary>A made-up stem of consonants: unique per run, and no stemmer shortens it.</summary>
    private static string Marker() =>
        string.Concat(Enumerable.Range(0, 7).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));

    [Fact]
    public async Task Manager_RegistersAContractWithAScan_AddsAnAgreement_SeesBothOnTheCounterparty_AndFindsTheContractByItsFileText()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var company = $"ООО «Монолитстрой {suffix}»";
        var title = $"Устройство монолитного каркаса, корпус 2 ({suffix})";
        // The word stands only inside the scan's text layer, in the nominative; it is searched in the genitive.
        var word = Marker() + "плита";
        var counterpartyId = await CreateCounterpartyAsync("petrov", company);
        var scan = await ScanAsync($"Договор подряда. Предмет: поставка и монтаж: {word} перекрытия, 120 шт.");

        var page = await server.NewPageAsync();
        await page.SignInAsync("petrov", LetopisServer.DemoPassword);

        // From the counterparty's card: register a contract; a missing title is named at its field.
        await page.GoAsync($"/counterparties/{counterpartyId}");
        await page.ClickAsync(".mud-tab >> text=Документы");
        await page.WaitForSelectorAsync("[data-testid=cp-doc-none]");
        await page.ClickAsync("[data-testid=cp-doc-register]");
        await page.WaitForSelectorAsync("[data-testid=doc-register-dialog]");
        await page.PickAsync("doc-type", "Договор");
        await Assertions.Expect(page.Field("doc-counterparty")).ToHaveValueAsync(company);
        await page.ClickAsync("[data-testid=doc-register-save]");
        // The handler's field error appears beside the title, in Russian.
        await page.WaitForSelectorAsync(".mud-dialog .mud-input-control:has([data-testid=doc-title]) >> text=Обязательное поле");
        await page.Field("doc-title").FillAsync(title);
        await page.Field("doc-amount").FillAsync("1250000");
        await page.ShotAsync(server, "document-register");
        await page.ClickAsync("[data-testid=doc-register-save]");
        await page.WaitForSelectorAsync("[data-testid=doc-register-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        var contractNode = page.Locator("[data-testid=doc-node][data-kind=contract]", new PageLocatorOptions { HasText = title });
        await Assertions.Expect(contractNode).ToHaveCountAsync(1);
        (await contractNode.Locator("[data-testid=doc-status]").First.InnerTextAsync()).ShouldBe("Черновик");

        // Its card: upload the scan, send it for approval.
        await contractNode.Locator("[data-testid=doc-node-title]").First.ClickAsync();
        await page.WaitForSelectorAsync($"[data-testid=doc-card-title] >> text={title}");
        var heading = await page.InnerTextAsync("[data-testid=doc-heading]");
        heading.ShouldStartWith("Договор № ");
        await page.ClickAsync(".mud-tab >> text=Файлы");
        await page.SetInputFilesAsync("[data-testid=doc-file-input]", new FilePayload { Name = "Договор подряда (скан).pdf", MimeType = "application/pdf", Buffer = scan });
        await page.WaitForSelectorAsync("[data-testid=doc-file-picked] >> text=Договор подряда (скан).pdf");
        await page.Field("doc-file-comment").FillAsync("Скан подписанного экземпляра");
        await page.ClickAsync("[data-testid=doc-file-upload]");
        await page.WaitForSelectorAsync("[data-testid=doc-files] [data-testid=doc-file-name] >> text=Договор подряда (скан).pdf");
        // The text layer is read in the background; the row says when it is in the search index.
        await page.WaitForSelectorAsync("[data-testid=doc-file-text][data-state=done]", new PageWaitForSelectorOptions { Timeout = 90_000 });
        await page.ShotAsync(server, "document-files");

        // Contracts have an approval scheme: the route, not a button, puts it on approval.
        await Assertions.Expect(page.Locator("[data-testid=doc-status-action][data-status=on_approval]")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=approval-start]");
        await page.WaitForSelectorAsync("[data-testid=approval-route-dialog]");
        await page.ClickAsync("[data-testid=approval-route-save]");
        await Assertions.Expect(page.Locator("[data-testid=approval-route-status]")).ToHaveAttributeAsync("data-status", "running");
        await Assertions.Expect(page.Locator("[data-testid=doc-card-status] [data-testid=doc-status]")).ToHaveTextAsync("На согласовании");

        // A supplementary agreement under it, numbered after the contract.
        await page.ClickAsync("[data-testid=doc-add-child]");
        await page.ClickAsync("[data-testid=doc-add-child-type][data-type=supplementary-agreement]");
        await page.WaitForSelectorAsync("[data-testid=doc-register-dialog]");
        await Assertions.Expect(page.Field("doc-parent")).ToHaveValueAsync(heading);
        await page.Field("doc-title").FillAsync("Перенос срока окончания работ на март");
        await page.ClickAsync("[data-testid=doc-register-save]");
        await page.WaitForSelectorAsync("[data-testid=doc-register-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.WaitForSelectorAsync("[data-testid=doc-card-title] >> text=Перенос срока окончания работ на март");
        (await page.InnerTextAsync("[data-testid=doc-heading]")).ShouldStartWith("Дополнительное соглашение № ");
        await page.ClickAsync(".mud-tab >> text=Иерархия");
        await page.WaitForSelectorAsync("[data-testid=doc-tree] [data-testid=doc-node][data-kind=contract]");
        await page.ShotAsync(server, "document-card");

        // The combined card: both documents in one tree with their statuses and what the contract still lacks.
        await page.ClickAsync(".mud-tab >> text=Карточка");
        await page.ClickAsync("[data-testid=doc-counterparty-link]");
        await page.ClickAsync(".mud-tab >> text=Документы");
        await Assertions.Expect(contractNode).ToHaveCountAsync(1);
        (await contractNode.Locator("[data-testid=doc-status]").First.InnerTextAsync()).ShouldBe("На согласовании");
        var agreement = page.Locator("[data-testid=doc-node][data-kind=supplementary_agreement]");
        await Assertions.Expect(agreement).ToHaveCountAsync(1);
        (await agreement.Locator("[data-testid=doc-status]").InnerTextAsync()).ShouldBe("Черновик");
        (await agreement.GetAttributeAsync("style"))!.ShouldContain("padding-left: 36px");
        (await contractNode.Locator("[data-testid=doc-expected][data-provided=no]").AllInnerTextsAsync()).ShouldContain(t => t.Contains("Нет: Акт"));
        (await contractNode.Locator("[data-testid=doc-node-files]").InnerTextAsync()).Trim().ShouldBe("1");
        (await page.InnerTextAsync("[data-testid=cp-doc-agreements]")).ShouldBe("Доп. соглашений: 1");
        (await page.InnerTextAsync("[data-testid=cp-doc-approval]")).ShouldBe("На согласовании: 1");
        await page.ShotAsync(server, "counterparty-documents");

        // The registry lists it too.
        await page.GoAsync("/documents");
        await page.Field("doc-filter-q").FillAsync(suffix);
        await page.WaitForSelectorAsync($"[data-testid=doc-table] [data-testid=doc-row-title] >> text={title}");
        await page.ShotAsync(server, "documents");

        // A search by another form of the word that stands only in the scan finds the contract.
        await page.GoAsync("/search?q=" + Uri.EscapeDataString(word[..^1] + "ы"));
        var hit = page.Locator("[data-testid=search-hit][data-entity=document]", new PageLocatorOptions { HasText = title });
        await hit.WaitForAsync();
        (await page.Locator("[data-testid=search-hit]").CountAsync()).ShouldBe(1);
        (await hit.InnerTextAsync()).ShouldContain(word);
        await page.ShotAsync(server, "search-document");
        await hit.ClickAsync();
        await page.WaitForSelectorAsync($"[data-testid=doc-card-title] >> text={title}");
    }

    [Fact]
    public async Task Admin_SeesDocumentTypesWithTheirJournals_AndTheStorageQuotas()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("admin", LetopisServer.AdminPassword);

        await page.ClickAsync("[data-testid=nav-document-settings]");
        var contract = page.Locator("[data-testid=doctype-table] tr", new PageLocatorOptions { HasText = "Договор" }).First;
        await contract.WaitForAsync();
        (await contract.InnerTextAsync()).ShouldContain("Д-{yyyy}-{n:0000}");
        await page.ShotAsync(server, "document-settings");

        // A type's settings open in a dialog: the agreement may stand only under a contract.
        await page.Locator("[data-testid=doctype-name]", new PageLocatorOptions { HasText = "Дополнительное соглашение" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=doctype-dialog]");
        await Assertions.Expect(page.Field("doctype-parents")).ToHaveValueAsync("Договор");
        await page.ShotAsync(server, "document-type");
        await page.ClickAsync(".mud-dialog button:has-text(\"Отмена\")");

        await page.GoAsync("/admin/storage");
        await page.WaitForSelectorAsync("[data-testid=quota-company]");
        await page.ShotAsync(server, "storage-quotas");

        await page.GoAsync("/profile");
        (await page.InnerTextAsync("[data-testid=storage-company]")).ShouldContain("Компания:");
    }

    /// <summary>A one-page PDF with a text layer, printed by the same Chromium: what a scanner with OCR produces.</summary>
    private async Task<byte[]> ScanAsync(string text)
    {
        var page = await server.NewPageAsync();
        await page.SetContentAsync($"<html><body style=\"font-family: 'DejaVu Serif', serif; font-size: 14pt; margin: 40px\"><h2>Договор подряда</h2><p>{text}</p></body></html>");
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4" });
        await page.Context.CloseAsync();
        return pdf;
    }

    private async Task<Guid> CreateCounterpartyAsync(string login, string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { login, password = LetopisServer.DemoPassword });
        token.EnsureSuccessStatusCode();
        var access = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var created = await http.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name, phone = "8 843 200-20-20" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
