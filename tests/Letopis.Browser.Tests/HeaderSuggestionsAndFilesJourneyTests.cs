using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class HeaderSuggestionsAndFilesJourneyTests(LetopisServer server)
{
    /// <summary>A made-up word of consonants: unique per run, and no stemmer shortens it.</summary>
    private static string Marker() =>
        string.Concat(Enumerable.Range(0, 8).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task HeaderSearch_TwoLettersSuggestAMatch_ArrowAndEnterOpenTheCard()
    {
        var marker = Marker();
        var name = $"ООО «Подсказка {marker}»";
        using var api = await server.ApiAsync("petrov");
        var id = await IdAsync(await api.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name }));
        var page = await server.NewPageAsync();
        await page.SignInAsync("petrov", LetopisServer.DemoPassword);

        await page.GoAsync("/");
        var box = page.Field("global-search");
        await box.ClickAsync();
        // Typed as a person types: the marker's first letters find the new card among the first matches.
        await box.PressSequentiallyAsync(marker[..4]);
        var suggestion = page.Locator("[data-testid=search-suggestion]", new PageLocatorOptions { HasText = name });
        await suggestion.WaitForAsync();
        await page.ShotAsync(server, "search-suggestions");

        var position = await page.Locator("[data-testid=search-suggestion]").EvaluateAllAsync<int>(
            "(items, name) => items.findIndex(i => i.textContent.includes(name))", name);
        for (var i = 0; i <= position; i++)
            await box.PressAsync("ArrowDown");
        await Assertions.Expect(suggestion).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains($"/counterparties/{id}", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync($"[data-testid=card-name] >> text={name}");

        // Esc closes the list.
        await box.ClickAsync();
        await box.FillAsync("");
        await box.PressSequentiallyAsync(marker[..4]);
        await suggestion.WaitForAsync();
        await box.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=search-suggestion]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DocumentFiles_DroppedFileUploads_AndItsCommentShowsInTheList()
    {
        using var api = await server.ApiAsync("petrov");
        var title = "Служебная записка " + Marker();
        var document = await IdAsync(await api.PostAsJsonAsync("/api/v1/documents", new { typeCode = "internal-memo", title }));
        var page = await server.NewPageAsync();
        await page.SignInAsync("petrov", LetopisServer.DemoPassword);

        await page.GoAsync($"/documents/{document}");
        await page.ClickAsync(".mud-tab >> text=Файлы");
        await page.WaitForSelectorAsync("[data-testid=doc-file-drop]");
        await page.Field("doc-file-comment").FillAsync("Черновик от юриста");
        // A file dragged from the desktop: a drop event carrying it, as the browser sends one.
        await page.EvalOnSelectorAsync("[data-testid=doc-file-drop]", """
            (zone, text) => {
                const transfer = new DataTransfer();
                transfer.items.add(new File([text], "записка.txt", { type: "text/plain" }));
                zone.dispatchEvent(new DragEvent("dragenter", { dataTransfer: transfer, bubbles: true, cancelable: true }));
                zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """, "Прошу согласовать закупку.");
        var row = page.Locator("[data-testid=doc-files] tr", new PageLocatorOptions { HasText = "записка.txt" });
        await row.WaitForAsync();
        (await row.Locator("[data-testid=doc-file-comment-text]").InnerTextAsync()).ShouldBe("Черновик от юриста");
        await page.ShotAsync(server, "document-files-comment");

        var files = await api.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}/files");
        var file = files.GetProperty("items").EnumerateArray().Single();
        file.GetProperty("comment").GetString().ShouldBe("Черновик от юриста");
        var stored = await api.GetByteArrayAsync($"/api/v1/files/{file.GetProperty("id").GetGuid()}/content");
        Encoding.UTF8.GetString(stored).ShouldBe("Прошу согласовать закупку.");
    }
}
