using Letopis.Core.Access;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Search;

/// <summary>A found row before it is shaped for the caller; <see cref="Rank"/> only orders.</summary>
public sealed class SearchHitRow
{
    public string Kind { get; set; } = "";

    public Guid EntityId { get; set; }

    public Guid? ParentId { get; set; }

    public string Title { get; set; } = "";

    public string? Snippet { get; set; }

    public double Rank { get; set; }

    /// <summary>How many visible candidate rows the query has (up to <see cref="SearchDialect.MaxCandidates"/>), the same on every row.</summary>
    public int CandidateRows { get; set; }

    /// <summary>How many records those candidates hold, the same on every row.</summary>
    public int Records { get; set; }
}

/// <summary>
/// The full-text SQL of one provider: FTS5 on SQLite, <c>tsvector</c>/<c>tsquery</c> on PostgreSQL.
/// The SQL text is assembled only from constants and numbered placeholders; every value is a parameter.
/// </summary>
internal abstract class SearchDialect
{
    public static SearchDialect For(LetopisDb db) => db.ProviderKind == "postgres" ? new PostgresDialect() : new SqliteDialect();

    /// <summary>
    /// At most this many index rows are ranked per query, the newest first: ranking every one of
    /// tens of thousands of matches of a broad word costs hundreds of milliseconds, and nobody
    /// pages past the first thousand results (<see cref="SearchRecords.MaxResults"/>), so no more rows
    /// than those are ranked. A query that reaches it says "more than 1000".
    /// </summary>
    public const int MaxCandidates = 1000;

    /// <summary>Ids of records of one kind matching the query (no access filter: the caller composes it).</summary>
    public abstract IQueryable<Guid> MatchingIds(LetopisDb db, string kind, SearchQuery query);

    /// <summary>
    /// One page of visible hits, best first, one per record, each carrying the counts of the whole
    /// candidate set: the candidates are found once for both, not once for the page and again for the total.
    /// </summary>
    public abstract Task<List<SearchHitRow>> HitsAsync(LetopisDb db, SearchQuery query, AccessFilter access, int skip, int take, CancellationToken ct);

    /// <summary>How many visible candidate rows there are (up to <see cref="MaxCandidates"/>) and how many records they hold.</summary>
    public abstract Task<SearchCount> CountAsync(LetopisDb db, SearchQuery query, AccessFilter access, CancellationToken ct);

    /// <summary>How many visible index rows match, counting no further than <paramref name="limit"/>.</summary>
    public async Task<int> CountRowsAsync(LetopisDb db, SearchQuery query, AccessFilter access, int limit, CancellationToken ct)
    {
        object[] args = [Match(query), .. access.Args()];
        var sql = $"""SELECT COUNT(*) AS "Value" FROM ({Rows(access)} LIMIT {limit}) AS c""";
        return (await db.Database.SqlQueryRaw<int>(sql, args).ToListAsync(ct))[0];
    }

    /// <summary>The query as this provider's full-text engine reads it (parameter 0).</summary>
    protected abstract string Match(SearchQuery query);

    /// <summary>Matching visible index rows, unranked and unordered (the query is parameter 0, the access filter follows).</summary>
    protected abstract string Rows(AccessFilter access);

    private sealed class SqliteDialect : SearchDialect
    {
        private const string From = """
            FROM "SearchFts" JOIN "SearchEntries" e ON e."RowId" = "SearchFts".rowid
            WHERE "SearchFts" MATCH {0}
            """;

        private const string CandidateColumns = """e."RowId", e."EntityId", "SearchFts".rank AS "Rank" """;

        private const string CountColumns = """e."EntityId" """;

        private const string MatchingIdsSql = """SELECT e."EntityId" AS "Value" """ + From + """ AND e."Kind" = {1}""";

        public override IQueryable<Guid> MatchingIds(LetopisDb db, string kind, SearchQuery query) =>
            db.Database.SqlQueryRaw<Guid>(MatchingIdsSql, query.ToFts5(), kind);

        protected override string Match(SearchQuery query) => query.ToFts5();

        protected override string Rows(AccessFilter access) => $"SELECT 1 {From} AND {access.Sql(1)}";

        // The candidates stream from FTS5 in descending rowid order through the access filter and stop
        // at the cap, so bm25 is computed for at most MaxCandidates rows.
        private static string Candidates(AccessFilter access, string columns) => $$"""
            SELECT {{columns}} {{From}} AND {{access.Sql(1)}}
            ORDER BY "SearchFts".rowid DESC
            LIMIT {{MaxCandidates}}
            """;

