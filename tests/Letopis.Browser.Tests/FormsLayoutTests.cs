using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

/// <summary>What a new user meets in the first forms: no red text before typing, labels read whole, Esc closes.</summary>
[Collection(ServerCollection.Name)]
public class FormsLayoutTests(LetopisServer server)
{
    /// <summary>
    /// The labels inside <paramref name="scope"/> whose text is cut (an ellipsis) or runs under the field's
    /// icon (a calendar, a search glass), each with what is wrong.
    /// </summary>
    private const string BadLabels = """
        scope => {
            const bad = [];
            for (const label of document.querySelectorAll(scope + ' label.mud-input-label')) {
                const text = label.textContent.trim();
                if (!text || label.offsetParent === null) continue;
                if (label.scrollWidth > label.clientWidth + 1) bad.push(text + ': cut');
                const control = label.closest('.mud-input-control');
                const range = document.createRange();
                range.selectNodeContents(label);
                const t = range.getBoundingClientRect();
                for (const icon of control ? control.querySelectorAll('.mud-input-adornment') : []) {
                    const a = icon.getBoundingClientRect();
                    if (a.width > 0 && t.right > a.left + 1 && t.left < a.right - 1 && t.bottom > a.top + 1 && t.top < a.bottom - 1)
                        bad.push(text + ': under its icon');
                }
            }
            return bad;
        }
        """;

    [Fact]
    public async Task QuickEntry_Opened_ShowsNoErrorBeforeTyping_AndClosesOnEscape()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("petrov", LetopisServer.DemoPassword);
        await page.GoAsync("/");

        await page.ClickAsync("[data-testid=shell-quick-add]");
        await page.WaitForSelectorAsync("[data-testid=quick-add-dialog]");
        // Long enough for the dialog to take the focus and for a blur to be validated.
        await page.WaitForTimeoutAsync(1500);

        // The cursor waits in the name, as the form asks for it.
        (await page.EvaluateAsync<string?>("() => document.activeElement?.closest('.mud-input-control')?.querySelector('label')?.textContent")).ShouldBe("Наименование");
        (await page.Locator(".mud-dialog .mud-input-error").CountAsync()).ShouldBe(0);
        var text = await page.InnerTextAsync(".mud-dialog");
        text.ShouldNotContain("Required");
        text.ShouldNotContain("Обязательное поле");
        await page.ShotAsync(server, "counterparty-quick-add");

        await page.Keyboard.PressAsync("Escape");
        await page.WaitForSelectorAsync("[data-testid=quick-add-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
    }

    [Fact]
    public async Task RegisterDocument_ForAContractAndALetter_EveryLabelReadsWhole_AndTheCalendarButtonIsRussian()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("petrov", LetopisServer.DemoPassword);
        await page.GoAsync("/documents");

        await page.ClickAsync("[data-testid=doc-register]");
        await page.WaitForSelectorAsync("[data-testid=doc-register-dialog]");
        await page.PickAsync("doc-type", "Договор");
        await page.WaitForSelectorAsync(".mud-dialog label:has-text(\"Подписан контрагентом\")");
        await page.WaitForTimeoutAsync(500);
        (await page.EvaluateAsync<string[]>(BadLabels, ".mud-dialog")).ShouldBeEmpty();
        (await page.Locator(".mud-dialog button[aria-label=Open]").CountAsync()).ShouldBe(0);
        (await page.Locator(".mud-dialog button[aria-label=\"Открыть календарь\"]").CountAsync()).ShouldBeGreaterThan(0);
        await page.ShotAsync(server, "document-register-contract");

        await page.PickAsync("doc-type", "Входящее письмо");
        await page.WaitForSelectorAsync(".mud-dialog label:has-text(\"Исходящий номер отправителя\")");
        await page.WaitForTimeoutAsync(500);
        (await page.EvaluateAsync<string[]>(BadLabels, ".mud-dialog")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/counterparties", "[data-testid=filter-adSourceId]")]
    [InlineData("/documents", "[data-testid=doc-filter-responsible]")]
    public async Task ListFilters_EveryLabelReadsWhole(string path, string filter)
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("petrov", LetopisServer.DemoPassword);
        await page.GoAsync(path);
        await page.WaitForSelectorAsync(filter);
        await page.WaitForTimeoutAsync(500);

        (await page.EvaluateAsync<string[]>(BadLabels, ".mud-main-content")).ShouldBeEmpty();
    }

    [Fact]
    public async Task FileVersions_Opened_ClosesOnEscape()
    {
        var document = await ContractWithAFileAsync();
        var page = await server.NewPageAsync();
        await page.SignInAsync("petrov", LetopisServer.DemoPassword);
        await page.GoAsync($"/documents/{document}");
        await page.ClickAsync(".mud-tab >> text=Файлы");

        await page.ClickAsync("[data-testid=doc-file-versions]");
        await page.WaitForSelectorAsync("[data-testid=file-versions]");
        await page.Keyboard.PressAsync("Escape");

        await page.WaitForSelectorAsync("[data-testid=file-versions]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
    }

    private async Task<Guid> ContractWithAFileAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = "petrov", password = LetopisServer.DemoPassword });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var company = await http.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name = $"Версии {suffix}" });
        company.EnsureSuccessStatusCode();
        var companyId = (await company.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var document = await http.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title = $"Поставка {suffix}", counterpartyId = companyId });
        document.EnsureSuccessStatusCode();
        var id = (await document.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("Договор поставки"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "Договор.txt");
        (await http.PostAsync($"/api/v1/documents/{id}/files", form)).EnsureSuccessStatusCode();
        return id;
    }
}
