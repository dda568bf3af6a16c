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
        var host = DemoHosts.Shared(provider);
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

        // The seeded movements read on the document's history and the counterparty's timeline as the secretary's.
        var documentId = overdue[0].DocumentId;
        var lines = await host.WithDbAsync(db => db.ChangeRecords.Where(r => r.EntityId == documentId && r.Field == "paperCopy")
            .OrderBy(r => r.At).Select(r => new { r.UserId, r.NewValue }).ToListAsync());
        var kinds = lines.Select(l => l.NewValue!.Split('\n')[0]).ToList();
        kinds.ShouldContain("placed");
        kinds[^1].ShouldBe("handed_out");
        lines.ShouldAllBe(l => l.UserId == secretaryId);
        lines[^1].NewValue!.ShouldContain(overdue[0].Holder!.FullName);
        var counterpartyId = await host.WithDbAsync(db => db.Documents.Where(d => d.Id == documentId).Select(d => d.CounterpartyId).SingleAsync());
        (await host.WithDbAsync(db => db.TimelineEvents.CountAsync(e => e.CounterpartyId == counterpartyId && e.Kind == "paper_handed_out" && e.UserId == secretaryId)))
            .ShouldBeGreaterThanOrEqualTo(1);
    }
}