        public override Task<List<SearchHitRow>> HitsAsync(LetopisDb db, SearchQuery query, AccessFilter access, int skip, int take, CancellationToken ct)
        {
            object[] args = [query.ToFts5(), .. access.Args(), take, skip];
            var n = access.Count + 1;
            // The candidates keep only what ranks and groups them; the title and the snippet are read
            // for the page's rows alone. Bare columns beside MIN() come from the row holding the
            // minimum (an SQLite guarantee). One hit per record: ids are unique across kinds, and a
            // record found both by its own row and by another source's row about it (a document's
            // file text) is one result. Equal ranks show the newest first.
            var sql = $$"""
                WITH c AS MATERIALIZED ({{Candidates(access, CandidateColumns)}}),
                h AS (
                    SELECT c."RowId", c."EntityId", MIN(c."Rank") AS "Rank"
                    FROM c GROUP BY c."EntityId"),
                p AS (
                    SELECT h."RowId", h."Rank", (SELECT COUNT(*) FROM c) AS "CandidateRows", COUNT(*) OVER () AS "Records"
                    FROM h
                    ORDER BY h."Rank", h."RowId" DESC
                    LIMIT {{{n}}} OFFSET {{{n + 1}}})
                SELECT e."Kind", e."EntityId", e."ParentId", e."Title", e."Snippet", p."Rank", p."CandidateRows", p."Records"
                FROM p JOIN "SearchEntries" e ON e."RowId" = p."RowId"
                ORDER BY p."Rank", p."RowId" DESC
                """;
            return db.Database.SqlQueryRaw<SearchHitRow>(sql, args).ToListAsync(ct);
        }

        public override async Task<SearchCount> CountAsync(LetopisDb db, SearchQuery query, AccessFilter access, CancellationToken ct)
        {
            object[] args = [query.ToFts5(), .. access.Args()];
            var sql = $$"""
                SELECT COUNT(*) AS "Rows", COUNT(DISTINCT c."EntityId") AS "Records"
                FROM ({{Candidates(access, CountColumns)}}) AS c
                """;
            return (await db.Database.SqlQueryRaw<SearchCount>(sql, args).ToListAsync(ct))[0];
        }
    }

    private sealed class PostgresDialect : SearchDialect
    {
        public override IQueryable<Guid> MatchingIds(LetopisDb db, string kind, SearchQuery query) =>
            db.Database.SqlQueryRaw<Guid>("""
                SELECT e."EntityId" AS "Value" FROM "SearchEntries" e
                WHERE e."Vector" @@ to_tsquery('russian', {0}) AND e."Kind" = {1}
                """, query.ToTsQuery(), kind);

        protected override string Match(SearchQuery query) => query.ToTsQuery();

        protected override string Rows(AccessFilter access) => $$"""
            SELECT 1 FROM "SearchEntries" e
            WHERE e."Vector" @@ to_tsquery('russian', {0}) AND {{access.Sql(1)}}
            """;

        // A GIN index hands over every matching row unordered: ranking the newest of 75,000 matches of
        // «Иванову» meant visiting all 75,000 rows. Each row's vector also holds the lexeme of its block
        // of row ids (SearchSchema.RecencyShift), so the index itself narrows a query to a window of the
        // newest blocks; the windows reach further back until enough candidates are found, each sized
        // by how densely the word occurred in the windows before, so that few more rows than needed are visited.
        private static string WindowCandidates(AccessFilter access)
        {
            var n = access.Count + 1;
            return $$"""
                SELECT e."RowId", e."EntityId", ts_rank(e."Vector", q.query)::float8 AS "Rank"
                FROM "SearchEntries" e CROSS JOIN to_tsquery('russian', {0}) AS q(query)
                WHERE e."Vector" @@ (q.query && CAST({{{n}}} AS tsquery)) AND {{access.Sql(1)}}
                ORDER BY e."RowId" DESC
                LIMIT {{{n + 1}}}
                """;
        }

        private const int MaxWindows = 2;

        // The windows cover the newest 131,072 rows. Each block in a window costs the index a pass
        // over the word's whole posting list (4-7 ms for a surname in 75,000 rows) even where the
        // word never occurs, so six blocks cost a frequent word of old rows 17-20 ms of windows that
        // found nothing; the unordered older rows find its candidates in about 25 ms.
        private const int MaxWindowBlocks = 2;

        // Below the windows the rows are taken in the order the index's bitmap hands them over, not
        // newest first. Ordering them would visit every match: for a surname in 75,000 old rows that
        // was 300-900 ms, whether the planner walked the row ids back through rows that never match
        // or ranked the whole bitmap. Unordered, the heap scan stops at the cap: about 25 ms.
        private static string OlderCandidates(AccessFilter access)
        {
            var n = access.Count + 1;
            return $$"""
                SELECT e."RowId", e."EntityId", ts_rank(e."Vector", q.query)::float8 AS "Rank"
                FROM "SearchEntries" e CROSS JOIN to_tsquery('russian', {0}) AS q(query)
                WHERE e."Vector" @@ q.query AND e."RowId" < {{{n}}} AND {{access.Sql(1)}}
                LIMIT {{{n + 1}}}
                """;
        }

