using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/leads/board</c>: the leads' kanban board as it first opens for the administrator:
/// every stage's count and its first 20 cards (after <c>generate-sales</c>).
/// </summary>
public sealed class LeadsBoardScenario : ILoadScenario
{
    public const string Path = "/api/v1/leads/board?take=20";

    public string Name => "leads-board";

    public string Description => "GET /api/v1/leads/board: every lead stage's count and first 20 cards (after generate-sales)";

    public string Target => $"GET {Path}";

    public string? WrkPath => Path;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        var board = await SalesData.GetAsync(http, Path, ct);
        var columns = board["columns"]!.AsArray();
        if (columns.Sum(c => (long)c!["count"]!) < 1000)
            throw new InvalidOperationException("The leads board holds fewer than 1,000 leads: run 'generate-sales' first.");
        SalesData.Describe("leads board", columns);
    }

    public HttpRequestMessage CreateRequest() => new(HttpMethod.Get, Path);
}

/// <summary>
/// <c>GET /api/v1/deals/board?pipelineId=</c>: the «Продажи» pipeline's board: every stage's count, sum
/// and first 20 cards (after <c>generate-sales</c>).
/// </summary>
public sealed class DealsBoardScenario : ILoadScenario
{
    private string _path = "";

    public string Name => "deals-board";

    public string Description => "GET /api/v1/deals/board?pipelineId=: «Продажи», every stage's count, sum and first 20 cards (after generate-sales)";

    public string Target => $"GET {_path}";

    public string? WrkPath => _path;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        var pipeline = await SalesData.SalesPipelineAsync(http, ct);
        _path = $"/api/v1/deals/board?pipelineId={pipeline}&take=20";
        var board = await SalesData.GetAsync(http, _path, ct);
        var columns = board["columns"]!.AsArray();
        if (columns.Sum(c => (long)c!["count"]!) < 1000)
            throw new InvalidOperationException("The «Продажи» board holds fewer than 1,000 deals: run 'generate-sales' first.");
        SalesData.Describe("deals board", columns);
    }

    public HttpRequestMessage CreateRequest() => new(HttpMethod.Get, _path);
}

/// <summary>
/// <c>POST /api/v1/leads/{id}/convert</c> into a contact person, a company and a deal of «Продажи»: each
/// request converts another open lead of <c>generate-sales</c> (company, fresh ИНН, contact, phone and
/// e-mail given), with the duplicate checks, history, timelines and search rows the conversion writes.
/// </summary>
public sealed class ConvertScenario : ILoadScenario
{
    private readonly List<string> _leads = [];
    private Guid _pipeline;
    private int _next = -1;

    public string Name => "convert";

    public string Description => "POST /api/v1/leads/{id}/convert: an open lead into contact + company + deal, a different lead each time (after generate-sales)";

    public string Target => "POST /api/v1/leads/{id}/convert (contact + company + deal)";

    public string? WrkPath => null;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        _pipeline = await SalesData.SalesPipelineAsync(http, ct);
        // Enough open leads for 8 clients at several hundred a second through the warm-up and the runs.
        for (var page = 1; _leads.Count < 60_000; page++)
        {
            var list = await SalesData.GetAsync(http, $"/api/v1/leads?status=open&pageSize=500&page={page}", ct);
            var items = list["items"]!.AsArray();
            if (items.Count == 0)
                break;
            _leads.AddRange(items.Where(i => i!["inn"] is not null && i["companyName"] is not null).Select(i => (string)i!["id"]!));
        }
        if (_leads.Count < 10_000)
            throw new InvalidOperationException($"Only {_leads.Count} open leads to convert: run 'generate-sales' on a fresh database.");
        using var response = await http.SendAsync(CreateRequest(), ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The first conversion answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    public HttpRequestMessage CreateRequest()
    {
        var n = Interlocked.Increment(ref _next);
        if (n >= _leads.Count)
            throw new InvalidOperationException("Every open lead prepared has been converted: run a shorter benchmark or generate more leads.");
        return new HttpRequestMessage(HttpMethod.Post, $"/api/v1/leads/{_leads[n]}/convert")
        {
            Content = JsonContent.Create(new { createContact = true, createCompany = true, createDeal = true, pipelineId = _pipeline }),
        };
    }
}

internal static class SalesData
{
    public static async Task<JsonObject> GetAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The id of «Продажи», the pipeline the server seeds and the boards open on.</summary>
    public static async Task<Guid> SalesPipelineAsync(HttpClient http, CancellationToken ct)
    {
        using var response = await http.GetAsync("/api/v1/pipelines?kind=deal", ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET /api/v1/pipelines answered {(int)response.StatusCode}: {text}");
        var node = JsonNode.Parse(text);
        var items = node is JsonArray array ? array : node!["items"]!.AsArray();
        var sales = items.FirstOrDefault(p => (string?)p!["name"] == Letopis.Core.Deals.SeedSales.SalesPipeline)
            ?? throw new InvalidOperationException("There is no «Продажи» pipeline: run 'generate-sales' first.");
        return Guid.Parse((string)sales["id"]!);
    }

    public static void Describe(string what, JsonArray columns) =>
        Console.Error.WriteLine($"{what}: " + string.Join(", ", columns.Select(c => $"{(string?)c!["stage"]!["name"]} {(long)c["count"]!:N0}")));
}
