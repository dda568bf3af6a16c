using System.Globalization;

namespace Letopis.Bench.Data;

/// <summary>Options of the <c>generate</c> subcommand: sizes and seed, plus the server options it shares with the load runs.</summary>
public sealed class GenerateOptions
{
    public required BenchOptions Server { get; init; }

    public int Counterparties { get; init; } = 1_000_000;

    public int Contacts { get; init; } = 3_000_000;

    public int Seed { get; init; } = 2026;

    public string? ServerDll => Server.ServerDll;

    public const string Usage = """
        generate options:
          --counterparties N           counterparties to create (default 1000000)
          --contacts N                 contact persons to create, spread over them (default 3000000)
          --seed N                     random seed (default 2026)
          --data-dir DIR               SQLite: the data folder to fill (required with sqlite)
          --provider, --connection, --admin-password, --server-dll as for the load scenarios
        """;

    public static GenerateOptions Parse(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        int counterparties = 1_000_000, contacts = 3_000_000, seed = 2026;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--counterparties" or "--contacts" or "--seed")
            {
                if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                    throw new ArgumentException($"{args[i]} takes a positive whole number.");
                switch (args[i])
                {
                    case "--counterparties": counterparties = n; break;
                    case "--contacts": contacts = n; break;
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
            throw new ArgumentException("generate on sqlite needs --data-dir (the folder is kept for the load runs).");
        return new GenerateOptions { Server = server, Counterparties = counterparties, Contacts = contacts, Seed = seed };
    }
}
