using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Crm;

/// <summary>Merging keeps what other features hang on a card: tags, custom values and the search rows of its people.</summary>
public class MergeCarriesTagsFieldsAndSearchTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Merge_UnitesTags_KeepsTheSurvivorsCustomValues_AndThePeopleStayFindable(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var volume = "volume" + suffix;
        var licence = "licence" + suffix;
        (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "company", code = volume, label = "Объём", type = "number" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "company", code = licence, label = "Допуск СРО", type = "bool" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var survivor = await CreateAsync(admin, new Dictionary<string, object?>
        {
            ["name"] = $"ООО «Кварцстрой {suffix}»",
            ["tags"] = new[] { "VIP" },
            ["customFields"] = new Dictionary<string, object?> { [volume] = 100 },
        });
        var duplicate = await CreateAsync(admin, new Dictionary<string, object?>
        {
            ["name"] = $"Кварцстрой {suffix}",
            ["tags"] = new[] { "vip", "тендер" },
            ["customFields"] = new Dictionary<string, object?> { [volume] = 200, [licence] = true },
        });
        var person = "Залесский Игнат Фомич";
        (await admin.PostAsJsonAsync($"/api/v1/counterparties/{duplicate}/contacts", new { fullName = person })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var merged = await admin.PostAsJsonAsync($"/api/v1/counterparties/{survivor}/merge", new { duplicateId = duplicate });
        merged.StatusCode.ShouldBe(HttpStatusCode.OK);

        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{survivor}");
        card.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!.ToUpperInvariant()).Order().ShouldBe(["VIP", "ТЕНДЕР"]);
        card.GetProperty("customFields").GetProperty(volume).GetDecimal().ShouldBe(100m);
        card.GetProperty("customFields").GetProperty(licence).GetBoolean().ShouldBeTrue();

        // The person is found by a declined form, through the survivor; the duplicate is gone from search.
        var found = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString("Залесскому Игнату")}");
        var hits = found.GetProperty("items").EnumerateArray().ToList();
        hits.ShouldContain(h => h.GetProperty("entity").GetString() == "contact");
        hits.ShouldNotContain(h => h.GetProperty("id").GetGuid() == duplicate);
        var byName = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString("Кварцстроя " + suffix)}");
        byName.GetProperty("items").EnumerateArray().Where(h => h.GetProperty("entity").GetString() == "counterparty")
            .Select(h => h.GetProperty("id").GetGuid()).ShouldBe([survivor]);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/counterparties", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
