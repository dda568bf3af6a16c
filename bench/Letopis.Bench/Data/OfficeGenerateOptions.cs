using System.Globalization;

namespace Letopis.Bench.Data;

/// <summary>Options of the <c>generate-office</c> subcommand, plus the server options it shares with the load runs.</summary>
public sealed class OfficeGenerateOptions
{
    public required BenchOptions Server { get; init; }

    /// <summary>Paper copies in all.</summary>
    public int Copies { get; init; } = 1_000_000;

    /// <summary>Control points in all, over contracts of about ten points each.</summary>
    public int Points { get; init; } = 2_000_000;

    /// <summary>Assignments in all, over incoming letters of one resolution each.</summary>
    public int Assignments { get; init; } = 1_000_000;

    /// <summary>Office users (<c>office001</c>…), ten to a department, five departments to a division.</summary>
    public int People { get; init; } = 200;

    /// <summary>Contracts of the one large client whose settlement the benchmark reads.</summary>
    public int BigContracts { get; init; } = 500;

    /// <summary>Counterparties to add when the database has none (without a directory of <c>generate</c>).</summary>
    public int Counterparties { get; init; } = 5_000;

    public int Seed { get; init; } = 2026;

    public const string Usage = """
        generate-office options (a fresh database, or one with a directory; logins office001… get --admin-password):
          --copies N                   paper copies (default 1000000) of the contracts, acts and incoming letters,
                                       in the folders of an archive tree; about 3 % out (a third of them overdue),
                                       1 % sent to the counterparty; movements (placed, handed out, returned, sent)
          --points N                   control points (default 2000000) over contracts of 2–8 stages (a stage or a
                                       delivery and its payment, now and then a work order): past ones mostly done,
                                       paid and closed by an act, some overdue with a reason; payments recorded
          --assignments N              assignments (default 1000000): incoming letters of four years, one resolution
                                       each with 1–4 assignments (co-executors, on control for most), the recent ones
                                       open, some overdue; one executor row per executor
          --people N                   office users (default 200; a multiple of 50): ten to a department, a division
                                       of five departments (the first the division, four sub-departments under it)
          --big-contracts N            contracts of the one large client (default 500): the settlement scenario's
          --counterparties N           clients to add when the database has none (default 5000)
          --seed N                     random seed (default 2026)
          --data-dir, --provider, --connection, --admin-password, --server-dll as for the load scenarios
        Resumable: users and departments that exist are kept; each part (paper, execution, correspondence)
        is skipped when its rows are there already, so a cut-off run is simply started again.
        """;

    public static OfficeGenerateOptions Parse(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        int copies = 1_000_000, points = 2_000_000, assignments = 1_000_000, people = 200, big = 500, counterparties = 5_000, seed = 2026;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--copies" or "--points" or "--assignments" or "--people" or "--big-contracts" or "--counterparties" or "--seed")
            {
                if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                    throw new ArgumentException($"{args[i]} takes a positive whole number.");
                switch (args[i])
                {
                    case "--copies": copies = n; break;
                    case "--points": points = n; break;
                    case "--assignments": assignments = n; break;
                    case "--people": people = n; break;
                    case "--big-contracts": big = n; break;
                    case "--counterparties": counterparties = n; break;
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
            throw new ArgumentException("generate-office on sqlite needs --data-dir (a fresh folder or one filled by 'generate').");
        if (people < 50 || people % 50 != 0)
            throw new ArgumentException("--people takes a multiple of fifty.");
        if (points < big * 20)
            throw new ArgumentException("--points must leave the large client's contracts room: at least 20 × --big-contracts.");
        if (counterparties < 10)
            throw new ArgumentException("--counterparties must be at least 10.");
        return new OfficeGenerateOptions
        {
            Server = server,
            Copies = copies,
            Points = points,
            Assignments = assignments,
            People = people,
            BigContracts = big,
            Counterparties = counterparties,
            Seed = seed,
        };
    }
}
