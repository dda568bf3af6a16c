using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Letopis.Bench.Scenarios;

/// <summary>What the directory scenarios learn from the server before timing: classifier ids and sample cards.</summary>
internal static class DirectoryData
{
    public static async Task<List<Guid>> ReferenceIdsAsync(HttpClient http, string book, CancellationToken ct)
    {
        var page = await http.GetFromJsonAsync<JsonObject>($"/api/v1/reference/{book}", ct);
        var ids = page?["items"]?.AsArray().Select(i => Guid.Parse((string)i!["id"]!)).ToList() ?? [];
        return ids.Count > 0 ? ids : throw new InvalidOperationException($"No {book}: run 'generate' first.");
    }

    /// <summary>Reads one page and checks it answered with items and a total.</summary>
    public static async Task<JsonObject> PageAsync(HttpClient http, string path, CancellationToken ct)
    {
        var page = await http.GetFromJsonAsync<JsonObject>(path, ct) ?? throw new InvalidOperationException($"GET {path}: empty answer.");
        if (page["items"] is not JsonArray items || items.Count == 0 || (long?)page["total"] is not > 0)
            throw new InvalidOperationException($"GET {path} found nothing: {page.ToJsonString()[..Math.Min(300, page.ToJsonString().Length)]}");
        return page;
    }

    public static async Task<JsonObject> CardAsync(HttpClient http, Guid id, CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonObject>($"/api/v1/counterparties/{id}", ct)
        ?? throw new InvalidOperationException($"Card {id}: empty answer.");
}
