using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Demo;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Documents.DocumentTestData;

namespace Letopis.Web.Tests.Documents;

public class DemoDocumentsTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoCompany_HasContractTreesWithAgreementsActsAndGaps_AndTheCountersGoOnFromThem(string provider)
    {
        using var host = new LetopisHost(provider, settings: new Dictionary<string, string?> { ["Letopis:Demo"] = "true" });
        _ = host.Server; // seeds the demo company on start
        var admin = await host.AdminAsync();

        var contracts = await admin.GetFromJsonAsync<JsonElement>("/api/v1/documents?typeCode=contract&pageSize=100");
        contracts.GetProperty("total").GetInt32().ShouldBe(12);
        var agreements = await admin.GetFromJsonAsync<JsonElement>("/api/v1/documents?typeCode=supplementary-agreement");
        agreements.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        var counterparty = contracts.GetProperty("items").EnumerateArray()
            .First(c => c.Str("status") == "in_force").GetProperty("counterpartyId").GetGuid();

        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{counterparty}/documents");
        var tree = card.GetProperty("roots").EnumerateArray().First(r => r.Str("typeCode") == "contract");
        tree.GetProperty("children").EnumerateArray().Select(c => c.Str("typeCode")).ShouldContain("appendix");
        tree.GetProperty("children").EnumerateArray().Select(c => c.Str("typeCode")).ShouldContain("act");
        // Somewhere a contract still waits for an accounting document: the combined card has something to show.
        var all = await admin.GetFromJsonAsync<JsonElement>("/api/v1/documents?typeCode=contract&status=in_force&pageSize=100");
        var missing = 0;
        foreach (var c in all.GetProperty("items").EnumerateArray())
            missing += (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{c.Id()}/tree")).GetProperty("roots")[0].GetProperty("missing").GetArrayLength();
        missing.ShouldBeGreaterThan(0);
        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{counterparty}/timeline?pageSize=200");
        timeline.GetProperty("items").EnumerateArray().ShouldContain(e => e.Str("kind") == "document_registered");

        // The next contract continues the demo journal's numbering without a gap or a repeat.
        var numbers = await host.WithDbAsync(db => db.Documents.AsNoTracking()
            .Where(d => d.Number!.StartsWith("Д-2026-") && !d.Number.Contains("/")).Select(d => d.Number!).ToListAsync());
        var next = await RegisterAsync(admin, new { typeCode = "contract", title = "После демо", counterpartyId = counterparty });
        next.Str("number").ShouldBe($"Д-2026-{numbers.Count + 1:0000}");
        // Demo users see their own documents: the responsible manager of the counterparty.
        var ivanova = await host.ClientAsync("ivanova", SeedDemoCompany.Password);
        (await ivanova.GetFromJsonAsync<JsonElement>("/api/v1/documents")).GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
    }
}
