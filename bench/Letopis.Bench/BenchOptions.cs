using System.Globalization;

namespace Letopis.Bench;

/// <summary>Options shared by the load scenarios, parsed from <c>--name value</c> pairs.</summary>
public sealed class BenchOptions
{
    public string Provider { get; private set; } = "sqlite";

    /// <summary>PostgreSQL connection string; the database is used as it is (an empty one gets seeded by the server).</summary>
    public string? Connection { get; private set; }

    public IReadOnlyList<int> Clients { get; private set; } = [1, 8];

    public int Seconds { get; private set; } = 10;

    public int WarmupSeconds { get; private set; } = 20;

    /// <summary>Pause after start-up and after warm-up before reading the server's idle memory.</summary>
    public int SettleSeconds { get; private set; } = 2;

    /// <summary>Password of <c>admin</c>: seeds an empty database, signs in to a used one.</summary>
    public string AdminPassword { get; private set; } = "bench-password-1";

    public string? ServerDll { get; private set; }

    /// <summary>The server's data folder (SQLite file, blobs), kept afterwards; null for a fresh temp folder.</summary>
    public string? DataDir { get; private set; }

    /// <summary>Also measure each client count with <c>wrk</c> against the same server.</summary>
    public bool Wrk { get; private set; }

    /// <summary>The day the agenda scenario asks for (and <c>generate-activities</c> fills); default today, UTC.</summary>
    public DateOnly Day { get; private set; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The login whose agenda the agenda scenario reads; <c>generate-activities</c> creates it with the admin password.</summary>
    public string AgendaUser { get; private set; } = "agenda100";

    /// <summary>Extra environment for the server process (<c>--server-env KEY=VALUE</c>, repeatable).</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment => _serverEnvironment;

    private readonly Dictionary<string, string> _serverEnvironment = [];

    public const string Usage = """
        Options (all optional):
          --provider sqlite|postgres   database of the server (default sqlite: a fresh file in a temp folder)
          --connection "..."           PostgreSQL connection string, required with --provider postgres;
                                       use an empty database (it is migrated and seeded) or pass the
                                       admin password of a used one
          --data-dir DIR               SQLite: use (and keep) this data folder, e.g. one filled by 'generate'
          --admin-password PW          admin password (default bench-password-1)
          --clients 1,8                concurrent client loops, one measured run per count (default 1,8)
          --seconds 10                 duration of each measured run (default 10)
          --warmup 20                  warm-up before the first run, not measured (default 20: on two
                                       cores the JIT recompiles hot code for half a minute)
          --settle 2                   pause before reading idle memory (default 2)
          --wrk                        also run wrk (/usr/bin/wrk) with the same client counts and duration
          --server-dll PATH            server to start (default src/Letopis.Web/bin/Release/net10.0/Letopis.Web.dll)
          --server-env KEY=VALUE       extra environment for the server, repeatable (e.g. DOTNET_gcServer=0)
          --day YYYY-MM-DD             agenda: the day to read, as generate-activities filled it (default today, UTC)
          --agenda-user LOGIN          agenda: whose agenda (default agenda100, password = --admin-password)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--wrk")
            {
                o.Wrk = true;
                continue;
            }
            if (i + 1 >= args.Count)
                throw new ArgumentException($"{name} needs a value.");
            var value = args[++i];
            switch (name)
            {
                case "--provider":
                    o.Provider = value is "sqlite" or "postgres" ? value : throw new ArgumentException("--provider is sqlite or postgres.");
                    break;
                case "--connection":
                    o.Connection = value;
                    break;
                case "--data-dir":
                    o.DataDir = Path.GetFullPath(value);
                    break;
                case "--admin-password":
                    o.AdminPassword = value;
                    break;
                case "--clients":
                    o.Clients = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => Positive(name, c))];
                    break;
                case "--seconds":
                    o.Seconds = Positive(name, value);
                    break;
                case "--warmup":
                    o.WarmupSeconds = NonNegative(name, value);
                    break;
                case "--settle":
                    o.SettleSeconds = NonNegative(name, value);
                    break;
                case "--day":
                    o.Day = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                        ? day
                        : throw new ArgumentException("--day takes a date as YYYY-MM-DD.");
                    break;
                case "--agenda-user":
                    o.AgendaUser = value;
                    break;
                case "--server-dll":
                    o.ServerDll = value;
                    break;
                case "--server-env":
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                        throw new ArgumentException("--server-env takes KEY=VALUE.");
                    o._serverEnvironment[value[..eq]] = value[(eq + 1)..];
                    break;
                default:
                    throw new ArgumentException($"Unknown option {name}.");
            }
        }
        if (o.Provider == "postgres" && string.IsNullOrWhiteSpace(o.Connection))
            throw new ArgumentException("--provider postgres needs --connection.");
        if (o.Provider == "postgres" && o.DataDir is not null)
            throw new ArgumentException("--data-dir is for --provider sqlite.");
        if (o.Provider == "sqlite" && o.Connection is not null)
            throw new ArgumentException("--connection is for --provider postgres.");
        if (o.Clients.Count == 0 || o.Clients.Any(c => c > 256))
            throw new ArgumentException("--clients takes 1 to 256 per run.");
        if (o.Seconds > 600)
            throw new ArgumentException("--seconds is at most 600.");
        return o;
    }

    private static int Positive(string name, string value)
    {
        var n = NonNegative(name, value);
        return n > 0 ? n : throw new ArgumentException($"{name} must be positive.");
    }

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} takes a whole number, not '{value}'.");
}
