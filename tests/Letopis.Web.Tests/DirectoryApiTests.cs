using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

/// <summary>The counterparty directory: tags, filters, sort orders and paging.</summary>
public class DirectoryApiTests
{
    private static string Marker(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    internal static async Task<Guid> ReferenceAsync(HttpClient client, string book, string name)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/reference/{book}", new { name = $"{name} {Guid.NewGuid().ToString("N")[..6]}" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    internal static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/counterparties", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string[] Tags(JsonElement card) => card.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();

    private static string[] Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray();

    private static async Task<JsonElement> PatchAsync(HttpClient client, Guid id, object body)
    {
        var response = await client.PatchAsJsonAsync($"/api/v1/counterparties/{id}", body);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Tags_SetReplaceAndClear_EachChangeInTheHistory(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var tender = Marker("тендер");

        var card = await CreateAsync(client, new { name = Marker("Тегированный"), tags = new[] { "VIP", $"  {tender} ", "vip" } });
        var id = card.GetProperty("id").GetGuid();
        Tags(card).ShouldBe(["VIP", tender]);

        var replaced = await PatchAsync(client, id, new { tags = new[] { "генподрядчик", "VIP" } });
        Tags(replaced).ShouldBe(["VIP", "генподрядчик"]);
        replaced.GetProperty("version").GetInt32().ShouldBe(2);
        var renamed = await PatchAsync(client, id, new { name = Marker("Переименованный") });
        Tags(renamed).ShouldBe(["VIP", "генподрядчик"]);
        var cleared = await PatchAsync(client, id, new { tags = Array.Empty<string>() });
        Tags(cleared).ShouldBeEmpty();
        Tags(await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}")).ShouldBeEmpty();

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/history");
        var tagChanges = history.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("field").GetString() == "tags")
            .Select(i => (i.GetProperty("oldValue").GetString(), i.GetProperty("newValue").GetString()))
            .Reverse().ToList();
        tagChanges.ShouldBe([(null, $"VIP, {tender}"), ($"VIP, {tender}", "VIP, генподрядчик"), ("VIP, генподрядчик", null)]);
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/timeline");
        timeline.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("title").GetString()!.Contains("Теги"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Tags_Invalid_NamedInTheErrorAndNothingSaved(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var card = await CreateAsync(client, new { name = Marker("Строгий"), tags = new[] { "<b>VIP</b>" } });
        var id = card.GetProperty("id").GetGuid();
        Tags(card).ShouldBe(["<b>VIP</b>"]);

        foreach (var (tags, code) in new (string[], string)[]
        {
            (["нормальный", "   "], "required"),
            ([new string('Ж', 51)], "too_long"),
            (Enumerable.Range(1, 21).Select(i => $"тег{i}").ToArray(), "too_many"),
        })
        {
            var response = await client.PatchAsJsonAsync($"/api/v1/counterparties/{id}", new { name = "Не сохранится", tags });
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("fieldCodes").GetProperty("tags")[0].GetString().ShouldBe(code);
            problem.GetProperty("errors").GetProperty("tags")[0].GetString()!.ShouldStartWith(code == "too_many" ? "Не больше 20" : "Тег");
        }
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}");
        Tags(after).ShouldBe(["<b>VIP</b>"]);
        after.GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TagAutocomplete_FindsByPrefixCaseInsensitively(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var prefix = Marker("Объект");
        await CreateAsync(client, new { name = Marker("Подсказка"), tags = new[] { prefix + "-Сити", prefix + "-Лахта", "другое" } });

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tags?q={prefix.ToLowerInvariant()}");

        page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe([prefix + "-Лахта", prefix + "-Сити"]);
        page.GetProperty("total").GetInt32().ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Directory_FiltersByTagsAndTwoClassifiers(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var region = await ReferenceAsync(client, "regions", "Тверь");
        var category = await ReferenceAsync(client, "categories", "Заказчик");
        var otherCategory = await ReferenceAsync(client, "categories", "Поставщик");
        var vip = Marker("VIP");
        var tender = Marker("Тендер");
        await CreateAsync(client, new { name = "Альфа", regionId = region, categoryId = category, tags = new[] { vip, tender } });
        await CreateAsync(client, new { name = "Бета", regionId = region, categoryId = category, tags = new[] { vip } });
        await CreateAsync(client, new { name = "Гамма", regionId = region, categoryId = otherCategory, tags = new[] { vip, tender } });
        await CreateAsync(client, new { name = "Дельта", regionId = region, categoryId = category });

        var oneTag = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?regionId={region}&categoryId={category}&tag={vip.ToLowerInvariant()}");
        Names(oneTag).ShouldBe(["Альфа", "Бета"]);
        oneTag.GetProperty("total").GetInt32().ShouldBe(2);
        oneTag.GetProperty("items")[0].GetProperty("tags").EnumerateArray().Count().ShouldBe(2);

        var bothTags = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?regionId={region}&tag={vip}&tag={Uri.EscapeDataString(tender)}");
        Names(bothTags).ShouldBe(["Альфа", "Гамма"]);

        var unknownTag = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?regionId={region}&tag=нет-такого-{vip}");
        unknownTag.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Directory_SortOrdersAndStablePaging(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var region = await ReferenceAsync(client, "regions", "Сортировка");
        var inn1 = TestRequisites.Inn10();
        var inn2 = TestRequisites.Inn10();
        var (lowInn, highInn) = string.CompareOrdinal(inn1, inn2) < 0 ? (inn1, inn2) : (inn2, inn1);
        var ids = new Dictionary<string, Guid>();
        foreach (var (name, inn) in new[] { ("Вега", (string?)highInn), ("Арка", null), ("Берег", lowInn), ("Двойник", null), ("Двойник", null), ("Двойник", null) })
        {
            var card = await CreateAsync(client, new { name, inn, regionId = region });
            ids[name + ids.Count] = card.GetProperty("id").GetGuid();
        }
        // Distinct creation moments, oldest first in this order.
        var createdOrder = new[] { "Берег2", "Вега0", "Двойник3", "Арка1", "Двойник4", "Двойник5" };
        await host.WithDbAsync(async db =>
        {
            for (var i = 0; i < createdOrder.Length; i++)
            {
                var entity = await db.Counterparties.FindAsync(ids[createdOrder[i]]);
                entity!.CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i);
            }
            return await db.SaveChangesAsync();
        });

        async Task<string[]> Order(string sort) =>
            Names(await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?regionId={region}&sort={sort}"));

        (await Order("name")).ShouldBe(["Арка", "Берег", "Вега", "Двойник", "Двойник", "Двойник"]);
        (await Order("-name")).ShouldBe(["Двойник", "Двойник", "Двойник", "Вега", "Берег", "Арка"]);
        (await Order("createdAt")).ShouldBe(["Берег", "Вега", "Двойник", "Арка", "Двойник", "Двойник"]);
        (await Order("-createdAt")).ShouldBe(["Двойник", "Двойник", "Арка", "Двойник", "Вега", "Берег"]);
        (await Order("inn")).Take(2).ShouldBe(["Берег", "Вега"]);

        // Pages of two over equal names: every card exactly once, equal names ordered by id.
        var paged = new List<Guid>();
        for (var page = 1; page <= 3; page++)
        {
            var p = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?regionId={region}&sort=name&page={page}&pageSize=2");
            p.GetProperty("total").GetInt32().ShouldBe(6);
            paged.AddRange(p.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        }
        paged.Distinct().Count().ShouldBe(6);
        var twins = new[] { ids["Двойник3"], ids["Двойник4"], ids["Двойник5"] };
        paged.Skip(3).ShouldBe(twins.OrderBy(g => g.ToString(), StringComparer.Ordinal));

        var bad = await client.GetAsync($"/api/v1/counterparties?sort=phone");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes").GetProperty("sort")[0].GetString().ShouldBe("invalid");
    }

    [Fact]
    public async Task OpenApi_DocumentsTheSortOrders()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var client = host.CreateClient();

        var document = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/openapi/v1.json"));

        document.ShouldContain("/api/v1/counterparties/export");
        document.ShouldContain("/api/v1/saved-filters");
        document.ShouldContain("-createdAt");
    }
}
