using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Crm;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Crm;

/// <summary>Several people tagging cards with the same new word at the same moment.</summary>
public class TagRaceTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TenCardsCreatedAtOnce_WithTheSameNewTag_AllSaved_AndTheTagExistsOnce(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var tag = "тендер-" + Guid.NewGuid().ToString("N")[..8];

        var responses = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «Гонка {tag} {i}»", tags = new[] { tag } })));

        foreach (var response in responses)
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        foreach (var response in responses)
        {
            var card = await response.Content.ReadFromJsonAsync<JsonElement>();
            card.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe([tag]);
        }
        var key = tag.ToUpperInvariant();
        (await host.WithDbAsync(db => db.Set<Tag>().CountAsync(t => t.NameNormalized == key))).ShouldBe(1);
        var tagged = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?tag={Uri.EscapeDataString(tag)}");
        tagged.GetProperty("total").GetInt32().ShouldBe(10);
    }
}
