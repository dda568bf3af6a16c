namespace Letopis.Bench.Scenarios;

/// <summary><c>GET /api/v1/documents/{id}/tree</c>: the whole tree around a node, asked from acts, invoices and agreements.</summary>
public sealed class DocumentNodeTreeScenario : ILoadScenario
{
    private Guid[] _ids = [];

    public string Name => "document-node-tree";

    public string Description => "GET /api/v1/documents/{id}/tree: the tree of a contract, asked from one of its nodes";

    public string Target => "GET /api/v1/documents/{id}/tree";

    public string? WrkPath => _ids.Length > 0 ? $"/api/v1/documents/{_ids[0]}/tree" : null;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        var samples = new List<DocumentData.Sample>();
        foreach (var type in new[] { "act", "invoice", "supplementary-agreement" })
            samples.AddRange(await DocumentData.LoadAsync(http, type, 10, ct));
        _ids = [.. samples.Select(s => s.Id)];
        Random.Shared.Shuffle(_ids);
        var tree = await DocumentData.GetAsync(http, $"/api/v1/documents/{_ids[0]}/tree", ct);
        if (tree["roots"] is not System.Text.Json.Nodes.JsonArray { Count: > 0 })
            throw new InvalidOperationException($"The tree is empty: {tree.ToJsonString()}");
    }

    public HttpRequestMessage CreateRequest() => new(HttpMethod.Get, $"/api/v1/documents/{_ids[Random.Shared.Next(_ids.Length)]}/tree");
}
