namespace Letopis.Bench.Scenarios;

/// <summary>The unfiltered directory's first page with the total of all counterparties.</summary>
public sealed class FirstPageScenario : ILoadScenario
{
    private const string Path = "/api/v1/counterparties?pageSize=50";

    public string Name => "directory-all";

    public string Description => "GET /api/v1/counterparties: the unfiltered first page with the total";

    public string Target => $"GET {Path}";

    public string? WrkPath => Path;

    public Task PrepareAsync(HttpClient http, CancellationToken ct) => DirectoryData.PageAsync(http, Path, ct);

    public HttpRequestMessage CreateRequest() => new(HttpMethod.Get, Path);
}
