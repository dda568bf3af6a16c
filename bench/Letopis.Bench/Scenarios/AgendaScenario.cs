using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Letopis.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/agenda?date=</c>: the screen a user lands on, as the agenda user of
/// <c>generate-activities</c> (signed in as themselves) on the benchmark day, with its 100 planned activities.
/// </summary>
public sealed class AgendaScenario : ILoadScenario, IConfiguredScenario
{
    /// <summary>Planned activities of the agenda user on the benchmark day.</summary>
    public const int Size = 100;

    private BenchOptions _options = BenchOptions.Parse([]);
    private string _token = "";
    private Guid _userId;

    public string Name => "agenda";

    public string Description => "GET /api/v1/agenda?date=: the agenda user's day (after generate-activities; --day, --agenda-user)";

    public string Target => $"GET /api/v1/agenda?date={Day} as {_options.AgendaUser}";

    // wrk sends the admin's token: the same agenda, asked for by user id.
    public string? WrkPath => _userId == Guid.Empty ? null : $"{Path}&userId={_userId}";

    private string Day => _options.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Path => $"/api/v1/agenda?date={Day}";

    public void Configure(BenchOptions options) => _options = options;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = _options.AgendaUser, password = _options.AdminPassword }, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in as {_options.AgendaUser} answered {(int)response.StatusCode}: run 'generate-activities' first.");
        _token = (string)(await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["accessToken"]!;

        using var request = CreateRequest();
        using var answer = await http.SendAsync(request, ct);
        var agenda = await answer.Content.ReadFromJsonAsync<JsonObject>(ct);
        if (!answer.IsSuccessStatusCode || agenda?["groups"] is not JsonArray groups)
            throw new InvalidOperationException($"GET {Path} answered {(int)answer.StatusCode}: {agenda?.ToJsonString()}");
        var items = groups.Sum(g => g!["items"]!.AsArray().Count);
        if (items != Size)
        {
            throw new InvalidOperationException(
                $"The agenda of {_options.AgendaUser} on {Day} has {items} items, not {Size}: pass the --day that generate-activities used.");
        }
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var meAnswer = await http.SendAsync(me, ct);
        _userId = Guid.Parse((string)(await meAnswer.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!);
    }

    // The request carries the agenda user's own token; the runner's default (admin) header gives way to it.
    public HttpRequestMessage CreateRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return request;
    }
}
