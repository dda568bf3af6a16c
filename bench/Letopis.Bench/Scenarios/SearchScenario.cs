using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/search?q=</c>: the global search box, with the words people type: declined forms
/// of name words and surnames, several words, ИНН and phone fragments.
/// </summary>
public sealed class SearchScenario : ILoadScenario
{
    // Forms that differ from how the generated names spell them, so only morphology finds them.
    private static readonly string[] Terms =
    [
        "уральской", "строительной компании", "Байкальскую бетонную станцию", "кровельной фабрики", "гранитстроя",
        "Иванову", "Кузнецовой Марине", "Соловьёвым", "Волжской металлобазы", "Ладожской транспортной",
        "1000012", "4952000123", "монолитсервиса", "Дальневосточной инженерной", "Петровой",
    ];

    public string Name => "search";

    public string Description => "GET /api/v1/search?q=: global search with Russian morphology, ИНН and phone fragments";

    public string Target => "GET /api/v1/search?q=… (15 terms in turn)";

    public string? WrkPath => PathFor(Terms[0]);

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        foreach (var term in Terms)
        {
            var page = await http.GetFromJsonAsync<JsonObject>(PathFor(term), ct);
            if (page?["items"] is not JsonArray { Count: > 0 })
                throw new InvalidOperationException($"Search for «{term}» found nothing: {page?.ToJsonString()}");
        }
    }

    public HttpRequestMessage CreateRequest() => new(HttpMethod.Get, PathFor(Terms[Random.Shared.Next(Terms.Length)]));

    private static string PathFor(string term) => $"/api/v1/search?q={Uri.EscapeDataString(term)}&pageSize=20";
}
