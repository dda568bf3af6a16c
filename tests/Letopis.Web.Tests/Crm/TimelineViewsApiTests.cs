using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using Letopis.Web.Tests.DocumentFiles;

namespace Letopis.Web.Tests.Crm;

/// <summary>The counterparty timeline through the API: filtered by kind, repeated entries grouped, every entry linked to its record.</summary>
public sealed class TimelineViewsApiTests
{
    private sealed record Arranged(HttpClient Admin, Guid Counterparty, Guid Document, Guid Activity);

    private static async Task<Arranged> ArrangeAsync(LetopisHost host)
    {
        var admin = await host.AdminAsync();
        var counterparty = await FileTestKit.CounterpartyAsync(admin, "ООО «Летопись» " + Guid.NewGuid().ToString("N")[..6]);
        var document = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title = "Договор на смету", counterpartyId = counterparty }));
        for (var i = 1; i <= 3; i++)
        {
            var upload = await FileTestKit.UploadAsync(admin, $"/api/v1/documents/{document}/files", FileTestKit.RandomBytes(64, i), $"смета-{i}.pdf");
            upload.StatusCode.ShouldBe(HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        }
        var activity = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/v1/activities", new
        {
            kind = "call",
            subject = "Обсудить смету",
            plannedAt = host.Clock.GetUtcNow().AddHours(2),
            counterpartyId = counterparty,
        }));
        (await admin.PostAsJsonAsync($"/api/v1/counterparties/{counterparty}/notes", new { text = "Ждём ответа до пятницы" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return new Arranged(admin, counterparty, document, activity);
    }

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Timeline_GroupTrue_CollapsesRepeatedFilesIntoOneItemWithACount(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var s = await ArrangeAsync(host);

        var flat = await ItemsAsync(s.Admin, $"/api/v1/counterparties/{s.Counterparty}/timeline");
        flat.Count(i => i.GetProperty("kind").GetString() == "document_file").ShouldBe(3);
        var grouped = await ItemsAsync(s.Admin, $"/api/v1/counterparties/{s.Counterparty}/timeline?group=true");

        var files = grouped.Where(i => i.GetProperty("kind").GetString() == "document_file").ShouldHaveSingleItem();
        files.GetProperty("count").GetInt32().ShouldBe(3);
        files.GetProperty("entries").GetArrayLength().ShouldBe(3);
        files.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        grouped.Count.ShouldBe(flat.Count - 2);
        grouped.Where(i => i.GetProperty("kind").GetString() != "document_file").ShouldAllBe(i => i.GetProperty("count").GetInt32() == 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Timeline_Entries_LinkToTheirRecords_AndKeepTheOldFields(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var s = await ArrangeAsync(host);

        var items = await ItemsAsync(s.Admin, $"/api/v1/counterparties/{s.Counterparty}/timeline");

        foreach (var item in items)
        {
            foreach (var field in new[] { "id", "at", "kind", "title", "text", "userId", "userName", "entityKind", "entityId" })
                item.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        items.Where(i => i.GetProperty("kind").GetString()!.StartsWith("document_", StringComparison.Ordinal))
            .ShouldAllBe(i => i.GetProperty("link").GetString() == $"/documents/{s.Document}");
        items.Single(i => i.GetProperty("kind").GetString() == "activity_planned").GetProperty("link").GetString().ShouldBe($"/activities/{s.Activity}");
        items.Single(i => i.GetProperty("kind").GetString() == "note").GetProperty("filter").GetString().ShouldBe("notes");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Timeline_KindFilter_KeepsOnlyThoseKinds_AndPagesAndTotalAgree(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var s = await ArrangeAsync(host);
        var path = $"/api/v1/counterparties/{s.Counterparty}/timeline";

        (await ItemsAsync(s.Admin, path + "?kind=notes")).Select(i => i.GetProperty("kind").GetString()).ShouldBe(["note"]);
        (await ItemsAsync(s.Admin, path + "?kind=calls")).Select(i => i.GetProperty("kind").GetString()).ShouldBe(["activity_planned"]);
        var documents = await ItemsAsync(s.Admin, path + "?kind=documents");
        documents.Count.ShouldBe(4);
        documents.ShouldAllBe(i => i.GetProperty("kind").GetString()!.StartsWith("document_", StringComparison.Ordinal));
        (await ItemsAsync(s.Admin, path + "?kind=changes")).Select(i => i.GetProperty("kind").GetString()).ShouldBe(["created"]);
        (await ItemsAsync(s.Admin, path + "?kind=notes,calls")).Count.ShouldBe(2);
        var page = await (await s.Admin.GetAsync(path + "?kind=documents&page=2&pageSize=3")).Content.ReadFromJsonAsync<JsonElement>();
        page.GetProperty("total").GetInt32().ShouldBe(4);
        page.GetProperty("items").GetArrayLength().ShouldBe(1);

        var wrong = await s.Admin.GetAsync(path + "?kind=notes,gossip");
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("kind", out _).ShouldBeTrue();
    }
}
