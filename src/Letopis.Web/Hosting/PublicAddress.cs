using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Letopis.Web.Hosting;

/// <summary>
/// The absolute address users reach the UI at (<c>Letopis:PublicUrl</c>), the base of every URL the
/// server hands out: calendar feed links, links in e-mails. It is never taken from the request: a
/// forged <c>Host</c> header would otherwise end up in a URL a user pastes into their calendar.
/// </summary>
/// <remarks>
/// Outside Development the setting is required (start-up stops naming it). In Development, so that
/// <c>dotnet run</c> works out of the box, it falls back to the address the server itself listens
/// on (<c>http://localhost:5080</c> from the launch profile, or <c>--urls</c>) — still never the
/// request's Host.
/// </remarks>
public sealed class PublicAddress(string? configured, IServer server)
{
    public const string Setting = "Letopis:PublicUrl";

    /// <summary>The older name, from when the address served only reminder e-mails; still read when the new one is unset.</summary>
    public const string LegacySetting = "Letopis:Reminders:PublicUrl";

    private string? _listening;

    /// <summary>The configured address without a trailing slash, or null when none was configured (Development only).</summary>
    public string? Configured { get; } = configured;

    /// <summary>The base of absolute URLs: the configured address, or in Development the server's own.</summary>
    public string BaseUrl => Configured ?? (_listening ??= Listening(server));

    /// <summary>
    /// Reads the setting (falling back to <see cref="LegacySetting"/>) and checks it; outside Development
    /// a missing address stops the start with a message naming the setting.
    /// </summary>
    public static string? Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var value = NonBlank(configuration[Setting]) ?? NonBlank(configuration[LegacySetting]);
        if (value is null)
        {
            if (environment.IsDevelopment())
                return null;
            throw new InvalidOperationException(
                $"{Setting} (environment variable Letopis__PublicUrl) is not set. Set it to the absolute address users open "
                + "the UI at, e.g. https://crm.example.ru: calendar feed and e-mail links are built from it, never from the "
                + "request's Host header.");
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException(
                $"{Setting} must be an absolute http(s) address without query or fragment, e.g. https://crm.example.ru; got '{value}'.");
        }
        return value.TrimEnd('/');
    }

    /// <summary>Whether <paramref name="origin"/> (scheme, host and port) is the configured address's.</summary>
    public bool IsPublicOrigin(Uri origin) =>
        Configured is not null && Uri.TryCreate(Configured, UriKind.Absolute, out var own) && SameOrigin(own, origin);

    public static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static string? NonBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Listening(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var binding = BindingAddress.Parse(address);
            if (binding.IsUnixPipe || binding.IsNamedPipe)
                continue;
            // A wildcard binding (+, *, 0.0.0.0, [::]) names no host a browser could open: use localhost.
            var host = binding.Host is "+" or "*" or "0.0.0.0" or "[::]" or "::" ? "localhost" : binding.Host;
            return $"{binding.Scheme}://{host}:{binding.Port}{binding.PathBase.TrimEnd('/')}";
        }
        return "http://localhost";
    }
}
