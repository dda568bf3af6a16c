using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Search;

/// <summary>
/// Keeps <c>SearchEntries</c> in step with the records. Every <see cref="LetopisDb"/> save that
/// adds, changes or deletes an indexed record refreshes that record's rows in the same transaction;
/// writes that bypass the change tracker (raw SQL, <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, bulk
/// generators) call <see cref="RefreshAsync"/> for what they touched, or <see cref="RebuildAsync"/>.
/// </summary>
public static class SearchIndex
{
    /// <summary>Everything searchable. A feature adds its source here.</summary>
    public static IReadOnlyList<ISearchSource> Sources { get; } = [new CounterpartySearchSource(), new ContactSearchSource(), new Documents.DocumentSearchSource(),
        new LeadSearchSource(),
        // After the sources whose records it adds words to: it copies their rows' owners.
        new Documents.Files.DocumentTextSearchSource(),
        new Deals.DealSearchSource()];

    /// <summary>
    /// Ids of the records of one kind whose text matches <paramref name="text"/>, to compose into a
    /// list query (which applies its own access filter); null when the text holds nothing searchable.
    /// </summary>
    public static IQueryable<Guid>? MatchingIds(LetopisDb db, string kind, string? text) =>
        SearchQuery.Parse(text) is { } query ? SearchDialect.For(db).MatchingIds(db, kind, query) : null;

    /// <summary>
    /// The records whose rows the pending changes of <paramref name="db"/> make stale, by source,
    /// with the rows of new records already built where their source can build them from the entity.
    /// </summary>
    internal static async Task<List<StaleRecords>> CollectStaleAsync(LetopisDb db, CancellationToken ct)
    {
        var result = new List<StaleRecords>();
        var stems = db.ProviderKind == "sqlite";
        foreach (var source in Sources)
        {
            var ids = new HashSet<Guid>();
            await source.CollectStaleAsync(db, db.ChangeTracker, ids, ct);
            if (ids.Count == 0)
                continue;
            var ready = source.BuildAdded(db.ChangeTracker, ids, stems);
            result.Add(new StaleRecords(source, ids, ready));
        }
        return result;
    }

    /// <summary>
    /// Writes the rows <see cref="CollectStaleAsync"/> found stale, after the save and in its
    /// transaction: the changed records' rows are rewritten from the database now, the new ones'
    /// (built before the save) go into the save's <paramref name="batch"/>.
    /// </summary>
    internal static async Task RefreshAsync(LetopisDb db, List<StaleRecords> stale, WriteBatch batch, CancellationToken ct)
    {
        foreach (var (source, ids, ready) in stale)
        {
            if (ids.Count > 0)
            {
                // A source may read rows queued before it (file text copies its document's owner).
                await batch.FlushAsync(ct);
                await RefreshAsync(db, source.Kind, ids, ct);
            }
            await AddAsync(batch, ready, ct);
        }
    }

    /// <summary>Rewrites the rows of these records of one kind from the database as it is now.</summary>
    public static async Task RefreshAsync(LetopisDb db, string kind, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var source = Sources.Single(s => s.Kind == kind);
        foreach (var chunk in ids.Chunk(1000))
        {
            await db.SearchEntries.Where(e => e.Kind == kind && chunk.Contains(e.EntityId)).ExecuteDeleteAsync(ct);
            await InsertAsync(db, await source.BuildAsync(db, chunk, db.ProviderKind == "sqlite", ct), ct);
        }
    }

    /// <summary>
    /// Rebuilds the whole index: for each kind, drops its rows and indexes every record again in
    /// batches of <paramref name="batchSize"/>, each batch in its own transaction, so that a
    /// generator that inserted a million records with raw SQL can make them findable without
    /// holding one huge transaction. While it runs, search finds only what is already rebuilt.
    /// Returns the number of records indexed.
    /// </summary>
    public static async Task<int> RebuildAsync(LetopisDb db, int batchSize = 2000, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var stems = db.ProviderKind == "sqlite";
        var done = 0;
        foreach (var source in Sources)
        {
            await db.SearchEntries.Where(e => e.Kind == source.Kind).ExecuteDeleteAsync(ct);
            Guid? after = null;
            while (true)
            {
                var ids = await source.NextIdsAsync(db, after, batchSize, ct);
                if (ids.Count == 0)
                    break;
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    await InsertAsync(db, await source.BuildAsync(db, ids, stems, ct), ct);
                    await tx.CommitAsync(ct);
                }
                after = ids[^1];
                done += ids.Count;
                progress?.Report(done);
            }
        }
        if (db.ProviderKind == "sqlite")
            // Merges the FTS5 segments a bulk load leaves behind, so the first searches are fast too.
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "SearchFts"("SearchFts") VALUES ('optimize')""", ct);
        return done;
    }

    /// <summary>
    /// Builds the index when it is empty while there are records to find: a database from before
    /// the index existed, or one a generator filled without indexing. Returns whether it did.
    /// </summary>
    public static async Task<bool> EnsureBuiltAsync(LetopisDb db, CancellationToken ct)
    {
        if (await db.SearchEntries.AnyAsync(ct) || !await db.Counterparties.AnyAsync(ct))
            return false;
        await RebuildAsync(db, ct: ct);
        return true;
    }

    private static async Task InsertAsync(LetopisDb db, IReadOnlyList<SearchRow> rows, CancellationToken ct)
    {
        var batch = new WriteBatch(db);
        await AddAsync(batch, rows, ct);
        await batch.FlushAsync(ct);
    }

    private static Task AddAsync(WriteBatch batch, IReadOnlyList<SearchRow> rows, CancellationToken ct) =>
        batch.InsertAsync("""
            "SearchEntries" ("Kind", "EntityId", "AccessKind", "OwnerId", "ParentId", "Title", "Snippet", "TitleTerms", "BodyTerms")
            """,
            rows.Select(r => new object?[] { r.Kind, r.EntityId, r.AccessKind, r.OwnerId, r.ParentId, r.Title, r.Snippet, r.TitleTerms, r.BodyTerms }), ct);
}

/// <summary>
/// Records of one source whose rows a save makes stale: <paramref name="Ids"/> are rewritten from the
/// database after the save; <paramref name="Ready"/> are the rows of new records, built before it.
/// </summary>
internal sealed record StaleRecords(ISearchSource Source, HashSet<Guid> Ids, IReadOnlyList<SearchRow> Ready);
