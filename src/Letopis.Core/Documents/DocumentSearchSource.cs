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
/// only for that very user), so search shows it to exactly those who see its card.
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
        // A renamed counterparty is in its documents' snippets and terms.
        var renamed = changes.Entries<Counterparty>()
            .Where(e => e.State == EntityState.Modified && e.Property(c => c.Name).IsModified)
            .Select(e => e.Entity.Id)
            .ToList();
        if (renamed.Count > 0)
            stale.UnionWith(await db.Documents.AsNoTracking().Where(d => d.CounterpartyId != null && renamed.Contains(d.CounterpartyId.Value))
                .Select(d => d.Id).ToListAsync(ct));
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
                d.RegisteredOn,
                TypeName = t.Name,
                CounterpartyName = db.Counterparties.Where(c => c.Id == d.CounterpartyId).Select(c => c.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var found = records.Select(r => r.Id).ToList();
        var co = await db.DocumentCoResponsibles.AsNoTracking().Where(c => found.Contains(c.DocumentId))
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
            foreach (var c in co.Where(c => c.DocumentId == r.Id && c.UserId != r.ResponsibleId))
                rows.Add(new SearchRow(Kind, r.Id, CoResponsibleAccessKind, c.UserId, null, title, snippet, titleTerms, bodyTerms));
        }
        return rows;
    }

    public async Task<List<Guid>> NextIdsAsync(LetopisDb db, Guid? after, int take, CancellationToken ct) =>
        after is { } last
            ? await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Documents" WHERE "Id" > {last} ORDER BY "Id" LIMIT {take}""").ToListAsync(ct)
            : await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Documents" ORDER BY "Id" LIMIT {take}""").ToListAsync(ct);
}
