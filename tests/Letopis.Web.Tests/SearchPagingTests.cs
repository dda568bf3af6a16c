using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

/// <summary>The search's pages and its total: a page carries the count of everything found, also past the first page.</summary>
public class SearchPagingTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SevenMatches_InPagesOfThree_CountSevenOnEveryPage_AndTheLastPageHoldsOne(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var marker = string.Concat(Enumerable.Range(0, 9).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));
        var names = Enumerable.Range(1, 7).Select(i => $"ООО «{marker} {i}»").ToList();
        foreach (var name in names)
            (await admin.PostAsJsonAsync("/api/v1/counterparties", new { name })).EnsureSuccessStatusCode();

        var seen = new List<string>();
        foreach (var (pageNo, expected) in new[] { (1, 3), (2, 3), (3, 1), (4, 0) })
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(marker)}&pageSize=3&page={pageNo}");
            page.GetProperty("total").GetInt32().ShouldBe(7, $"page {pageNo}");
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
            items.Count.ShouldBe(expected, $"page {pageNo}");
            seen.AddRange(items);
        }
        seen.ShouldBe(names, ignoreOrder: true);
    }
}
