namespace Letopis.Web.Hosting;

/// <summary>Top-level settings bound from <c>Letopis:*</c> (environment <c>Letopis__*</c>).</summary>
public sealed class LetopisOptions
{
    /// <summary>Folder for the SQLite file and stored files; unset: see <see cref="DataDirectory"/>.</summary>
    public string? DataDir { get; set; }

    /// <summary>On an empty database: the password of the first user, <c>admin</c>.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Fill an empty database with the demo company (also: the <c>--demo</c> flag).</summary>
    public bool Demo { get; set; }

    /// <summary>Largest JSON request body, in bytes; file uploads have their own limit.</summary>
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The company's IANA time zone (<c>Europe/Moscow</c>, <c>Asia/Novosibirsk</c>): users who have not
    /// chosen their own read and enter times in it, and the demo data's «today» is counted in it.
    /// </summary>
    public string TimeZone { get; set; } = Core.Common.TimeZones.DefaultId;

    /// <summary>Lifetime of bearer tokens from <c>POST /api/v1/auth/token</c>.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The absolute address users open the UI at (<c>https://crm.example.ru</c>): calendar feed and e-mail
    /// links are built from it. Required outside Development; see <see cref="PublicAddress"/>.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// IP addresses of reverse proxies, comma-separated, whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed; unset, forwarded headers are ignored.
    /// </summary>
    public string? KnownProxies { get; set; }

    /// <summary>
    /// Moves the server's clock forward (<c>2.00:00:00</c> = two days): for rehearsing deadlines on a
    /// copy of the data, and for browser tests that let time pass. Leave unset on a real server.
    /// </summary>
    public TimeSpan? ClockOffset { get; set; }
}
