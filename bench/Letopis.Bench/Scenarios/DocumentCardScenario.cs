namespace Letopis.Bench.Scenarios;

/// <summary><c>GET /api/v1/documents/{id}</c>: the document card (parent, children summary, links, files) of random documents.</summary>
public sealed class DocumentCardScenario : ILoadScenario
{
    private Guid[] _ids = [];

    public string Name => "document-card";

    public string Description => "GET /api/v1/documents/{id}: the document card, random documents of all types and years";

    public string Target => "GET /api/v1/documents/{id}";

    public string? WrkPath => _ids.Length > 0 ? $"/api/v1/documents/{_ids[0]}" : null;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        _ids = [.. (await DocumentData.LoadAsync(http, null, 40, ct)).Select(s => s.Id)];
        Random.Shared.Shuffle(_ids);
        var card = await DocumentData.GetAsync(http, $"/api/v1/documents/{_ids[0]}", ct);
        if ((string?)card["title"] is not { Length: > 0 })
            throw new InvalidOperationException($"The card has no title: {card.ToJsonString()}");
    }

    public HttpRequestMessage CreateRequest() => new(HttpMethod.Get, $"/api/v1/documents/{_ids[Random.Shared.Next(_ids.Length)]}");
}
