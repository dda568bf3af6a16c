using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Letopis.Web.Hosting;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from the proxies named in
/// <c>Letopis:KnownProxies</c>: from anyone else they would let a client choose its own address and
/// scheme. <c>X-Forwarded-Host</c> is never read: absolute URLs come from <see cref="PublicAddress"/>.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Setting = "Letopis:KnownProxies";

    public static IReadOnlyList<IPAddress> ParseKnownProxies(string? value)
    {
        var proxies = new List<IPAddress>();
        foreach (var part in (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPAddress.TryParse(part, out var ip))
                throw new InvalidOperationException($"{Setting}: '{part}' is not an IP address (a comma-separated list of proxy addresses is expected).");
            proxies.Add(ip);
        }
        return proxies;
    }

    public static ForwardedHeadersOptions Options(IEnumerable<IPAddress> proxies)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // Only the configured proxies: not even the loopback ones trusted by default.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(proxy);
        return options;
    }
}
