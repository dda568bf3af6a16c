using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Letopis.Core.Search;

/// <summary>An index row as a source describes it; <see cref="SearchIndex"/> writes it.</summary>
public sealed record SearchRow(
    string Kind, Guid EntityId, string AccessKind, Guid? OwnerId, Guid? ParentId, string Title, string? Snippet,
    string TitleTerms, string BodyTerms);

/// <summary>
/// One kind of searchable record. A new feature (leads, deals, documents, file text) becomes
/// searchable by adding a source to <see cref="SearchIndex.Sources"/>: the index then follows
/// its writes in <see cref="LetopisDb"/>'s SaveChanges, and <see cref="SearchIndex.RebuildAsync"/> covers it.
/// </summary>
public interface ISearchSource
{
    /// <summary>The <see cref="SearchEntry.Kind"/> of its rows, also the <c>entity</c> of search results.</summary>
    string Kind { get; }

    /// <summary>The permission kind whose read scope decides who sees its rows.</summary>
    string AccessKind { get; }

    /// <summary>
    /// Adds the ids of its records whose rows the pending changes make stale. Runs before the
    /// changes are saved, so that what is about to be deleted can still be looked up.
    /// </summary>
    Task CollectStaleAsync(LetopisDb db, ChangeTracker changes, ISet<Guid> stale, CancellationToken ct);

    /// <summary>
    /// Builds, from the tracked entities alone, the rows of records the pending changes add, and
    /// removes their ids from <paramref name="stale"/>. Runs before the save takes SQLite's write
    /// lock, so that the rows are ready when it does: a new record has no rows to delete and needs
    /// no read-back. A source whose rows need more than the entity (a contact's counterparties)
    /// builds nothing and leaves its records to <see cref="BuildAsync"/> after the save.
    /// </summary>
    IReadOnlyList<SearchRow> BuildAdded(ChangeTracker changes, ISet<Guid> stale, bool stems) => [];

    /// <summary>The rows of these records as they are in the database now (none for a deleted record).</summary>
    Task<List<SearchRow>> BuildAsync(LetopisDb db, IReadOnlyCollection<Guid> ids, bool stems, CancellationToken ct);

    /// <summary>Ids of its records in key order after <paramref name="after"/>, for a rebuild in batches.</summary>
    Task<List<Guid>> NextIdsAsync(LetopisDb db, Guid? after, int take, CancellationToken ct);

    /// <summary>
    /// The <c>entity</c> its results name. A source that indexes more words of another source's
    /// records (the text of a document's files) names that record, keeps its rows under the same
    /// <see cref="SearchEntry.EntityId"/>, and its hits merge with that record's own.
    /// </summary>
    string ResultEntity => Kind;

    /// <summary>Lets the source rewrite the snippets of its hits on the page being shown, for this query.</summary>
    Task DescribeAsync(LetopisDb db, SearchQuery query, IReadOnlyList<SearchHitRow> hits, CancellationToken ct) => Task.CompletedTask;
}
