using System.Text.Json.Nodes;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/search?q=</c> for words of document titles and summaries in other forms than the
/// documents spell them («щебню» finds «Поставка щебня»), so only morphology finds them.
/// </summary>
public sealed class DocumentSearchScenario : ILoadScenario
{
    private static readonly string[] Terms =
    [
        "щебню", "лифтами", "кровлей", "претензией", "задолженностью", "аренду складских площадей", "вентиляцией",
        "металлопрокатом", "видеонаблюдению", "спецодеждой", "экспедированию грузов", "сверке взаиморасчётов",
        "банковскими реквизитами", "спецификацией", "инвентаризацией склада",
    ];

    public string Name => "document-search";

    public string Description => "GET /api/v1/search?q=: declined forms of words in document titles and summaries";

    public string Target => "GET /api/v1/search?q=… (15 document terms in turn)";

    public string? WrkPath => PathFor(Terms[0]);

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        foreach (var term in Terms)
        {
            var page = await DocumentData.GetAsync(http, PathFor(term), ct);
            if (page["items"] is not JsonArray items || !items.Any(i => (string?)i!["entity"] == "document"))
                throw new InvalidOperationException($"Search for «{term}» found no document: {page.ToJsonString()[..Math.Min(300, page.ToJsonString().Length)]}");
        }
    }

    public HttpRequestMessage CreateRequest() => new(HttpMethod.Get, PathFor(Terms[Random.Shared.Next(Terms.Length)]));

    private static string PathFor(string term) => $"/api/v1/search?q={Uri.EscapeDataString(term)}&pageSize=20";
}
