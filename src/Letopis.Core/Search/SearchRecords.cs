using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.Documents.Files;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Search;

/// <summary>
/// A found record. <paramref name="ParentId"/> is the record it is reached through (for a contact,
/// a counterparty the caller can see), so that a result can open a card. A document carries its
/// <paramref name="Document"/> parts, so that its title and date are composed in the reader's
/// language and culture when shown; <see cref="Title"/> and <see cref="Snippet"/> are then the
/// index's Russian text.
/// </summary>
public sealed record SearchHit(string Entity, Guid Id, string Title, string? Snippet, Guid? ParentId, SearchHitDocument? Document = null);

/// <summary>
/// What a document hit is made of, read at display time. <paramref name="OwnSnippet"/> is false when
/// the snippet is a fragment of a file's text (which stays as found).
/// </summary>
public sealed record SearchHitDocument(
    string TypeCode, string TypeName, string? Number, string Title, DateOnly RegisteredOn, string? CounterpartyName, string? Summary,
    bool OwnSnippet);

/// <summary>
/// The global search: counterparties and contact persons (later leads, deals, documents and file
/// text) by words in any grammatical form, ИНН and phone fragments — only what the caller may
/// see, best matches first. A broad query ranks only its newest <see cref="SearchDialect.MaxCandidates"/>
/// visible index rows; counting stops after <see cref="MaxResults"/>: a total above it reads
/// "more than <see cref="MaxResults"/>", and pages end there.
/// </summary>
public sealed class SearchRecords(LetopisDb db)
{
    public const int MaxResults = 1000;

    /// <summary>
    /// When whole words and stems alone find at least this many index rows, the query stays exact:
    /// prefixes would only add longer words («Иванович» for «Иванов») below a list already long.
    /// </summary>
    public const int EnoughExact = 50;

    /// <summary>Field error code: the query holds no word of two letters or number of three digits.</summary>
    public const string TooShort = "too_short";

    public async Task<Result<PageOf<SearchHit>>> HandleAsync(AccessContext access, string? q, PageRequest page, CancellationToken ct)
    {
        var query = SearchQuery.Parse(q);
        if (query is null)
            return Error.Validation(("q", string.IsNullOrWhiteSpace(q) ? FieldErrors.Required : TooShort));

        var filter = new AccessFilter(access, SearchIndex.Sources.Select(s => s.AccessKind));
        if (!filter.SeesAnything)
            return new PageOf<SearchHit>([], 0, page.Page, page.PageSize);
        if (page.Skip >= MaxResults)
            return new PageOf<SearchHit>([], await CountAsync(query, filter, ct), page.Page, page.PageSize);

        var dialect = SearchDialect.For(db);
        var take = Math.Min(page.PageSize, MaxResults - page.Skip);
        List<SearchHitRow>? rows = null;
        if (query.HasWordPrefixes)
        {
            // The exact query's page carries its candidate count, so a frequent word costs no
            // separate count: its exact page is the answer. A rare one is asked again with prefixes.
            var exact = query.WithoutPrefixes();
            var exactPage = await dialect.HitsAsync(db, exact, filter, page.Skip, take, ct);
            var exactRows = exactPage.Count > 0 ? exactPage[0].CandidateRows
                : page.Skip == 0 ? 0
                : await dialect.CountRowsAsync(db, exact, filter, EnoughExact, ct);
            if (exactRows >= EnoughExact)
                (query, rows) = (exact, exactPage);
        }
        rows ??= await dialect.HitsAsync(db, query, filter, page.Skip, take, ct);
        // Every row carries the counts; only a page past the end has none to carry them.
        var total = rows.Count > 0 ? Total(rows[0].CandidateRows, rows[0].Records)
            : page.Skip == 0 ? 0 : await CountAsync(query, filter, ct);
        var sources = SearchIndex.Sources.ToDictionary(s => s.Kind);
        foreach (var kind in rows.GroupBy(r => r.Kind))
        {
            if (sources.TryGetValue(kind.Key, out var source))
                await source.DescribeAsync(db, query, kind.ToList(), ct);
        }
        var documents = await DocumentPartsAsync(rows.Where(r => r.Kind is Document.EntityKind or DocumentTextSearchSource.TextKind).Select(r => r.EntityId).ToList(), ct);
        var hits = rows.Select(r => new SearchHit(sources.TryGetValue(r.Kind, out var s) ? s.ResultEntity : r.Kind, r.EntityId, r.Title, r.Snippet, r.ParentId,
            documents.TryGetValue(r.EntityId, out var d) ? d with { OwnSnippet = r.Kind == Document.EntityKind } : null)).ToList();
        return new PageOf<SearchHit>(hits, total, page.Page, page.PageSize);
    }

    /// <summary>
    /// The parts of the documents on the page (at most a page of them, by primary key): the index
    /// keeps one Russian title, and a reader in another language sees the type and date in theirs.
    /// </summary>
    private async Task<Dictionary<Guid, SearchHitDocument>> DocumentPartsAsync(List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return [];
        var parts = await (
            from d in db.Documents.AsNoTracking()
            join t in db.DocumentTypes on d.TypeId equals t.Id
            where ids.Contains(d.Id)
            select new
            {
                d.Id,
                Parts = new SearchHitDocument(t.Code, t.Name, d.Number, d.Title, d.RegisteredOn,
                    db.Counterparties.Where(c => c.Id == d.CounterpartyId).Select(c => c.Name).FirstOrDefault(), d.Summary, true),
            })
            .ToListAsync(ct);
        return parts.ToDictionary(p => p.Id, p => p.Parts);
    }

    /// <summary>The records found, or <see cref="MaxResults"/> + 1 ("more") when the candidates ran out before all matches.</summary>
    private async Task<int> CountAsync(SearchQuery query, AccessFilter filter, CancellationToken ct)
    {
        var count = await SearchDialect.For(db).CountAsync(db, query, filter, ct);
        return Total(count.Rows, count.Records);
    }

    private static int Total(int candidateRows, int records) =>
        candidateRows >= SearchDialect.MaxCandidates ? MaxResults + 1 : Math.Min(records, MaxResults + 1);
}
