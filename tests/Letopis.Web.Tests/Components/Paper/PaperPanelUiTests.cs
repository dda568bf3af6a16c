using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Paper;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.AspNetCore.Components;

namespace Letopis.Web.Tests.Components.Paper;

/// <summary>The «Бумажные экземпляры» panel of a document card: recording, handing out and returning an original.</summary>
public sealed class PaperPanelUiTests : HostedComponentTest
{
    private LetopisHost _host = default!;
    private HttpClient _admin = default!;

    private async Task ArrangeAsync()
    {
        _host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        _admin = await _host.AdminAsync();
        SignIn(_host, await FileTestKit.AdminIdAsync(_host));
    }

    private IRenderedComponent<IComponent> OpenPanel(Guid documentId)
    {
        var cut = RenderPage<PaperPanel>((nameof(PaperPanel.DocumentId), documentId));
        cut.WaitForElement("[data-testid=paper-panel]");
        return cut;
    }

    private const string InactiveMessage = "Получатель отключён";

    private async Task<JsonElement> CopiesAsync(Guid documentId) => await JsonAsync(_admin, $"/api/v1/documents/{documentId}/copies");

    [Fact]
    public async Task Record_OriginalInAnArchiveFolder_CardSaysWhereItLies()
    {
        await ArrangeAsync();
        var marker = PaperUiKit.Marker();
        var folder = await PaperUiKit.ArchiveFolderAsync(_admin, marker);
        var document = await PaperUiKit.ContractAsync(_admin, $"Договор аренды склада {marker}");
        var cut = OpenPanel(document);
        cut.Find("[data-testid=paper-original]").TextContent.ShouldBe("Оригинал не учтён");

        cut.Find("[data-testid=paper-record]").Click();
        cut.WaitForElement("[data-testid=paper-dialog]");
        await PaperUiKit.PickPlaceAsync(cut, "paper-place", $"Договоры {marker}");
        cut.Find("[data-testid=paper-dialog-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=paper-dialog]").ShouldBeEmpty());
        cut.WaitForAssertion(() => cut.Find("[data-testid=paper-original]").TextContent.ShouldBe($"Оригинал: {folder.Path}"));
        cut.Find("[data-testid=paper-copy]").TextContent.ShouldContain("Оригинал № 1");
        var copies = (await CopiesAsync(document)).GetProperty("copies").EnumerateArray().ToList();
        copies.ShouldHaveSingleItem().GetProperty("storagePlace").GetProperty("id").GetGuid().ShouldBe(folder.Id);
    }

    [Fact]
    public async Task HandOutAndReturn_ToALawyer_CardNamesTheHolderThenThePlaceAgain()
    {
        await ArrangeAsync();
        var marker = PaperUiKit.Marker();
        var folder = await PaperUiKit.ArchiveFolderAsync(_admin, marker);
        var document = await PaperUiKit.ContractAsync(_admin, $"Договор подряда {marker}");
        await PaperUiKit.OriginalAsync(_admin, document, folder.Id);
        var lawyer = await _host.CreateUserAsync(fullName: "Морозова Ольга Викторовна");
        var dueBack = DateOnly.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime).AddDays(10);
        var cut = OpenPanel(document);

        cut.Find("[data-testid=paper-hand-out]").Click();
        cut.WaitForElement("[data-testid=paper-dialog]");
        await PaperUiKit.PickUserAsync(cut, "paper-holder", lawyer.Id, "Морозова Ольга Викторовна");
        await PaperUiKit.PickDayAsync(cut, "paper-due-back", dueBack);
        cut.Find("[data-testid=paper-dialog-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=paper-original]").TextContent
            .ShouldBe($"Оригинал у Морозовой О. В. до {dueBack:dd.MM.yyyy}"));
        cut.Find("[data-testid=paper-copy]").GetAttribute("data-state").ShouldBe("out");

        cut.Find("[data-testid=paper-return]").Click();
        cut.WaitForElement("[data-testid=paper-dialog]");
        cut.Find("[data-testid=paper-dialog-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=paper-original]").TextContent.ShouldBe($"Оригинал: {folder.Path}"));
        var movements = await JsonAsync(_admin, $"/api/v1/documents/{document}/paper-movements");
        movements.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("kind").GetString()).ShouldBe(["returned", "handed_out", "placed"], ignoreOrder: true);
        cut.FindAll("[data-testid=paper-movement]").Count.ShouldBe(3);
    }

    [Fact]
    public async Task HandOut_ToAnInactiveColleague_ShowsTheErrorBesideTheHolderAndKeepsTheCopyInPlace()
    {
        await ArrangeAsync();
        var marker = PaperUiKit.Marker();
        var folder = await PaperUiKit.ArchiveFolderAsync(_admin, marker);
        var document = await PaperUiKit.ContractAsync(_admin, $"Договор поставки {marker}");
        await PaperUiKit.OriginalAsync(_admin, document, folder.Id);
        var gone = await _host.CreateUserAsync(fullName: "Уволенный Пётр Ильич");
        (await _admin.PatchAsJsonAsync($"/api/v1/users/{gone.Id}", new { isActive = false })).EnsureSuccessStatusCode();
        var cut = OpenPanel(document);

        cut.Find("[data-testid=paper-hand-out]").Click();
        cut.WaitForElement("[data-testid=paper-dialog]");
        await PaperUiKit.PickUserAsync(cut, "paper-holder", gone.Id, "Уволенный Пётр Ильич");
        cut.Find("[data-testid=paper-dialog-save]").Click();

        // The dialog stays open with the reason under the holder's field.
        cut.WaitForAssertion(() => cut.Find("[data-testid=paper-dialog] .mud-input-helper-text.mud-input-error").TextContent.ShouldContain(InactiveMessage));
        var copy = (await CopiesAsync(document)).GetProperty("copies").EnumerateArray().Single();
        copy.GetProperty("state").GetString().ShouldBe("in_place");
        (await JsonAsync(_admin, $"/api/v1/documents/{document}/paper-movements")).GetProperty("total").GetInt32().ShouldBe(1);
    }
}
