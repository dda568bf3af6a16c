using System.Text.Json.Nodes;

namespace Letopis.Bench.Scenarios;

/// <summary><c>GET /api/v1/counterparties/{id}</c> over a sample of cards spread across the whole directory.</summary>
public sealed class CardScenario : ILoadScenario
{
    private Guid[] _ids = [];

    public string Name => "card";

    public string Description => "GET /api/v1/counterparties/{id}: the counterparty card, random cards";

    public string Target => "GET /api/v1/counterparties/{id}";

    public string? WrkPath => _ids.Length > 0 ? $"/api/v1/counterparties/{_ids[0]}" : null;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        // Every region's first page: a few thousand cards from all over the id range.
        var ids = new List<Guid>();
        foreach (var region in await DirectoryData.ReferenceIdsAsync(http, "regions", ct))
        {
            var page = await DirectoryData.PageAsync(http, $"/api/v1/counterparties?regionId={region}&pageSize=50", ct);
            ids.AddRange(page["items"]!.AsArray().Select(i => Guid.Parse((string)i!["id"]!)));
        }
        _ids = [.. ids];
        Random.Shared.Shuffle(_ids);
        var card = await DirectoryData.CardAsync(http, _ids[0], ct);
        if ((string?)card["name"] is not { Length: > 0 })
            throw new InvalidOperationException($"The card has no name: {card.ToJsonString()}");
    }

    public HttpRequestMessage CreateRequest() =>
        new(HttpMethod.Get, $"/api/v1/counterparties/{_ids[Random.Shared.Next(_ids.Length)]}");
}
