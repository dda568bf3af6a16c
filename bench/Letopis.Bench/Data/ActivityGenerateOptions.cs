using System.Globalization;

namespace Letopis.Bench.Data;

/// <summary>Options of the <c>generate-activities</c> subcommand, plus the server options it shares with the load runs.</summary>
public sealed class ActivityGenerateOptions
{
    public required BenchOptions Server { get; init; }

    public int Activities { get; init; } = 10_000_000;

    /// <summary>Users the activities are spread over, created through the API besides those already there.</summary>
    public int Users { get; init; } = 400;

    /// <summary>Planned activities of the agenda user on the benchmark day.</summary>
    public int AgendaSize => Scenarios.AgendaScenario.Size;

    public int Seed { get; init; } = 2026;

    public const string Usage = """
        generate-activities options (after 'generate' has filled the directory of the same database):
          --activities N               activities to create (default 10000000), over one year back and one ahead
          --users N                    users to spread them over, created through the API (default 400)
          --day YYYY-MM-DD             the benchmark day (default today, UTC): the agenda user has exactly 100
                                       planned activities on it and none overdue
          --agenda-user LOGIN          that user, created with the admin password (default agenda100)
          --seed N                     random seed (default 2026)
          --data-dir, --provider, --connection, --admin-password, --server-dll as for the load scenarios
        """;

    public static ActivityGenerateOptions Parse(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        int activities = 10_000_000, users = 400, seed = 2026;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--activities" or "--users" or "--seed")
            {
                if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                    throw new ArgumentException($"{args[i]} takes a positive whole number.");
                switch (args[i])
                {
                    case "--activities": activities = n; break;
                    case "--users": users = n; break;
                    default: seed = n; break;
                }
                i++;
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        var server = BenchOptions.Parse(rest);
        if (server.Provider == "sqlite" && server.DataDir is null)
            throw new ArgumentException("generate-activities on sqlite needs --data-dir (a folder filled by 'generate').");
        if (activities < 10 * Scenarios.AgendaScenario.Size)
            throw new ArgumentException($"--activities must be at least {10 * Scenarios.AgendaScenario.Size}.");
        return new ActivityGenerateOptions
        {
            Server = server,
            Activities = activities,
            Users = users,
            Seed = seed,
        };
    }
}
