using System.Net.Http.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Counterparties;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>What a user sees of the registry's order, columns and views, and of the directory's filters and contact columns.</summary>
public sealed class RegistryAndDirectoryUiTests : HostedComponentTest
{
    private static string Marker() => Guid.NewGuid().ToString("N")[..6];

    private async Task<(LetopisHost Host, HttpClient Admin)> SignInAsAdminAsync()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        return (host, await host.AdminAsync());
    }

    private static string[] Texts(IRenderedComponent<IComponent> cut, string testId) =>
        cut.FindAll($"[data-testid={testId}]").Select(e => e.TextContent.Trim()).ToArray();

    [Fact]
    public async Task Registry_ContractAndAppendices_InOrderWithValidityAndBothViews()
    {
        var (host, admin) = await SignInAsAdminAsync();
        var manager = await host.CreateUserAsync(fullName: "Орлова Мария " + Marker());
        var counterparty = await FileTestKit.CounterpartyAsync(admin, "ООО Реестр " + Marker());
        var contract = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/documents", new
        {
            typeCode = "contract",
            title = "Подряд",
            counterpartyId = counterparty,
            responsibleId = manager.Id,
            registeredOn = "2026-11-20",
            validFrom = "2026-11-20",
            validTo = "2026-12-07",
        }));
        for (var i = 1; i <= 10; i++)
            await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "appendix", title = $"Приложение {i}", parentId = contract, counterpartyId = counterparty, registeredOn = "2026-11-20" }));
        await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title = "Поставка", counterpartyId = counterparty, registeredOn = "2026-11-25", validTo = "2027-06-30" }));
        var number = (await JsonAsync(admin, $"/api/v1/documents/{contract}")).GetProperty("number").GetString()!;
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/documents?counterpartyId={counterparty}");

        var cut = RenderPage<DocumentList>();

        cut.WaitForAssertion(() => Texts(cut, "doc-row-number").Length.ShouldBe(12));
        Texts(cut, "doc-row-number")[1..].ShouldBe([number, .. Enumerable.Range(1, 10).Select(i => $"{number}/П-{i}")]);
        Texts(cut, "doc-row-validity")[1].ShouldBe("20.11.2026 — 07.12.2026");
        Texts(cut, "doc-row-responsible")[1].ShouldStartWith("Орлова Мария");

        cut.FindComponents<MudSwitch<bool>>().Single(s => s.Markup.Contains("doc-view-grouped")).Find("input").Change(true);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doc-row][data-depth='1']").Count.ShouldBe(10));
        cut.FindAll("[data-testid=doc-row]").Select(r => r.GetAttribute("data-depth")).ShouldBe(["0", "0", .. Enumerable.Repeat("1", 10)]);

        cut.FindComponents<MudSwitch<bool>>().Single(s => s.Markup.Contains("doc-view-expiring")).Find("input").Change(true);
        cut.WaitForAssertion(() => Texts(cut, "doc-row-number").ShouldBe([number]));
        cut.Markup.ShouldContain("Истекают в ближайшие 30 дней");
        // The export takes what the registry shows.
        cut.Find("[data-testid=doc-export] button").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=doc-export-csv]").GetAttribute("href")
            .ShouldBe($"/api/v1/documents/export?format=csv&counterpartyId={counterparty}&expiringWithinDays=30"));
    }

    [Fact]
    public async Task Directory_TwoRegionsFromTheAddress_ShowsCardsOfBothWithContactColumns()
    {
        var (host, admin) = await SignInAsAdminAsync();
        var north = await DirectoryApiTests.ReferenceAsync(admin, "regions", "Север");
        var south = await DirectoryApiTests.ReferenceAsync(admin, "regions", "Юг");
        var west = await DirectoryApiTests.ReferenceAsync(admin, "regions", "Запад");
        var busy = (await DirectoryApiTests.CreateAsync(admin, new { name = "ООО «Бета-Север»", regionId = north })).GetProperty("id").GetGuid();
        await DirectoryApiTests.CreateAsync(admin, new { name = "ИП «Альфа-Юг»", regionId = south });
        await DirectoryApiTests.CreateAsync(admin, new { name = "ООО «Авангард-Запад»", regionId = west });
        var plannedAt = LetopisHost.Start.AddDays(2);
        await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/activities", new { kind = "call", subject = "Созвон", plannedAt, counterpartyId = busy }));
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/counterparties?regionId={north}&regionId={south}");

        var cut = RenderPage<CounterpartyList>();

        cut.WaitForAssertion(() => cut.FindAll("tbody tr").Count.ShouldBe(2));
        cut.FindAll("tbody tr").Select(r => r.QuerySelector("a")!.TextContent).ShouldBe(["ИП «Альфа-Юг»", "ООО «Бета-Север»"]);
        cut.Find("thead").TextContent.ShouldContain("Последний контакт");
        cut.Find("thead").TextContent.ShouldContain("Следующий контакт");
        Texts(cut, "row-next-contact").ShouldBe(["", "29.11.2026"]);
        Texts(cut, "row-last-contact").ShouldBe(["", ""]);
        host.ShouldNotBeNull();
    }
}
