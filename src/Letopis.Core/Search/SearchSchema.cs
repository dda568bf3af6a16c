namespace Letopis.Core.Search;

/// <summary>
/// The full-text half of the search index, which EF Core cannot model on both providers: the
/// migrations that create <c>SearchEntries</c> run these statements. (If migrations are ever
/// regenerated, the one <c>migrationBuilder.Sql(...)</c> line per provider must come along.)
/// </summary>
public static class SearchSchema
{
    /// <summary>
    /// SQLite: an external-content FTS5 table reads its text from <c>SearchEntries</c>, so the terms
    /// are stored once; triggers keep it in step in the same transaction as every write. The
    /// tokenizer only splits on spaces in effect: the terms arrive lower-cased and stemmed.
    /// Title terms weigh four times the rest in the bm25 ranking.
    /// </summary>
    public const string SqliteUp = """
        CREATE VIRTUAL TABLE "SearchFts" USING fts5("TitleTerms", "BodyTerms", content='SearchEntries', content_rowid='RowId', tokenize='unicode61 remove_diacritics 0');
        CREATE TRIGGER "SearchEntries_Insert" AFTER INSERT ON "SearchEntries" BEGIN
            INSERT INTO "SearchFts"(rowid, "TitleTerms", "BodyTerms") VALUES (new."RowId", new."TitleTerms", new."BodyTerms");
        END;
        CREATE TRIGGER "SearchEntries_Delete" AFTER DELETE ON "SearchEntries" BEGIN
            INSERT INTO "SearchFts"("SearchFts", rowid, "TitleTerms", "BodyTerms") VALUES ('delete', old."RowId", old."TitleTerms", old."BodyTerms");
        END;
        CREATE TRIGGER "SearchEntries_Update" AFTER UPDATE ON "SearchEntries" BEGIN
            INSERT INTO "SearchFts"("SearchFts", rowid, "TitleTerms", "BodyTerms") VALUES ('delete', old."RowId", old."TitleTerms", old."BodyTerms");
            INSERT INTO "SearchFts"(rowid, "TitleTerms", "BodyTerms") VALUES (new."RowId", new."TitleTerms", new."BodyTerms");
        END;
        INSERT INTO "SearchFts"("SearchFts", rank) VALUES ('rank', 'bm25(4.0, 1.0)');
        """;

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS "SearchEntries_Update";
        DROP TRIGGER IF EXISTS "SearchEntries_Delete";
        DROP TRIGGER IF EXISTS "SearchEntries_Insert";
        DROP TABLE IF EXISTS "SearchFts";
        """;

    /// <summary>
    /// PostgreSQL: a stored generated <c>tsvector</c> under a GIN index. Each text goes in twice:
    /// through the <c>russian</c> configuration (stems) and through <c>simple</c> (words as written),
    /// so that a query stem that Snowball cut differently still prefix-matches the written word
    /// («Иванову» → <c>иванов:*</c> finds «Иванов», whose stem is <c>иван</c>).
    /// </summary>
    public const string PostgresUp = $"""
        ALTER TABLE "SearchEntries" ADD COLUMN "Vector" tsvector GENERATED ALWAYS AS (
            {TermsVector}) STORED;
        CREATE INDEX "IX_SearchEntries_Vector" ON "SearchEntries" USING GIN ("Vector");
        """;

    private const string TermsVector = """
        setweight(to_tsvector('russian', "TitleTerms"), 'A') || setweight(to_tsvector('simple', "TitleTerms"), 'A') ||
                    setweight(to_tsvector('russian', "BodyTerms"), 'B') || setweight(to_tsvector('simple', "BodyTerms"), 'B')
        """;

    public const string PostgresDown = """
        DROP INDEX IF EXISTS "IX_SearchEntries_Vector";
        ALTER TABLE "SearchEntries" DROP COLUMN IF EXISTS "Vector";
        """;

    /// <summary>
    /// Rows are grouped in blocks of 2^16 row ids for recency: on PostgreSQL each row's vector also
    /// holds the lexeme <c>~{RowId >> 16}</c>, which no typed word can produce (the parser drops the tilde).
    /// </summary>
    public const int RecencyShift = 16; // written out as ">> 16" in PostgresRecencyUp (a constant string cannot hold a number)

    public const string RecencyPrefix = "~";

    /// <summary>PostgreSQL: the vector of <see cref="PostgresUp"/> plus the row's recency block (PostgreSQL 15 cannot alter a generation expression, so the column is made again).</summary>
    public const string PostgresRecencyUp = $"""
        {PostgresDown}
        ALTER TABLE "SearchEntries" ADD COLUMN "Vector" tsvector GENERATED ALWAYS AS (
            {TermsVector} ||
            array_to_tsvector(ARRAY['{RecencyPrefix}' || ("RowId" >> 16)::text])) STORED;
        CREATE INDEX "IX_SearchEntries_Vector" ON "SearchEntries" USING GIN ("Vector");
        """;

    public const string PostgresRecencyDown = PostgresDown + PostgresUp;

    /// <summary>
    /// PostgreSQL: new rows go straight into the search index. With GIN's default «fast update» they
    /// wait in a pending list that every search reads from start to end until a vacuum (which an
    /// insert-mostly table rarely gets) or 4 MB of them moves them in: after a few thousand new cards
    /// a document search took 46 ms at p95 instead of 32.
    /// </summary>
    public const string PostgresDirectIndexUp = """
        ALTER INDEX "IX_SearchEntries_Vector" SET (fastupdate = off);
        SELECT gin_clean_pending_list('"IX_SearchEntries_Vector"'::regclass);
        """;

    public const string PostgresDirectIndexDown = """
        ALTER INDEX "IX_SearchEntries_Vector" RESET (fastupdate);
        """;
}
