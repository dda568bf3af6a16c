using System.Globalization;

namespace Letopis.Bench.Data;

/// <summary>Options of the <c>generate-approvals</c> subcommand, plus the server options it shares with the load runs.</summary>
public sealed class ApprovalGenerateOptions
{
    public required BenchOptions Server { get; init; }

    /// <summary>Running routes to create.</summary>
    public int Routes { get; init; } = 100_000;

    /// <summary>Approval tasks in all: the running routes' tasks, then finished routes until this many.</summary>
    public int Tasks { get; init; } = 1_000_000;

    /// <summary>Approver users (<c>approver001</c>…), ten to a department.</summary>
    public int Approvers { get; init; } = 300;

    public int Seed { get; init; } = 2026;

    public const string Usage = """
        generate-approvals options (a fresh database, or one with a directory; logins approver001… get --admin-password):
          --routes N                   running routes (default 100000), one document with a file each, on the
                                       stages of four published schemes (contract, supplementary agreement, act,
                                       invoice: 3–4 stages, modes all / any / 2 of 3, a director stage above an amount)
          --tasks N                    approval tasks in all (default 1000000): the running routes' decided and
                                       pending tasks, then approved routes of the past until this many
          --approvers N                approver users (default 300, ten to a department, the first its head)
          --seed N                     random seed (default 2026)
          --data-dir, --provider, --connection, --admin-password, --server-dll as for the load scenarios
        """;

    public static ApprovalGenerateOptions Parse(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        int routes = 100_000, tasks = 1_000_000, approvers = 300, seed = 2026;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--routes" or "--tasks" or "--approvers" or "--seed")
            {
                if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                    throw new ArgumentException($"{args[i]} takes a positive whole number.");
                switch (args[i])
                {
                    case "--routes": routes = n; break;
                    case "--tasks": tasks = n; break;
                    case "--approvers": approvers = n; break;
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
            throw new ArgumentException("generate-approvals on sqlite needs --data-dir (a fresh folder or one filled by 'generate').");
        if (approvers < 60 || approvers % 10 != 0)
            throw new ArgumentException("--approvers takes a multiple of ten, at least 60.");
        if (routes < 100)
            throw new ArgumentException("--routes must be at least 100.");
        return new ApprovalGenerateOptions { Server = server, Routes = routes, Tasks = tasks, Approvers = approvers, Seed = seed };
    }
}
