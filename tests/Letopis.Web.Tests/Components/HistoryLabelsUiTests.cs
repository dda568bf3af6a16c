using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Counterparties;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.AspNetCore.Components;

namespace Letopis.Web.Tests.Components;

/// <summary>History tabs name statuses, kinds and links in the reader's language, never by the code's enum members.</summary>
public sealed class HistoryLabelsUiTests : HostedComponentTest
{
    private async Task<(LetopisHost Host, HttpClient Admin)> ArrangeAsync()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        return (host, await host.AdminAsync());
    }

    private static async Task<Guid> MemoAsync(HttpClient admin, string title) =>
        await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "internal-memo", title }));

    private static void OpenTab(IRenderedComponent<IComponent> cut, string text) =>
        cut.WaitForAssertion(() => cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains(text, StringComparison.Ordinal)).Click());

    private static List<(string Field, string Old, string New)> DocumentHistory(IRenderedComponent<IComponent> cut) =>
        cut.FindAll("[data-testid=doc-history] tbody tr").Where(r => r.QuerySelector("[data-testid=doc-history-field]") is not null)
            .Select(r => (r.QuerySelector("[data-testid=doc-history-field]")!.TextContent.Trim(),
                r.QuerySelector("[data-testid=doc-history-old]")?.TextContent.Trim() ?? "",
                r.QuerySelector("[data-testid=doc-history-new]")!.TextContent.Trim()))
            .ToList();

    [Theory]
    [InlineData("ru-RU", "История изменений", "Статус", "Черновик", "На согласовании", "Связь «см. также»")]
    [InlineData("en-US", "History of changes", "Status", "Draft", "On approval", "Link «see also»")]
    public async Task DocumentHistory_NamesTheStatusAndTheLinkInTheReadersLanguage(
        string culture, string tab, string statusField, string draft, string onApproval, string linkField)
    {
        var (_, admin) = await ArrangeAsync();
        var document = await MemoAsync(admin, "О графике бетонных работ");
        var other = await MemoAsync(admin, "О поставке арматуры");
        (await admin.PostAsJsonAsync($"/api/v1/documents/{document}/status", new { status = "on_approval" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync($"/api/v1/documents/{document}/links", new { toId = other, kind = "see_also" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var otherNumber = (await JsonAsync(admin, $"/api/v1/documents/{other}")).GetProperty("number").GetString()!;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);

        var cut = RenderPage<DocumentCard>((nameof(DocumentCard.Id), document));
        OpenTab(cut, tab);

        cut.WaitForAssertion(() => DocumentHistory(cut).ShouldContain((statusField, draft, onApproval)));
        var history = DocumentHistory(cut);
        history.ShouldNotContain(r => r.Old.Contains("OnApproval") || r.New.Contains("OnApproval") || r.New == "Draft" && culture == "ru-RU");
        var link = history.Single(r => r.Field == linkField);
        link.New.ShouldContain(otherNumber);
        link.New.ShouldNotContain(other.ToString());
    }

    [Fact]
    public async Task CounterpartyHistory_NamesTheKindInRussian()
    {
        var (_, admin) = await ArrangeAsync();
        var counterparty = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = "Петров Пётр Петрович " + Guid.NewGuid().ToString("N")[..6], kind = "company" }));
        var patch = await admin.PatchAsJsonAsync($"/api/v1/counterparties/{counterparty}", new { kind = "person" });
        patch.StatusCode.ShouldBe(HttpStatusCode.OK, await patch.Content.ReadAsStringAsync());

        var cut = RenderPage<CounterpartyCard>((nameof(CounterpartyCard.Id), counterparty));
        OpenTab(cut, "История изменений");

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("[data-testid=card-history] tbody tr").Select(r => r.TextContent).ToList();
            rows.ShouldContain(r => r.Contains("Организация") && r.Contains("Физическое лицо"));
            rows.ShouldNotContain(r => r.Contains("Company") || r.Contains("Person"));
        });
    }

    [Fact]
    public async Task CounterpartyHistory_NamesTheRegionAndTheResponsible_EvenArchivedOrRenamed_NeverByTheirIds()
    {
        var (host, admin) = await ArrangeAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        async Task<Guid> RegionAsync(string name) =>
            await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/reference/regions", new { name = $"{name} {tag}" }));
        var tver = await RegionAsync("Тверская область");
        var pskov = await RegionAsync("Псковская область");
        var manager = await host.CreateUserAsync(fullName: $"Сидорова Анна {tag}");
        var counterparty = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «Кровля-{tag}»", regionId = tver }));
        var card = await JsonAsync(admin, $"/api/v1/counterparties/{counterparty}");
        var patch = await admin.PatchAsJsonAsync($"/api/v1/counterparties/{counterparty}",
            new { version = card.GetProperty("version").GetInt32(), regionId = pskov, responsibleId = manager.Id });
        patch.StatusCode.ShouldBe(HttpStatusCode.OK, await patch.Content.ReadAsStringAsync());
        // The old region leaves the pick lists and the new one is renamed: history shows them as they are named now.
        (await admin.PatchAsJsonAsync($"/api/v1/reference/regions/{tver}", new { isArchived = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PatchAsJsonAsync($"/api/v1/reference/regions/{pskov}", new { name = $"Псковская обл. {tag}" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var cut = RenderPage<CounterpartyCard>((nameof(CounterpartyCard.Id), counterparty));
        OpenTab(cut, "История изменений");

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("[data-testid=card-history] tbody tr").Select(r => r.TextContent).ToList();
            rows.ShouldContain(r => r.Contains("Регион") && r.Contains($"Тверская область {tag}") && r.Contains($"Псковская обл. {tag}"));
            rows.ShouldContain(r => r.Contains("Ответственный") && r.Contains("Администратор") && r.Contains($"Сидорова Анна {tag}"));
            rows.ShouldNotContain(r => r.Contains(tver.ToString()) || r.Contains(pskov.ToString()) || r.Contains(manager.Id.ToString()));
        });
    }
}
