namespace Letopis.Bench.Scenarios;

/// <summary>A directory page filtered by region and category, sorted by name, with its total: random pairs.</summary>
public sealed class FilteredPageScenario : ILoadScenario
{
    private (Guid Region, Guid Category)[] _pairs = [];

    public string Name => "directory-filtered";

    public string Description => "GET /api/v1/counterparties?regionId=&categoryId=: a page filtered by two classifiers, by name, with total";

    public string Target => "GET /api/v1/counterparties?regionId=…&categoryId=…&pageSize=50";

    public string? WrkPath => _pairs.Length > 0 ? Path(_pairs[0]) : null;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        var regions = await DirectoryData.ReferenceIdsAsync(http, "regions", ct);
        var categories = await DirectoryData.ReferenceIdsAsync(http, "categories", ct);
        _pairs = [.. regions.SelectMany(r => categories.Select(c => (r, c)))];
        Random.Shared.Shuffle(_pairs);
        var page = await DirectoryData.PageAsync(http, Path(_pairs[0]), ct);
        var names = page["items"]!.AsArray().Select(i => (string)i!["name"]!).ToList();
        if (!names.SequenceEqual(names.Order(StringComparer.OrdinalIgnoreCase)))
            throw new InvalidOperationException("The filtered page is not sorted by name.");
    }

    public HttpRequestMessage CreateRequest() => new(HttpMethod.Get, Path(_pairs[Random.Shared.Next(_pairs.Length)]));

    private static string Path((Guid Region, Guid Category) pair) =>
        $"/api/v1/counterparties?regionId={pair.Region}&categoryId={pair.Category}&pageSize=50";
}
