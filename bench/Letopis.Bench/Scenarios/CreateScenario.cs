using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Letopis.Core.Crm;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// <c>POST /api/v1/counterparties?checkDuplicates=true</c>: quick entry of a new company with ИНН,
/// phone, e-mail and two classifiers. Each one is checked for duplicates by ИНН, phone, e-mail and
/// name (as the quick entry form does), and writes the card, its history, its timeline entry and its search entry.
/// </summary>
public sealed class CreateScenario : ILoadScenario
{
    private static int _sequence;
    private int _run = Random.Shared.Next(200, 1000);
    private List<Guid> _regions = [];
    private List<Guid> _categories = [];

    public string Name => "create";

    public string Description => "POST /api/v1/counterparties?checkDuplicates=true: quick entry with ИНН, phone, e-mail, two classifiers, duplicate check";

    public string Target => "POST /api/v1/counterparties?checkDuplicates=true";

    public string? WrkPath => null;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        _regions = await DirectoryData.ReferenceIdsAsync(http, "regions", ct);
        _categories = await DirectoryData.ReferenceIdsAsync(http, "categories", ct);
        // A run numbered like an earlier one on the same data would meet that run's cards as duplicates.
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.SendAsync(CreateRequest(), ct);
            if (response.IsSuccessStatusCode)
                return;
            if (response.StatusCode != HttpStatusCode.Conflict || attempt == 9)
                throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            _run = Random.Shared.Next(200, 1000);
        }
    }

    public HttpRequestMessage CreateRequest()
    {
        var n = Interlocked.Increment(ref _sequence);
        // ИНН, phone, e-mail and name outside the generated ranges, so the duplicate check lets it through.
        var inn = Requisites.CompleteInn10($"{_run}{n:D6}"[..9]);
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/counterparties?checkDuplicates=true")
        {
            Content = JsonContent.Create(new
            {
                kind = "company",
                name = $"ООО «Новострой-{_run}-{n.ToString(CultureInfo.InvariantCulture)}»",
                inn,
                phone = $"+79{_run}{n:D6}",
                email = $"new{_run}.{n}@bench.example",
                regionId = _regions[n % _regions.Count],
                categoryId = _categories[n % _categories.Count],
            }),
        };
    }
}
