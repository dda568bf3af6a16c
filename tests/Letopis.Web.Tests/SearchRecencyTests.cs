using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Search;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests;

/// <summary>
/// Search looks for the newest matches first, block of index rows by block (on PostgreSQL through
/// the recency lexeme in each vector): a record indexed long before the others is still found,
/// and counted, however many blocks lie between.
/// </summary>
public class SearchRecencyTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ARecordManyBlocksOlder_IsFoundBesideTheNewOnes(string provider)
    {
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var marker = Marker();
        (await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «{marker} старый»" })).EnsureSuccessStatusCode();

        // Eleven blocks later: the rows added next are in block 11, the old one stays in block 0.
        await SkipBlocksAsync(host, 11);
        foreach (var i in Enumerable.Range(1, 3))
            (await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «{marker} новый {i}»" })).EnsureSuccessStatusCode();

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(marker)}&pageSize=10");
        page.GetProperty("total").GetInt32().ShouldBe(4);
        var titles = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
        titles.ShouldBe([$"ООО «{marker} старый»", .. Enumerable.Range(1, 3).Select(i => $"ООО «{marker} новый {i}»")], ignoreOrder: true);
        // A page beyond the results still carries the total.
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(marker)}&pageSize=2&page=3"))
            .GetProperty("total").GetInt32().ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ASearchInsideTheCallersTransaction_FindsOldRowsAndLeavesTheTransactionAsItWas(string provider)
    {
        // On PostgreSQL rows below the recency windows are read with table scans switched off for one
        // query; inside a transaction the caller opened, that must end with the search, not with the transaction.
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var marker = Marker();
        (await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «{marker} старый»" })).EnsureSuccessStatusCode();
        await SkipBlocksAsync(host, 11);
        (await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «{marker} новый»" })).EnsureSuccessStatusCode();

        var (found, settings) = await host.WithDbAsync(async db =>
        {
            var adminId = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
            var access = await Letopis.Core.Access.AccessContext.LoadAsync(db, adminId, CancellationToken.None);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await new SearchRecords(db).HandleAsync(access, marker, new Letopis.Core.Common.PageRequest(1, 10), CancellationToken.None);
            var after = db.ProviderKind == "postgres"
                ? await db.Database.SqlQueryRaw<string>(
                    """SELECT current_setting('enable_seqscan') || ' ' || current_setting('enable_indexscan') AS "Value" """).SingleAsync()
                : "on on";
            await transaction.CommitAsync();
            return (result.Value.Items.Select(h => h.Title).Order().ToList(), after);
        });

        found.ShouldBe(new[] { $"ООО «{marker} новый»", $"ООО «{marker} старый»" }.Order().ToList());
        settings.ShouldBe("on on");
    }

    private static string Marker() => string.Concat(Enumerable.Range(0, 9).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));

    /// <summary>Makes the rows added next start <paramref name="blocks"/> recency blocks after the first.</summary>
    private static Task SkipBlocksAsync(LetopisHost host, long blocks) => host.WithDbAsync(async db =>
    {
        var next = blocks << SearchSchema.RecencyShift;
        if (db.ProviderKind == "postgres")
            await db.Database.ExecuteSqlRawAsync("""SELECT setval(pg_get_serial_sequence('"SearchEntries"', 'RowId'), {0})""", next);
        else
            // SQLite gives the next row the highest id plus one: a row no one may see holds the place.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "SearchEntries" ("RowId", "Kind", "EntityId", "AccessKind", "Title", "TitleTerms", "BodyTerms")
                VALUES ({0}, 'placeholder', {1}, 'placeholder', '', '', '')
                """, next, Guid.NewGuid());
        return 0;
    });
}
