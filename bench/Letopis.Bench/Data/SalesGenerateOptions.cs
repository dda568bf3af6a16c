using System.Globalization;

namespace Letopis.Bench.Data;

/// <summary>Options of the <c>generate-sales</c> subcommand, plus the server options it shares with the load runs.</summary>
public sealed class SalesGenerateOptions
{
    public required BenchOptions Server { get; init; }

    public int Leads { get; init; } = 1_000_000;

    public int Deals { get; init; } = 200_000;

    public int Seed { get; init; } = 2026;

    public const string Usage = """
        generate-sales options (after 'generate' has filled the directory of the same database):
          --leads N                    leads to create (default 1000000): in every stage, some repeat, some junk,
                                       some converted; the open ones carry a company, a fresh ИНН, a contact and a
                                       phone, ready to be converted
          --deals N                    deals to create (default 200000) in three pipelines («Продажи» and two made
                                       through the API: «Тендеры», «Сервис»), with line items and contact persons
          --day YYYY-MM-DD             the last day a record is created on (default today, UTC)
          --seed N                     random seed (default 2026)
          --data-dir, --provider, --connection, --admin-password, --server-dll as for the load scenarios
        """;

    public static SalesGenerateOptions Parse(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        int leads = 1_000_000, deals = 200_000, seed = 2026;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--leads" or "--deals" or "--seed")
            {
                if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                    throw new ArgumentException($"{args[i]} takes a positive whole number.");
                switch (args[i])
                {
                    case "--leads": leads = n; break;
                    case "--deals": deals = n; break;
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
            throw new ArgumentException("generate-sales on sqlite needs --data-dir (a folder filled by 'generate').");
        if (leads < 1000 || deals < 1000)
            throw new ArgumentException("--leads and --deals must be at least 1000.");
        return new SalesGenerateOptions { Server = server, Leads = leads, Deals = deals, Seed = seed };
    }
}
