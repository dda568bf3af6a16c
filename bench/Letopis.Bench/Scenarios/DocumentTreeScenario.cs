namespace Letopis.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/counterparties/{id}/documents</c>: all document trees of a client (contracts with
/// their appendices, agreements, acts and invoices, with the expected-documents check), as the
/// combined counterparty card shows them; clients sampled from every year.
/// </summary>
public sealed class DocumentTreeScenario : ILoadScenario
{
    private Guid[] _counterparties = [];

    public string Name => "document-tree";

    public string Description => "GET /api/v1/counterparties/{id}/documents: a client's document trees (the combined card)";

    public string Target => "GET /api/v1/counterparties/{id}/documents";

    public string? WrkPath => _counterparties.Length > 0 ? $"/api/v1/counterparties/{_counterparties[0]}/documents" : null;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        var contracts = await DocumentData.LoadAsync(http, "contract", 25, ct);
        _counterparties = [.. contracts.Where(c => c.CounterpartyId is not null).Select(c => c.CounterpartyId!.Value).Distinct()];
        Random.Shared.Shuffle(_counterparties);
        var nodes = 0;
        foreach (var id in _counterparties.Take(50))
        {
            var trees = await DocumentData.GetAsync(http, $"/api/v1/counterparties/{id}/documents", ct);
            nodes += (int?)trees["total"] ?? 0;
        }
        if (nodes == 0)
            throw new InvalidOperationException("The sampled clients show no documents.");
        Console.Error.WriteLine($"  {_counterparties.Length} clients; the first 50 have {nodes / 50.0:0.0} documents each on average");
    }

    public HttpRequestMessage CreateRequest() =>
        new(HttpMethod.Get, $"/api/v1/counterparties/{_counterparties[Random.Shared.Next(_counterparties.Length)]}/documents");
}
