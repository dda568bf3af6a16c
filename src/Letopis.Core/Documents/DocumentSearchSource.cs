using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Letopis.Core.Documents;

/// <summary>
/// Documents: found by number, title, summary, the counterparty's name, the type's name and the
/// sender's number. A document has one row for its responsible person and one per co-responsible
/// user (access kind <c>document:co</c>, which <see cref="Search"/>'s access filter lets through
/// only for that very user), so search shows it to exactly those who see its card. Since reading
/// follows the tree (ADR 0015), the responsible and co-responsible people of its parent and of its
/// root get rows of their own too.
/// A renamed type reaches the rows at the next rebuild: renaming a type must not rewrite a million rows in one save.
/// </summary>
public sealed class DocumentSearchSource : ISearchSource
{
    public const string CoResponsibleAccessKind = Document.EntityKind + AccessFilterKinds.CoSuffix;

    public string Kind => Document.EntityKind;

    public string AccessKind => Document.EntityKind;

    public async Task CollectStaleAsync(LetopisDb db, ChangeTracker changes, ISet<Guid> stale, CancellationToken ct)
    {
        foreach (var entry in changes.Entries<Document>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                stale.Add(entry.Entity.Id);
        }
        foreach (var entry in changes.Entries<DocumentCoResponsible>())
        {
            if (entry.State is EntityState.Added or EntityState.Deleted)
                stale.Add(entry.Entity.DocumentId);
        }
        stale.UnionWith(await UnderChangedHoldersAsync(db, changes, ct));
        // A renamed counterparty is in its documents' snippets and terms.
        var renamed = changes.Entries<Counterparty>()
            .Where(e => e.State == EntityState.Modified && e.Property(c => c.Name).IsModified)
            .Select(e => e.Entity.Id)
            .ToList();
        if (renamed.Count > 0)
            stale.UnionWith(await db.Documents.AsNoTracking().Where(d => d.CounterpartyId != null && renamed.Contains(d.CounterpartyId.Value))
                .Select(d => d.Id).ToListAsync(ct));
    }

    /// <summary>
    /// Rows also carry the people of the parent and the root (ADR 0015): a change of who holds a
    /// document makes the rows of the documents under it stale, and a move those of its new tree.
    /// </summary>
    internal static async Task<List<Guid>> UnderChangedHoldersAsync(LetopisDb db, ChangeTracker changes, CancellationToken ct)
    {
        var holders = new List<Guid>();
        var trees = new List<Guid>();
        foreach (var entry in changes.Entries<Document>())
        {
            if (entry.State == EntityState.Deleted
                || (entry.State == EntityState.Modified && (entry.Property(d => d.ResponsibleId).IsModified || entry.Property(d => d.Deleted).IsModified)))
                holders.Add(entry.Entity.Id);
            if (entry.State == EntityState.Modified && entry.Property(d => d.ParentId).IsModified)
                trees.Add(entry.Entity.RootId);
        }
        foreach (var entry in changes.Entries<DocumentCoResponsible>())
        {
            if (entry.State is EntityState.Added or EntityState.Deleted)
                holders.Add(entry.Entity.DocumentId);
        }
        if (holders.Count == 0 && trees.Count == 0)
            return [];
        return await db.Documents.AsNoTracking()
            .Where(d => (d.ParentId != null && holders.Contains(d.ParentId.Value)) || holders.Contains(d.RootId) || trees.Contains(d.RootId))
            .Select(d => d.Id).ToListAsync(ct);
    }

    public async Task<List<SearchRow>> BuildAsync(LetopisDb db, IReadOnlyCollection<Guid> ids, bool stems, CancellationToken ct)
    {
        var records = await (
            from d in db.Documents.AsNoTracking()
            join t in db.DocumentTypes on d.TypeId equals t.Id
            where ids.Contains(d.Id) && !d.Deleted
            select new
            {
                d.Id,
                d.Number,
                d.Title,
                d.Summary,
                d.IncomingNumber,
                d.ResponsibleId,
                d.ParentId,
                d.RootId,
                d.RegisteredOn,
                TypeName = t.Name,
                CounterpartyName = db.Counterparties.Where(c => c.Id == d.CounterpartyId).Select(c => c.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var found = records.Select(r => r.Id).ToList();
        var holderIds = records.SelectMany(r => new[] { r.ParentId, r.RootId == r.Id ? null : (Guid?)r.RootId })
            .OfType<Guid>().Distinct().ToList();
        var holders = await db.Documents.AsNoTracking().Where(d => holderIds.Contains(d.Id) && !d.Deleted)
            .Select(d => new { d.Id, d.ResponsibleId }).ToDictionaryAsync(d => d.Id, d => d.ResponsibleId, ct);
        var withCo = found.Concat(holders.Keys).ToList();
        var co = await db.DocumentCoResponsibles.AsNoTracking().Where(c => withCo.Contains(c.DocumentId))
            .Select(c => new { c.DocumentId, c.UserId }).ToListAsync(ct);
        var rows = new List<SearchRow>();
        foreach (var r in records)
        {
            var title = r.Number is null ? $"{r.TypeName} «{r.Title}»" : $"{r.TypeName} № {r.Number} «{r.Title}»";
            if (title.Length > Common.TextLimits.Name)
                title = title[..Common.TextLimits.Name];
            var summary = r.Summary is { Length: > 300 } s ? s[..300] + "…" : r.Summary;
            var snippet = SearchSnippet.Join(r.CounterpartyName, r.RegisteredOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), summary);
            var titleTerms = new SearchText(stems).Words(r.Number).Words(r.Title).ToString();
            var bodyTerms = new SearchText(stems).Words(r.TypeName).Words(r.CounterpartyName).Words(r.Summary).Words(r.IncomingNumber).ToString();
            rows.Add(new SearchRow(Kind, r.Id, AccessKind, r.ResponsibleId, null, title, snippet, titleTerms, bodyTerms));
            // Whoever reads the parent or the root reads this document too: one more row per person
            // who holds it by them, so that the scope condition on the row stays a plain owner test.
            var owners = new HashSet<(string, Guid?)> { (AccessKind, r.ResponsibleId) };
            foreach (var holder in new[] { (Guid?)r.Id, r.ParentId, r.RootId }.OfType<Guid>().Distinct())
            {
                if (holder != r.Id && holders.TryGetValue(holder, out var responsible) && responsible is not null
                    && owners.Add((AccessKind, responsible)))
                    rows.Add(new SearchRow(Kind, r.Id, AccessKind, responsible, null, title, snippet, titleTerms, bodyTerms));
                if (holder != r.Id && !holders.ContainsKey(holder))
                    continue;
                foreach (var c in co.Where(c => c.DocumentId == holder))
                {
                    if (c.UserId != r.ResponsibleId && owners.Add((CoResponsibleAccessKind, c.UserId)))
                        rows.Add(new SearchRow(Kind, r.Id, CoResponsibleAccessKind, c.UserId, null, title, snippet, titleTerms, bodyTerms));
                }
            }
        }
        return rows;
    }

    public async Task<List<Guid>> NextIdsAsync(LetopisDb db, Guid? after, int take, CancellationToken ct) =>
        after is { } last
            ? await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Documents" WHERE "Id" > {last} ORDER BY "Id" LIMIT {take}""").ToListAsync(ct)
            : await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Documents" ORDER BY "Id" LIMIT {take}""").ToListAsync(ct);
}
