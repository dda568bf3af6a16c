using System.Globalization;

namespace Letopis.Bench.Data;

/// <summary>Options of the <c>generate-documents</c> subcommand, plus the server options it shares with the load runs.</summary>
public sealed class DocumentGenerateOptions
{
    public required BenchOptions Server { get; init; }

    public int Documents { get; init; } = 1_000_000;

    public int Seed { get; init; } = 2026;

    public const string Usage = """
        generate-documents options (after 'generate' has filled the directory of the same database):
          --documents N                documents to create (default 1000000): contract trees with appendices,
                                       supplementary agreements, acts and invoices, and letters; numbered by
                                       the journals' patterns, the counters left where the next number follows
          --day YYYY-MM-DD             the last registration day (default today, UTC)
          --seed N                     random seed (default 2026)
          --data-dir, --provider, --connection, --admin-password, --server-dll as for the load scenarios
        """;

    public static DocumentGenerateOptions Parse(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        int documents = 1_000_000, seed = 2026;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--documents" or "--seed")
            {
                if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                    throw new ArgumentException($"{args[i]} takes a positive whole number.");
                if (args[i] == "--documents")
                    documents = n;
                else
                    seed = n;
                i++;
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        var server = BenchOptions.Parse(rest);
        if (server.Provider == "sqlite" && server.DataDir is null)
            throw new ArgumentException("generate-documents on sqlite needs --data-dir (a folder filled by 'generate').");
        if (documents < 1000)
            throw new ArgumentException("--documents must be at least 1000.");
        return new DocumentGenerateOptions { Server = server, Documents = documents, Seed = seed };
    }
}
