using System.Globalization;
using System.Net.Http.Json;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// <c>POST /api/v1/documents</c>: registrations in turn of a contract for a client and of an act
/// under one of the client's signed contracts. Every one takes the next number of its journal's
/// yearly counter (all clients contend for the same counter row), writes the card, its history, the
/// client's timeline entry and its search rows in one transaction.
/// </summary>
public sealed class RegisterScenario : ILoadScenario
{
    private static int _sequence;
    private readonly int _run = Random.Shared.Next(100, 999);
    private DocumentData.Sample[] _contracts = [];

    public string Name => "register";

    public string Description => "POST /api/v1/documents: a contract for a client, then an act under a signed contract, in turn";

    public string Target => "POST /api/v1/documents (contract / act in turn)";

    public string? WrkPath => null;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        _contracts = [.. (await DocumentData.LoadAsync(http, "contract", 25, ct))
            .Where(c => c.CounterpartyId is not null && c.Status is "signed" or "in_force")];
        if (_contracts.Length == 0)
            throw new InvalidOperationException("No signed contracts in the sample.");
        for (var i = 0; i < 2; i++)
        {
            using var response = await http.SendAsync(CreateRequest(), ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    public HttpRequestMessage CreateRequest()
    {
        var n = Interlocked.Increment(ref _sequence);
        var contract = _contracts[Random.Shared.Next(_contracts.Length)];
        var amount = 10_000 + n % 1000 * 150;
        object body = n % 2 == 0
            ? new
            {
                typeCode = "contract",
                title = $"Поставка нерудных материалов, партия {_run}-{n.ToString(CultureInfo.InvariantCulture)}",
                counterpartyId = contract.CounterpartyId,
                amount,
                vatRate = 22,
            }
            : new
            {
                typeCode = "act",
                title = $"Акт сдачи-приёмки работ, этап {_run}-{n.ToString(CultureInfo.InvariantCulture)}",
                counterpartyId = contract.CounterpartyId,
                parentId = contract.Id,
                amount,
                vatRate = 22,
            };
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents") { Content = JsonContent.Create(body) };
    }
}
