namespace Letopis.TestKit;

/// <summary>
/// The demo company («Letopis:Demo»), seeded once per provider for the whole test run: seeding it is the
/// most expensive start there is, so the tests that only look at it share one. Its clock never moves;
/// a test that changes the demo data or needs another moment starts a host of its own.
/// </summary>
public static class DemoHosts
{
    private static readonly Dictionary<string, Lazy<LetopisHost>> Hosts = [];
    private static readonly Lock HostsLock = new();

    public static LetopisHost Shared(string provider)
    {
        Lazy<LetopisHost> host;
        lock (HostsLock)
        {
            if (!Hosts.TryGetValue(provider, out host!))
            {
                Hosts[provider] = host = new Lazy<LetopisHost>(() =>
                {
                    var started = new LetopisHost(provider, settings: new Dictionary<string, string?> { ["Letopis:Demo"] = "true" });
                    started.Clock.Shared = true;
                    _ = started.Server; // seeds the demo company on start
                    return started;
                });
            }
        }
        return host.Value;
    }
}
