using System.Net.Http.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Components.Shared;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>What a user does from a document card besides editing it: links, responsible people, a reminder.</summary>
public sealed class DocumentCardActionsUiTests : HostedComponentTest
{
    private LetopisHost _host = default!;
    private HttpClient _admin = default!;
    private Guid _adminId;

    private async Task<(Guid Id, string Number)> MemoAsync(string title)
    {
        var id = await IdOfAsync(await _admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "internal-memo", title }));
        return (id, (await JsonAsync(_admin, $"/api/v1/documents/{id}")).GetProperty("number").GetString()!);
    }

    private async Task<IRenderedComponent<IComponent>> OpenCardAsync(Guid document)
    {
        _adminId = await FileTestKit.AdminIdAsync(_host);
        SignIn(_host, _adminId);
        var cut = RenderPage<DocumentCard>((nameof(DocumentCard.Id), document));
        cut.WaitForElement("[data-testid=doc-heading]");
        return cut;
    }

    private async Task ArrangeAsync()
    {
        _host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        _admin = await _host.AdminAsync();
    }

    [Fact]
    public async Task LinksEditor_AddingASeeAlsoLink_ShowsTheLinkedDocument()
    {
        await ArrangeAsync();
        var marker = "ф" + Guid.NewGuid().ToString("N")[..6];
        var document = await MemoAsync("О графике бетонных работ");
        var other = await MemoAsync($"О поставке арматуры {marker}");
        var cut = await OpenCardAsync(document.Id);

        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Связи")).Click();
        var picker = cut.WaitForComponent<MudAutocomplete<PickedDocument>>();
        // The picker finds the other document by its number, as a user types it.
        IEnumerable<PickedDocument>? found = null;
        var search = picker.Instance.SearchFunc ?? throw new InvalidOperationException("The link picker has no search.");
        await cut.InvokeAsync(async () => found = search(other.Number, CancellationToken.None) is { } searching ? await searching : null);
        var target = found!.Single(d => d.Id == other.Id);
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(target));
        cut.Find("[data-testid=doc-link-add]").Click();

        cut.WaitForAssertion(() =>
        {
            var link = cut.Find("[data-testid=doc-link][data-kind=see_also]");
            link.TextContent.ShouldContain("См. также");
            link.TextContent.ShouldContain($"О поставке арматуры {marker}");
            link.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/documents/{other.Id}");
        });
        var card = await JsonAsync(_admin, $"/api/v1/documents/{document.Id}");
        card.GetProperty("links").EnumerateArray().Select(l => (l.GetProperty("kind").GetString(), l.GetProperty("document").GetProperty("id").GetGuid()))
            .ShouldBe([("see_also", other.Id)]);
    }

    [Fact]
    public async Task PeopleDialog_AddingACoResponsibleColleague_SavesAndShowsThemOnTheCard()
    {
        await ArrangeAsync();
        var colleagueName = "Соколова Анна " + Guid.NewGuid().ToString("N")[..6];
        var colleague = await _host.CreateUserAsync(fullName: colleagueName);
        var document = await MemoAsync("О допуске на объект");
        var cut = await OpenCardAsync(document.Id);

        cut.Find("[data-testid=doc-people]").Click();
        cut.WaitForElement("[data-testid=doc-people-dialog]");
        cut.WaitForAssertion(() => cut.FindComponents<UserPicker>().Count.ShouldBe(2));
        var adding = cut.FindComponents<UserPicker>().Single(p => p.Instance.TestId == "doc-people-add");
        await cut.InvokeAsync(() => adding.Instance.ValueChanged.InvokeAsync(new PickedUser(colleague.Id, colleagueName)));
        cut.WaitForAssertion(() => cut.Find("[data-testid=doc-people-co]").TextContent.ShouldContain(colleagueName));
        cut.Find("[data-testid=doc-people-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doc-people-dialog]").ShouldBeEmpty());
        cut.WaitForAssertion(() => cut.Find("[data-testid=doc-co-view]").TextContent.ShouldContain(colleagueName));
        var card = await JsonAsync(_admin, $"/api/v1/documents/{document.Id}");
        card.GetProperty("coResponsible").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ShouldBe([colleague.Id]);
    }

    [Fact]
    public async Task ReminderDialog_SavesAPersonalReminderLinkingBackToTheCard()
    {
        await ArrangeAsync();
        var document = await MemoAsync("О продлении пропусков");
        var cut = await OpenCardAsync(document.Id);
        var title = "Проверить продление пропусков " + Guid.NewGuid().ToString("N")[..6];

        cut.Find("[data-testid=doc-remind]").Click();
        cut.WaitForElement("[data-testid=doc-remind-dialog]");
        // The dialog starts with the document's heading as the reminder's text.
        cut.Find("input[data-testid=doc-remind-title], [data-testid=doc-remind-title] input").GetAttribute("value")!.ShouldContain(document.Number);
        new TypedInput(cut.Find("input[data-testid=doc-remind-title], [data-testid=doc-remind-title] input")).Change(title);
        cut.Find("[data-testid=doc-remind-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doc-remind-dialog]").ShouldBeEmpty());
        var reminder = await _host.WithDbAsync(db => db.Reminders.AsNoTracking().SingleAsync(r => r.Title == title));
        reminder.UserId.ShouldBe(_adminId);
        reminder.Link.ShouldBe($"/documents/{document.Id}");
        reminder.DueAt.ShouldBeGreaterThan(_host.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
    }
}
