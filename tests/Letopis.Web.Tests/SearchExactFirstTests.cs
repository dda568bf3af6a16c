using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

/// <summary>
/// A word that many records carry is found as that word (and its stem) only; a rare word is also
/// found as the start of longer words, as while typing.
/// </summary>
public class SearchExactFirstTests
{
    private static string UniqueWord()
    {
        const string consonants = "бвгджзклмнпрстф";
        return "Квазар" + string.Concat(Enumerable.Range(0, 5).Select(_ => consonants[Random.Shared.Next(consonants.Length)]));
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string q) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(q)}&pageSize=100");

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ABroadWord_FindsItsOwnFormsOnly_ARareWord_AlsoLongerWords(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var broad = UniqueWord();
        var rare = UniqueWord();
        for (var i = 0; i < Core.Search.SearchRecords.EnoughExact; i++)
            await DirectoryApiTests.CreateAsync(admin, new { name = $"{broad} {i}" });
        await DirectoryApiTests.CreateAsync(admin, new { name = broad + "ович" });
        await DirectoryApiTests.CreateAsync(admin, new { name = rare });
        await DirectoryApiTests.CreateAsync(admin, new { name = rare + "ович" });

        var many = await SearchAsync(admin, broad);
        many.GetProperty("total").GetInt32().ShouldBe(Core.Search.SearchRecords.EnoughExact);
        many.GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("title").GetString() == broad + "ович");
        // A page past the exact results carries none of their counts, and still counts exactly (with prefixes it would be 51).
        var past = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(broad)}&pageSize=30&page=3");
        past.GetProperty("items").GetArrayLength().ShouldBe(0);
        past.GetProperty("total").GetInt32().ShouldBe(Core.Search.SearchRecords.EnoughExact);

        var few = await SearchAsync(admin, rare);
        few.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString())
            .ShouldBe([rare, rare + "ович"], ignoreOrder: true);
    }
}
