using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// <c>POST /api/v1/templates/{id}/render</c>: the shipped «Коммерческое предложение» made for a deal
/// of a client with full requisites and twelve line items, as HTML, DOCX or PDF, without
/// registering. Each request builds the template's model from the database (the deal, its items,
/// its client with bank account and contacts, our company, the user), renders the Liquid, and for
/// DOCX writes a Word file, for PDF prints the HTML in the node's warm chromium.
/// </summary>
public sealed class GenerateScenario(string output) : ILoadScenario
{
    private string _path = "";
    private Guid _dealId;

    public string Name => "generate-" + output;

    public string Description => $"POST /api/v1/templates/{{id}}/render: a commercial offer of a 12-item deal as {output.ToUpperInvariant()}, not registered";

    public string Target => $"POST /api/v1/templates/{{id}}/render (output {output})";

    public string? WrkPath => null;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        var templates = await SalesData.GetAsync(http, "/api/v1/templates?target=deal", ct);
        var offer = templates["items"]!.AsArray().FirstOrDefault(t => (string?)t!["shippedCode"] == "commercial-offer")
            ?? throw new InvalidOperationException("The shipped commercial offer is missing.");
        _path = $"/api/v1/templates/{(string)offer["id"]!}/render";

        var run = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var company = await PostAsync(http, "/api/v1/counterparties", new
        {
            name = $"ООО «Стройресурс-{run}»",
            fullName = $"Общество с ограниченной ответственностью «Стройресурс-{run}»",
            inn = Inn10(),
            kpp = "165501001",
            legalAddress = "420021, Республика Татарстан, г. Казань, ул. Габдуллы Тукая, д. 58, офис 12",
            phone = "+7 843 200-10-10",
            email = $"office{run}@stroyresurs.example",
        }, ct);
        var pipeline = await SalesData.SalesPipelineAsync(http, ct);
        var items = Enumerable.Range(1, 12).Select(i => new
        {
            name = $"Позиция спецификации № {i}: бетон B25 W6 F150, доставка миксером",
            quantity = 10m + i,
            unit = "м³",
            price = 5_850.50m + i * 10,
            vatRate = 22,
        }).ToArray();
        var deal = await PostAsync(http, "/api/v1/deals", new
        {
            title = $"Поставка бетона на объект «Северный квартал» ({run})",
            pipelineId = pipeline,
            companyId = (Guid)company["id"]!,
            items,
        }, ct);
        _dealId = (Guid)deal["id"]!;
        using var response = await http.SendAsync(CreateRequest(), ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Render answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        Console.WriteLine($"One {output.ToUpperInvariant()} file: {bytes.Length:N0} bytes, {response.Content.Headers.ContentType}");
    }

    public HttpRequestMessage CreateRequest() =>
        new(HttpMethod.Post, _path) { Content = JsonContent.Create(new { output, dealId = _dealId, register = false }) };

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }

    /// <summary>A valid 10-digit ИНН no one else has (region 16, a random body, the checksum).</summary>
    private static string Inn10()
    {
        var digits = "16" + Random.Shared.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
        int[] weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
        var sum = digits.Select((c, i) => (c - '0') * weights[i]).Sum();
        return digits + (sum % 11 % 10).ToString(CultureInfo.InvariantCulture);
    }
}
