using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Letopis.Bench.Scenarios;

/// <summary>A sample of the registry from all over its history, read through the API before timing.</summary>
internal static class DocumentData
{
    public sealed record Sample(Guid Id, Guid? CounterpartyId, string TypeCode, string Status);

    /// <summary>
    /// Up to <paramref name="perMonth"/> documents of each month since 2020 (of one type when
    /// <paramref name="typeCode"/> is given): cards, trees and counterparties from every year,
    /// not only the newest.
    /// </summary>
    public static async Task<List<Sample>> LoadAsync(HttpClient http, string? typeCode, int perMonth, CancellationToken ct)
    {
        var samples = new List<Sample>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var month = new DateOnly(2020, 1, 1); month <= today; month = month.AddMonths(1))
        {
            var path = $"/api/v1/documents?from={month:yyyy-MM-dd}&to={month.AddMonths(1).AddDays(-1):yyyy-MM-dd}&pageSize={perMonth}"
                + (typeCode is null ? "" : $"&typeCode={typeCode}");
            var page = await http.GetFromJsonAsync<JsonObject>(path, ct);
            foreach (var item in page?["items"]?.AsArray() ?? [])
            {
                samples.Add(new Sample(
                    Guid.Parse((string)item!["id"]!),
                    (string?)item["counterpartyId"] is { } c ? Guid.Parse(c) : null,
                    (string)item["typeCode"]!,
                    (string)item["status"]!));
            }
        }
        if (samples.Count < 100)
            throw new InvalidOperationException($"The registry holds only {samples.Count.ToString(CultureInfo.InvariantCulture)} sampled documents: run 'generate-documents' first.");
        return samples;
    }

    public static async Task<JsonObject> GetAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
