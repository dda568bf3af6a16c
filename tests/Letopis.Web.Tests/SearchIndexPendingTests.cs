using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests;

/// <summary>
/// A new card is found at once by a declined word; on PostgreSQL it is in the search index itself,
/// not in GIN's pending list that every later search would read through until a vacuum.
/// </summary>
public class SearchIndexPendingTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ANewCard_IsFoundAtOnce_FromTheIndexItself(string provider)
    {
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        (await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = "ООО «Пусконаладка»" })).EnsureSuccessStatusCode();

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString("пусконаладкой")}");
        page.GetProperty("total").GetInt32().ShouldBe(1);

        if (provider == TestDatabases.Postgres)
        {
            var options = await host.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
                """SELECT array_to_string(reloptions, ',') AS "Value" FROM pg_class WHERE relname = 'IX_SearchEntries_Vector'""").SingleAsync());
            options.ShouldContain("fastupdate=off");
        }
    }
}
