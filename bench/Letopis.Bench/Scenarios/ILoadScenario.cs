namespace Letopis.Bench.Scenarios;

/// <summary>
/// What a load subcommand measures. The shared <see cref="LoadBenchmark"/> starts the server, signs
/// in, warms up, runs the client counts and reports; a scenario only prepares its data and says
/// which request to repeat.
/// </summary>
public interface ILoadScenario
{
    /// <summary>The subcommand, e.g. <c>me</c>.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    /// <summary>The request as the report names it, e.g. <c>GET /api/v1/me</c>.</summary>
    string Target { get; }

    /// <summary>Path for the wrk cross-check (GET with the bearer token), or null when wrk cannot send this request.</summary>
    string? WrkPath { get; }

    /// <summary>Creates data and checks the answer once before any timing; <paramref name="http"/> carries the admin's token.</summary>
    Task PrepareAsync(HttpClient http, CancellationToken ct);

    /// <summary>The next request of a client loop; called concurrently.</summary>
    HttpRequestMessage CreateRequest();
}
