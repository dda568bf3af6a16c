namespace Letopis.Bench.Scenarios;

/// <summary>A scenario that needs the parsed options (a day, a user) before it prepares.</summary>
public interface IConfiguredScenario
{
    void Configure(BenchOptions options);
}
