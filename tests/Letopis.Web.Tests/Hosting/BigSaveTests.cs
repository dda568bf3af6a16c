using Letopis.Core.Crm;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Hosting;

/// <summary>
/// A save far larger than one statement's parameters (an import, a bulk change) still writes every
/// history row: the rows beside EF Core's go in several commands when they do not fit in one.
/// </summary>
public class BigSaveTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OneSaveOfThreeHundredEntries_RecordsTheHistoryOfEveryOne(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var marker = "Пакет " + Guid.NewGuid().ToString("N")[..6];
        var items = Enumerable.Range(0, 300)
            .Select(i => new ReferenceItem { Book = ReferenceBook.Group, Name = $"{marker} {i:D3}", NameNormalized = $"{marker} {i:D3}".ToUpperInvariant() })
            .ToList();
        await host.WithDbAsync(async db =>
        {
            db.ReferenceItems.AddRange(items);
            return await db.SaveChangesAsync();
        });

        var ids = items.Select(i => i.Id).ToList();
        var names = await host.WithDbAsync(db => db.ChangeRecords.AsNoTracking()
            .Where(c => c.EntityKind == ReferenceItem.AuditKind && ids.Contains(c.EntityId) && c.Field == "name")
            .Select(c => new { c.EntityId, c.NewValue, c.OldValue }).ToListAsync());
        names.Count.ShouldBe(300);
        names.ShouldAllBe(n => n.OldValue == null);
        names.Select(n => n.NewValue).Order(StringComparer.Ordinal).ShouldBe(items.Select(i => i.Name).Order(StringComparer.Ordinal));
        // Every entry has the same rows (book, name, …), so the total is a multiple of 300 greater than it.
        var rows = await host.WithDbAsync(db => db.ChangeRecords.CountAsync(c => c.EntityKind == ReferenceItem.AuditKind && ids.Contains(c.EntityId)));
        (rows % 300).ShouldBe(0);
        rows.ShouldBeGreaterThan(300);
    }
}
