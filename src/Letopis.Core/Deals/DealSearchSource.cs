using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Letopis.Core.Deals;

/// <summary>
/// Deals: found by title, the client's name, the comment and the names of their items. A row carries
/// the deal's responsible user, so a deal is found exactly by those who may see it.
/// </summary>
internal sealed class DealSearchSource : ISearchSource
{
    public string Kind => Deal.EntityKind;

    public string AccessKind => Deal.EntityKind;

    public async Task CollectStaleAsync(LetopisDb db, ChangeTracker changes, ISet<Guid> stale, CancellationToken ct)
    {
        foreach (var entry in changes.Entries<Deal>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                stale.Add(entry.Entity.Id);
        }
        foreach (var entry in changes.Entries<DealItem>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                stale.Add(entry.Entity.DealId);
        }
        // A renamed client changes the words its deals are found by.
        var renamed = changes.Entries<Counterparty>()
            .Where(e => e.State == EntityState.Modified && e.Property(c => c.Name).IsModified)
            .Select(e => e.Entity.Id)
            .ToList();
        if (renamed.Count > 0)
        {
            stale.UnionWith(await db.Deals.AsNoTracking().Where(d => d.CompanyId != null && renamed.Contains(d.CompanyId.Value))
                .Select(d => d.Id).ToListAsync(ct));
        }
    }

    public async Task<List<SearchRow>> BuildAsync(LetopisDb db, IReadOnlyCollection<Guid> ids, bool stems, CancellationToken ct)
    {
        var deals = await db.Deals.AsNoTracking()
            .Where(d => ids.Contains(d.Id))
            .Select(d => new
            {
                d.Id,
                d.Title,
                d.Comment,
                d.ResponsibleId,
                d.CompanyId,
                CompanyName = db.Counterparties.Where(c => c.Id == d.CompanyId).Select(c => c.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var found = deals.Select(d => d.Id).ToList();
        var items = (await db.DealItems.AsNoTracking().Where(i => found.Contains(i.DealId))
            .Select(i => new { i.DealId, i.Order, i.Name }).ToListAsync(ct))
            .ToLookup(i => i.DealId);
        return deals.Select(d =>
        {
            var itemNames = items[d.Id].OrderBy(i => i.Order).Select(i => i.Name).ToList();
            var body = new SearchText(stems).Words(d.CompanyName).Words(d.Comment);
            foreach (var name in itemNames)
                body.Words(name);
            return new SearchRow(
                Kind, d.Id, AccessKind, d.ResponsibleId, d.CompanyId, d.Title,
                SearchSnippet.Join(d.CompanyName, string.Join(", ", itemNames.Take(3))),
                new SearchText(stems).Words(d.Title).ToString(),
                body.ToString());
        }).ToList();
    }

    public async Task<List<Guid>> NextIdsAsync(LetopisDb db, Guid? after, int take, CancellationToken ct) =>
        after is { } last
            ? await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Deals" WHERE "Id" > {last} ORDER BY "Id" LIMIT {take}""").ToListAsync(ct)
            : await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Deals" ORDER BY "Id" LIMIT {take}""").ToListAsync(ct);
}
