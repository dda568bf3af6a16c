using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Paper;
using Letopis.Web.Components.Shared;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Web.Tests.Components.Paper;

/// <summary>«Делопроизводство» (/paper): the storage places tree, the copies out and overdue, the handover act.</summary>
public sealed class PaperPageUiTests : HostedComponentTest
{
    private LetopisHost _host = default!;
    private HttpClient _admin = default!;

    private async Task ArrangeAsync(LetopisHost? own = null)
    {
        _host = own ?? await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        _admin = await _host.AdminAsync();
        SignIn(_host, await FileTestKit.AdminIdAsync(_host));
    }

    private async Task<int> PlacesCountAsync() => (await JsonAsync(_admin, "/api/v1/storage-places")).GetArrayLength();

    [Fact]
    public async Task StoragePlaces_AddingAFolderInsideACabinet_ShowsItRightUnderTheCabinet()
    {
        await ArrangeAsync();
        var marker = PaperUiKit.Marker();
        var folder = await PaperUiKit.ArchiveFolderAsync(_admin, marker);
        var cabinetPath = folder.Path[..folder.Path.LastIndexOf(" / ", StringComparison.Ordinal)];
        var cut = RenderPage<StoragePlacesEditor>();
        cut.WaitForElement($"[data-testid=storage-place][data-path='{cabinetPath}']");

        var cabinetRow = cut.Find($"[data-testid=storage-place][data-path='{cabinetPath}']").Closest("tr")!;
        cabinetRow.QuerySelector("[data-testid=storage-place-add-child]")!.Click();
        cut.WaitForElement("[data-testid=storage-place-dialog]");
        new TypedInput(cut.Find("input[data-testid=storage-place-name], [data-testid=storage-place-name] input")).Change("Антресоль");
        cut.Find("[data-testid=storage-place-save]").Click();

        var shelfPath = cabinetPath + " / Антресоль";
        cut.WaitForAssertion(() => cut.FindAll($"[data-testid=storage-place][data-path='{shelfPath}']").ShouldHaveSingleItem());
        // The tree reads top-down: the cabinet's children follow it, alphabetically.
        var paths = cut.FindAll("[data-testid=storage-place]").Select(e => e.GetAttribute("data-path")).ToList();
        paths.IndexOf(shelfPath).ShouldBe(paths.IndexOf(cabinetPath) + 1);
        var places = (await JsonAsync(_admin, "/api/v1/storage-places")).EnumerateArray().ToList();
        places.Single(p => p.GetProperty("path").GetString() == shelfPath).GetProperty("parentId").GetGuid()
            .ShouldBe(places.Single(p => p.GetProperty("path").GetString() == cabinetPath).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task StoragePlaces_DeletingAFolderThatHoldsAnOriginal_IsRefusedAndTheFolderStays()
    {
        await ArrangeAsync();
        var marker = PaperUiKit.Marker();
        var folder = await PaperUiKit.ArchiveFolderAsync(_admin, marker);
        var document = await PaperUiKit.ContractAsync(_admin, $"Договор охраны {marker}");
        await PaperUiKit.OriginalAsync(_admin, document, folder.Id);
        var before = await PlacesCountAsync();
        var cut = RenderPage<StoragePlacesEditor>();
        cut.WaitForElement($"[data-testid=storage-place][data-path='{folder.Path}']");

        var row = cut.Find($"[data-testid=storage-place][data-path='{folder.Path}']").Closest("tr")!;
        row.QuerySelector("[data-testid=storage-place-copies]")!.TextContent.Trim().ShouldBe("1");
        row.QuerySelector("[data-testid=storage-place-delete]")!.Click();
        cut.WaitForElement("[data-testid=confirm]").Click();

        cut.WaitForAssertion(() => Ctx.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars
            .ShouldContain(s => s.Message != null && s.Message.Contains("В месте хранения ещё есть экземпляры", StringComparison.Ordinal)));
        cut.FindAll($"[data-testid=storage-place][data-path='{folder.Path}']").ShouldHaveSingleItem();
        (await PlacesCountAsync()).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OutList_OriginalPastItsDueDate_IsCountedAndFlaggedOverdueForItsDepartment(string provider)
    {
        // A host of its own: the clock moves.
        await using var host = new LetopisHost(provider);
        await ArrangeAsync(host);
        var marker = PaperUiKit.Marker();
        var department = await host.CreateDepartmentAsync("Юридический отдел");
        var lawyer = await host.CreateUserAsync(departmentId: department, fullName: "Лебедев Константин Юрьевич");
        var folder = await PaperUiKit.ArchiveFolderAsync(_admin, marker);
        var document = await PaperUiKit.ContractAsync(_admin, $"Договор лизинга {marker}");
        var copy = await PaperUiKit.OriginalAsync(_admin, document, folder.Id);
        var tomorrow = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        (await _admin.PostAsJsonAsync($"/api/v1/copies/{copy}/hand-out", new { holderId = lawyer.Id, dueBack = tomorrow })).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromDays(3));
        var cut = RenderPage<PaperPage>();
        cut.WaitForElement("[data-testid=paper-out-row]", TimeSpan.FromSeconds(30));

        cut.WaitForAssertion(() => cut.Find("[data-testid=paper-count-overdue]").GetAttribute("data-count").ShouldBe("1"));
        cut.Find("[data-testid=paper-count-overdue]").Click();

        cut.WaitForAssertion(() =>
        {
            var row = cut.Find("[data-testid=paper-out-row]");
            row.TextContent.ShouldContain($"Договор лизинга {marker}");
            row.GetAttribute("data-overdue").ShouldBe("yes");
        });
        cut.Find("[data-testid=paper-out-holder]").TextContent.ShouldContain("Лебедев К. Ю.");
        var departmentRow = cut.FindAll("[data-testid=paper-department-row]").Single(r => r.GetAttribute("data-department")!.StartsWith("Юридический отдел", StringComparison.Ordinal));
        departmentRow.QuerySelector("[data-testid=paper-department-overdue]")!.TextContent.Trim().ShouldBe("1");
    }

    [Fact]
    public async Task OutList_ChoosingACopy_OffersTheHandoverActOfJustThatCopy()
    {
        await ArrangeAsync();
        var marker = PaperUiKit.Marker();
        var holder = await _host.CreateUserAsync(fullName: $"Орлова Наталья Геннадьевна {marker}");
        var folder = await PaperUiKit.ArchiveFolderAsync(_admin, marker);
        var title = $"Договор аудита {marker}";
        var document = await PaperUiKit.ContractAsync(_admin, title);
        var copy = await PaperUiKit.OriginalAsync(_admin, document, folder.Id);
        var dueBack = DateOnly.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime).AddDays(5);
        (await _admin.PostAsJsonAsync($"/api/v1/copies/{copy}/hand-out", new { holderId = holder.Id, dueBack })).EnsureSuccessStatusCode();
        var cut = RenderPage<PaperPage>();
        cut.WaitForElement("[data-testid=paper-out-list]");
        await PaperUiKit.PickUserAsync(cut, "paper-holder-filter", holder.Id, $"Орлова Наталья Геннадьевна {marker}");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=paper-out-row]").ShouldHaveSingleItem().TextContent.ShouldContain(title));
        cut.Find("[data-testid=paper-act]").HasAttribute("disabled").ShouldBeTrue();

        cut.Find("input[data-testid=paper-choose], [data-testid=paper-choose] input").Change(true);
        cut.WaitForAssertion(() => cut.Find("[data-testid=paper-chosen]").TextContent.ShouldBe("Выбрано: 1"));
        cut.Find("[data-testid=paper-act]").Click();

        cut.WaitForElement("[data-testid=handover-act-dialog]");
        cut.Find("[data-testid=handover-act-copy]").TextContent.ShouldContain(title);
        cut.Find("[data-testid=handover-act-count]").TextContent.ShouldBe("Экземпляров в акте: 1");
    }
}
