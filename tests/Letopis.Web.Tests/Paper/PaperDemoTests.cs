using System.Net.Http.Json;
using Letopis.Core.Demo;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Paper.PaperTestKit;

namespace Letopis.Web.Tests.Paper;

/// <summary>What the secretary finds in the demo company's archive.</summary>
public class PaperDemoTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoArchive_Secretary_SeesOriginalsInTheFolderAndTwoOverdueWithNotices(string provider)
    {
        using var host = Started(new LetopisHost(provider, settings: new Dictionary<string, string?> { ["Letopis:Demo"] = "true" }));
        var secretary = await host.ClientAsync("sekretar", SeedDemoCompany.Password);

        var folder = (await secretary.GetFromJsonAsync<List<Core.Paper.StoragePlaceDto>>("/api/v1/storage-places", Json))!
            .Single(p => p.Path == "Офис / Архив / Шкаф 1 / Полка 2 / Папка «Договоры 2026»");
        folder.CopiesCount.ShouldBeGreaterThanOrEqualTo(6);

        var overdue = await ListAsync(secretary, "overdue=true");
        overdue.Count.ShouldBe(2);
        overdue.ShouldAllBe(c => c.Kind == "original" && c.Overdue);
        overdue.Select(c => c.Holder!.FullName).ShouldBe(["Морозова Ольга Викторовна", "Петров Сергей Николаевич"], ignoreOrder: true);
        (await ListAsync(secretary, "out=true")).Count.ShouldBe(4);

        var card = await CopiesOfAsync(secretary, overdue[0].DocumentId);
        card.Original!.Overdue.ShouldBeTrue();
        card.Original.StoragePlace!.Id.ShouldBe(folder.Id);

        await RunDispatcherAsync(host);
        var secretaryId = await host.WithDbAsync(db => db.Users.Where(u => u.UserName == "sekretar").Select(u => u.Id).SingleAsync());
        (await TitlesAsync(host, secretaryId)).Count(t => t.StartsWith("Просрочен возврат:", StringComparison.Ordinal)).ShouldBe(2);
    }
}
