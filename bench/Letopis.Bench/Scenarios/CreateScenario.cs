using System.Globalization;
using System.Net.Http.Json;
using Letopis.Core.Crm;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// <c>POST /api/v1/counterparties</c>: quick entry of a new company with ИНН, phone, e-mail and two
/// classifiers. Each one writes the card, its history, its timeline entry and its search entry, and
/// passes the duplicate checks.
/// </summary>
public sealed class CreateScenario : ILoadScenario
{
    private static int _sequence;
    private readonly int _run = Random.Shared.Next(200, 999);
    private List<Guid> _regions = [];
    private List<Guid> _categories = [];

    public string Name => "create";

    public string Description => "POST /api/v1/counterparties: quick entry with ИНН, phone, e-mail, two classifiers";

    public string Target => "POST /api/v1/counterparties";

    public string? WrkPath => null;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        _regions = await DirectoryData.ReferenceIdsAsync(http, "regions", ct);
        _categories = await DirectoryData.ReferenceIdsAsync(http, "categories", ct);
        using var response = await http.SendAsync(CreateRequest(), ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    public HttpRequestMessage CreateRequest()
    {
        var n = Interlocked.Increment(ref _sequence);
        // ИНН and phone outside the generated ranges, so the duplicate check passes.
        var inn = Requisites.CompleteInn10($"{_run}{n:D6}"[..9]);
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/counterparties")
        {
            Content = JsonContent.Create(new
            {
                kind = "company",
                name = $"ООО «Новострой-{_run}-{n.ToString(CultureInfo.InvariantCulture)}»",
                inn,
                phone = $"+7812{_run}{n % 10000:D4}",
                email = $"new{_run}.{n}@bench.example",
                regionId = _regions[n % _regions.Count],
                categoryId = _categories[n % _categories.Count],
            }),
        };
    }
}
