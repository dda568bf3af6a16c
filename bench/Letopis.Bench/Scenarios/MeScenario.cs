using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/me</c>: the cheapest authenticated call, so it measures the fixed cost every API
/// request pays (bearer token, active-user check) plus the user row, its roles and today's deputyships.
/// </summary>
public sealed class MeScenario : ILoadScenario
{
    private const string Path = "/api/v1/me";

    public string Name => "me";

    public string Description => "GET /api/v1/me as admin: the fixed per-request cost of the API";

    public string Target => $"GET {Path}";

    public string? WrkPath => Path;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        var me = await http.GetFromJsonAsync<JsonObject>(Path, ct);
        if ((string?)me?["login"] != "admin")
            throw new InvalidOperationException($"GET {Path} did not answer the admin: {me?.ToJsonString()}");
    }

    public HttpRequestMessage CreateRequest() => new(HttpMethod.Get, Path);
}