        /// <summary>
        /// <see cref="OlderCandidates"/> through the index's bitmap, whatever the planner estimates:
        /// without an order it may otherwise scan the table from its first row, or walk the row ids.
        /// The settings end with the transaction, or with the savepoint inside the caller's own.
        /// </summary>
        private static async Task<List<CandidateRow>> OlderCandidatesAsync(LetopisDb db, AccessFilter access, object[] args, CancellationToken ct)
        {
            var own = db.Database.CurrentTransaction;
            await using var transaction = own is null ? await db.Database.BeginTransactionAsync(ct) : null;
            const string Savepoint = "search_older_rows";
            if (own is not null)
                await own.CreateSavepointAsync(Savepoint, ct);
            // 16 MB keeps the bitmap of a word in 300,000 rows exact: at the default 4 MB the bitmap of a
            // surname in 75,000 rows turned lossy, took 18-23 instead of 11-12 ms to build, and made the
            // scan recheck every row of half its pages.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL work_mem = '16MB'", ct);
            var rows = await db.Database.SqlQueryRaw<CandidateRow>(OlderCandidates(access), args).ToListAsync(ct);
            if (own is not null)
                await own.RollbackToSavepointAsync(Savepoint, ct);
            else
                await transaction!.RollbackAsync(ct);
            return rows;
        }

        /// <summary>Blocks <paramref name="high"/> down to <paramref name="low"/> as a <c>tsquery</c> text: <c>'~76' | '~75'</c>.</summary>
        private static string Window(long high, long low)
        {
            var blocks = new List<string>();
            for (var b = high; b >= low; b--)
                blocks.Add($"'{SearchSchema.RecencyPrefix}{b}'");
            return string.Join(" | ", blocks);
        }

        /// <summary>How many blocks the next window spans: enough for what is still needed at the density seen so far, at most four times the last.</summary>
        private static long NextWindow(long lastSpan, long seenBlocks, int foundSoFar, int stillNeeded)
        {
            var widest = lastSpan * 4;
            if (foundSoFar == 0)
                return widest;
            var perBlock = (double)foundSoFar / seenBlocks;
            return Math.Clamp((long)Math.Ceiling(stillNeeded / perBlock), 1, widest);
        }

        /// <summary>The newest visible matching rows, at most <see cref="MaxCandidates"/>, newest first.</summary>
        private static async Task<List<CandidateRow>> CandidatesAsync(LetopisDb db, SearchQuery query, AccessFilter access, CancellationToken ct)
        {
            var top = (await db.Database.SqlQueryRaw<long>("""SELECT COALESCE(MAX("RowId"), 0) AS "Value" FROM "SearchEntries" """).ToListAsync(ct))[0];
            var sql = WindowCandidates(access);
            var found = new List<CandidateRow>();
            var high = top >> SearchSchema.RecencyShift;
            long span = 1;
            long seen = 0;
            // A block's lexeme lists 65,536 rows, and the index reads much of that list for every
            // window: windows pay while they are few and narrow. What is older is read by the words
            // alone, below the last window.
            for (var windows = 0; windows < MaxWindows && seen < MaxWindowBlocks && high >= 0 && found.Count < MaxCandidates; windows++)
            {
                var low = Math.Max(0, high - Math.Min(span, MaxWindowBlocks - seen) + 1);
                object[] args = [query.ToTsQuery(), .. access.Args(), Window(high, low), MaxCandidates - found.Count];
                var rows = await db.Database.SqlQueryRaw<CandidateRow>(sql, args).ToListAsync(ct);
                found.AddRange(rows);
                seen += high - low + 1;
                span = NextWindow(high - low + 1, seen, found.Count, MaxCandidates - found.Count);
                high = low - 1;
            }
            if (high >= 0 && found.Count < MaxCandidates)
            {
                object[] args = [query.ToTsQuery(), .. access.Args(), (high + 1) << SearchSchema.RecencyShift, MaxCandidates - found.Count];
                found.AddRange(await OlderCandidatesAsync(db, access, args, ct));
            }
            return found;
        }

