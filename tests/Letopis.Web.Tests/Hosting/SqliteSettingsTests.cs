using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Hosting;

/// <summary>An operator sizes SQLite's memory map and page cache by configuration; a value out of range stops the start.</summary>
public class SqliteSettingsTests
{
    [Fact]
    public async Task TheMemoryMapAndThePageCache_FollowTheSettings()
    {
        using var tuned = new LetopisHost("sqlite", settings: new Dictionary<string, string?>
        {
            ["Letopis:Database:SqliteMmapMegabytes"] = "256",
            ["Letopis:Database:SqliteCacheMegabytes"] = "8",
        });
        (await PragmasAsync(tuned)).ShouldBe((256L << 20, -8L * 1024));

        using var standard = new LetopisHost("sqlite");
        (await PragmasAsync(standard)).ShouldBe((0L, -32L * 1024));
    }

    [Fact]
    public async Task ScratchTablesAndStatementJournals_StayInMemory()
    {
        // SQLite otherwise opens, writes and deletes a file in /var/tmp for the scratch table of an
        // IN list or a materialised subquery: about one file per save of a card.
        using var host = new LetopisHost("sqlite");
        (await host.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            return await PragmaAsync(db, "temp_store");
        })).ShouldBe(2L); // MEMORY
    }

    [Fact]
    public async Task ForeignKeys_AreEnforcedOnEveryPooledConnection()
    {
        using var host = new LetopisHost("sqlite");
        // The first open sets the connection up; the later ones get the same native connection back from the pool.
        for (var open = 0; open < 3; open++)
        {
            var (enabled, refused) = await host.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync();
                var on = await PragmaAsync(db, "foreign_keys");
                var error = await Should.ThrowAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO \"DocumentLinks\" (\"Id\", \"FromId\", \"ToId\", \"Kind\", \"CreatedAt\") VALUES ('x', 'no-such-document', 'no-such-document', 'SeeAlso', '2026-11-28')"));
                return (on, error.SqliteErrorCode);
            });
            enabled.ShouldBe(1L);
            refused.ShouldBe(19); // SQLITE_CONSTRAINT: the row points at documents that do not exist
        }
    }

    [Fact]
    public void ANegativeMemoryMap_StopsTheStart()
    {
        using var host = new LetopisHost("sqlite", settings: new Dictionary<string, string?> { ["Letopis:Database:SqliteMmapMegabytes"] = "-1" });
        Should.Throw<Exception>(() => host.Server).ToString().ShouldContain("SqliteMmapMegabytes");
    }

    private static Task<(long Mmap, long Cache)> PragmasAsync(LetopisHost host) => host.WithDbAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        return (await PragmaAsync(db, "mmap_size"), await PragmaAsync(db, "cache_size"));
    });

    private static async Task<long> PragmaAsync(Letopis.Core.Data.LetopisDb db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
