using Letopis.Core.Data;
using Letopis.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Letopis.Core.Documents.Files;

/// <summary>
/// The words inside a document's files: one index row per document holding the terms of the
/// extracted text of each file's current version. Its results are the document itself
/// (<see cref="ResultEntity"/>), merged with the card's own row, and the snippet is cut from the
/// file's text around the word that matched. The row is seen by exactly whom the document's card
/// rows are seen (their access kind, owners and title are copied), or, before the card is indexed,
/// by the document's access rule on its responsible person.
/// </summary>
internal sealed class DocumentTextSearchSource : ISearchSource
{
    public const string TextKind = "document_text";

    public string Kind => TextKind;

    public string AccessKind => Document.EntityKind;

    public string ResultEntity => Document.EntityKind;

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
        foreach (var entry in changes.Entries<DocumentFile>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                stale.Add(entry.Entity.DocumentId);
        }
        // Its rows copy the card's owners, which include the people of the parent and the root.
        stale.UnionWith(await DocumentSearchSource.UnderChangedHoldersAsync(db, changes, ct));
        var versions = changes.Entries<DocumentFileVersion>()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted)
            .Select(e => e.Entity.FileId)
            .ToList();
        if (versions.Count > 0)
        {
            var documents = await db.DocumentFiles.AsNoTracking().Where(f => versions.Contains(f.Id)).Select(f => f.DocumentId).ToListAsync(ct);
            stale.UnionWith(documents);
        }
    }

    public async Task<List<SearchRow>> BuildAsync(LetopisDb db, IReadOnlyCollection<Guid> ids, bool stems, CancellationToken ct)
    {
        var texts = await (
            from x in db.Set<FileTextExtraction>().AsNoTracking()
            join f in db.DocumentFiles on x.FileId equals f.Id
            join v in db.DocumentFileVersions on x.VersionId equals v.Id
            where ids.Contains(x.DocumentId) && !f.Deleted && v.Version == f.CurrentVersion && x.State == TextState.Done && x.Text != null && x.Text != ""
            select new { x.DocumentId, f.Name, x.Text })
            .ToListAsync(ct);
        if (texts.Count == 0)
            return [];
        var withText = texts.Select(t => t.DocumentId).Distinct().ToList();

        var documents = await db.Documents.AsNoTracking()
            .Where(d => withText.Contains(d.Id) && !d.Deleted)
            .Select(d => new { d.Id, d.Number, d.Title, d.ResponsibleId })
            .ToListAsync(ct);
        var cardRows = await db.SearchEntries.AsNoTracking()
            .Where(e => e.Kind == Document.EntityKind && withText.Contains(e.EntityId))
            .Select(e => new { e.EntityId, e.AccessKind, e.OwnerId, e.ParentId, e.Title })
            .ToListAsync(ct);

        var rows = new List<SearchRow>();
        foreach (var document in documents)
        {
            var files = texts.Where(t => t.DocumentId == document.Id).ToList();
            var terms = new SearchText(stems);
            foreach (var file in files)
                terms.Words(file.Text);
            var body = terms.ToString();
            var names = string.Join(" · ", files.Select(f => f.Name).Distinct());
            names = names.Length > 1000 ? names[..1000] : names;
            var cards = cardRows.Where(c => c.EntityId == document.Id).ToList();
            if (cards.Count == 0)
            {
                var title = document.Number is null ? document.Title : $"{document.Number} {document.Title}";
                rows.Add(new SearchRow(Kind, document.Id, AccessKind, document.ResponsibleId, null, title, names, "", body));
                continue;
            }
            foreach (var card in cards.DistinctBy(c => (c.AccessKind, c.OwnerId)))
                rows.Add(new SearchRow(Kind, document.Id, card.AccessKind, card.OwnerId, card.ParentId, card.Title, names, "", body));
        }
        return rows;
    }

    public async Task<List<Guid>> NextIdsAsync(LetopisDb db, Guid? after, int take, CancellationToken ct) =>
        after is { } last
            ? await db.Database.SqlQuery<Guid>($"""SELECT DISTINCT "DocumentId" AS "Value" FROM "FileTextExtractions" WHERE "State" = 'Done' AND "DocumentId" > {last} ORDER BY "DocumentId" LIMIT {take}""").ToListAsync(ct)
            : await db.Database.SqlQuery<Guid>($"""SELECT DISTINCT "DocumentId" AS "Value" FROM "FileTextExtractions" WHERE "State" = 'Done' ORDER BY "DocumentId" LIMIT {take}""").ToListAsync(ct);

    /// <summary>Each hit of this source gets the fragment of its files' text around the first matching word.</summary>
    public async Task DescribeAsync(LetopisDb db, SearchQuery query, IReadOnlyList<SearchHitRow> hits, CancellationToken ct)
    {
        var ids = hits.Select(h => h.EntityId).ToList();
        var texts = await (
            from x in db.Set<FileTextExtraction>().AsNoTracking()
            join f in db.DocumentFiles on x.FileId equals f.Id
            join v in db.DocumentFileVersions on x.VersionId equals v.Id
            where ids.Contains(x.DocumentId) && !f.Deleted && v.Version == f.CurrentVersion && x.State == TextState.Done
            orderby f.CreatedAt
            select new { x.DocumentId, f.Name, x.Text })
            .ToListAsync(ct);
        foreach (var hit in hits)
        {
            foreach (var file in texts.Where(t => t.DocumentId == hit.EntityId))
            {
                if (TextSnippet.Around(file.Text, query) is { } fragment)
                {
                    hit.Snippet = $"{file.Name}: {fragment}";
                    break;
                }
            }
        }
    }
}