        public override async Task<List<SearchHitRow>> HitsAsync(LetopisDb db, SearchQuery query, AccessFilter access, int skip, int take, CancellationToken ct)
        {
            var candidates = await CandidatesAsync(db, query, access, ct);
            // One hit per record, its best row; best first, equal ranks newest first (as on SQLite).
            var records = candidates.GroupBy(c => c.EntityId)
                .Select(g => g.OrderByDescending(c => c.Rank).ThenByDescending(c => c.RowId).First())
                .OrderByDescending(c => c.Rank).ThenByDescending(c => c.RowId)
                .ToList();
            var page = records.Skip(skip).Take(take).ToList();
            if (page.Count == 0)
                return [];
            var ids = page.Select(p => p.RowId).ToList();
            var entries = await db.SearchEntries.AsNoTracking().Where(e => ids.Contains(e.RowId))
                .Select(e => new { e.RowId, e.Kind, e.EntityId, e.ParentId, e.Title, e.Snippet })
                .ToDictionaryAsync(e => e.RowId, ct);
            return page.Where(p => entries.ContainsKey(p.RowId)).Select(p =>
            {
                var e = entries[p.RowId];
                return new SearchHitRow
                {
                    Kind = e.Kind,
                    EntityId = e.EntityId,
                    ParentId = e.ParentId,
                    Title = e.Title,
                    Snippet = e.Snippet,
                    Rank = p.Rank,
                    CandidateRows = candidates.Count,
                    Records = records.Count,
                };
            }).ToList();
        }

        public override async Task<SearchCount> CountAsync(LetopisDb db, SearchQuery query, AccessFilter access, CancellationToken ct)
        {
            var candidates = await CandidatesAsync(db, query, access, ct);
            return new SearchCount { Rows = candidates.Count, Records = candidates.Select(c => c.EntityId).Distinct().Count() };
        }
    }
}

/// <summary>A matching index row before ranking (a named type: Npgsql reads a tuple as a ROW).</summary>
internal sealed class CandidateRow
{
    public long RowId { get; set; }

    public Guid EntityId { get; set; }

    public double Rank { get; set; }
}

/// <summary>Visible candidate rows of a query and the records among them.</summary>
public sealed class SearchCount
{
    public int Rows { get; set; }

    public int Records { get; set; }
}

/// <summary>
/// The read scopes of one user as a condition on index rows (alias <c>e</c>): for each access
/// kind, all rows, the user's own, or those of the users in their department (tree) — the same
/// rule as <see cref="AccessQueryExtensions.VisibleTo{T}"/>, on the responsible user kept in the row.
/// </summary>
/// <summary>Access kinds of index rows beyond the permission kinds.</summary>
public static class AccessFilterKinds
{
    /// <summary>
    /// Appended to a permission kind for a row that carries a co-responsible user in <c>OwnerId</c>:
    /// it is visible to that user alone (when their scope of the kind is not none).
    /// </summary>
    public const string CoSuffix = ":co";
}

internal sealed class AccessFilter
{
    private readonly List<(string Kind, IReadOnlyCollection<Guid>? Owners)> _kinds = [];

    public AccessFilter(AccessContext access, IEnumerable<string> kinds)
    {
        foreach (var kind in kinds.Distinct())
        {
            var scope = access.ScopeFor(kind, PermissionAction.Read);
            if (scope == AccessScope.None)
                continue;
            _kinds.Add((kind, scope switch
            {
                AccessScope.All => null,
                AccessScope.Own => [access.UserId],
                _ => access.UsersIn(scope).ToList(),
            }));
            // Rows of co-responsible users (documents) show to that user whatever the scope; with
            // scope "all" the record's main row already shows.
            if (scope != AccessScope.All)
                _kinds.Add((kind + AccessFilterKinds.CoSuffix, [access.UserId]));
        }
    }

    /// <summary>Whether the user may see any row at all.</summary>
    public bool SeesAnything => _kinds.Count > 0;

    /// <summary>How many parameters <see cref="Sql"/> uses.</summary>
    public int Count => _kinds.Sum(k => 1 + (k.Owners?.Count ?? 0));

    public IEnumerable<object> Args()
    {
        foreach (var (kind, owners) in _kinds)
        {
            yield return kind;
            foreach (var owner in owners ?? [])
                yield return owner;
        }
    }

    /// <summary>The condition, numbering its parameters from <paramref name="first"/> in the order of <see cref="Args"/>.</summary>
    public string Sql(int first)
    {
        var parts = new List<string>();
        var i = first;
        foreach (var (_, owners) in _kinds)
        {
            var kind = $"e.\"AccessKind\" = {{{i++}}}";
            if (owners is null)
            {
                parts.Add(kind);
                continue;
            }
            var list = string.Join(", ", owners.Select(_ => $"{{{i++}}}"));
            parts.Add($"({kind} AND e.\"OwnerId\" IN ({list}))");
        }
        return "(" + string.Join(" OR ", parts) + ")";
    }
}
