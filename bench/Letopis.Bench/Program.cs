using System.Runtime.InteropServices;
using Letopis.Bench;
using Letopis.Bench.Data;
using Letopis.Bench.Scenarios;

// Load benchmarks against the real server over loopback HTTP. Each subcommand is one scenario;
// new scenarios (other endpoints, data generators) are new entries here.
ILoadScenario[] scenarios = [new MeScenario(), new CardScenario(), new FilteredPageScenario(), new FirstPageScenario(), new CreateScenario(), new SearchScenario(), new AgendaScenario(),
    new DocumentCardScenario(), new DocumentTreeScenario(), new DocumentNodeTreeScenario(), new DocumentSearchScenario(), new RegisterScenario(),
    new LeadsBoardScenario(), new DealsBoardScenario(), new ConvertScenario(),
    new GenerateScenario("html"), new GenerateScenario("docx"), new GenerateScenario("pdf"),
    new ApprovalsInboxScenario(), new ApprovalsDecideScenario(),
    new CopiesOverdueScenario(), new AssignmentsInboxScenario(), new SettlementScenario()];

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    PrintUsage();
    return args.Length == 0 ? 2 : 0;
}

if (args[0] == "generate")
{
    GenerateOptions generate;
    try
    {
        generate = GenerateOptions.Parse(args[1..]);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(GenerateOptions.Usage);
        return 2;
    }
    return await new DataGenerator(generate).RunAsync(CancellationToken.None);
}

if (args[0] == "generate-activities")
{
    ActivityGenerateOptions generate;
    try
    {
        generate = ActivityGenerateOptions.Parse(args[1..]);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(ActivityGenerateOptions.Usage);
        return 2;
    }
    return await new ActivityGenerator(generate).RunAsync(CancellationToken.None);
}

if (args[0] == "generate-documents")
{
    DocumentGenerateOptions generate;
    try
    {
        generate = DocumentGenerateOptions.Parse(args[1..]);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(DocumentGenerateOptions.Usage);
        Console.Error.WriteLine(SalesGenerateOptions.Usage);
        return 2;
    }
    return await new DocumentGenerator(generate).RunAsync(CancellationToken.None);
}

if (args[0] == "generate-sales")
{
    SalesGenerateOptions generate;
    try
    {
        generate = SalesGenerateOptions.Parse(args[1..]);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(SalesGenerateOptions.Usage);
        return 2;
    }
    return await new SalesGenerator(generate).RunAsync(CancellationToken.None);
}

if (args[0] == "generate-approvals")
{
    ApprovalGenerateOptions generate;
    try
    {
        generate = ApprovalGenerateOptions.Parse(args[1..]);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(ApprovalGenerateOptions.Usage);
        Console.Error.WriteLine(OfficeGenerateOptions.Usage);
        return 2;
    }
    return await new ApprovalGenerator(generate).RunAsync(CancellationToken.None);
}

if (args[0] == "generate-office")
{
    OfficeGenerateOptions generate;
    try
    {
        generate = OfficeGenerateOptions.Parse(args[1..]);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(OfficeGenerateOptions.Usage);
        return 2;
    }
    return await new OfficeGenerator(generate).RunAsync(CancellationToken.None);
}

if (args[0] == FileTransferScenario.Name)
{
    // --megabytes N (default 1024) besides the usual server options.
    var rest = args[1..].ToList();
    var megabytes = 1024;
    var at = rest.IndexOf("--megabytes");
    if (at >= 0)
    {
        if (at + 1 >= rest.Count || !int.TryParse(rest[at + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out megabytes) || megabytes <= 0)
        {
            Console.Error.WriteLine("--megabytes takes a positive whole number.");
            return 2;
        }
        rest.RemoveRange(at, 2);
    }
    BenchOptions transfer;
    try
    {
        transfer = BenchOptions.Parse(rest);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
    try
    {
        return await FileTransferScenario.RunAsync(transfer, megabytes, CancellationToken.None);
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

if (args[0] == BulkLettersScenario.Name)
{
    // --count N (default 1000) and --output pdf|docx|html (default pdf) besides the usual server options.
    var rest = args[1..].ToList();
    var count = 1000;
    var output = "pdf";
    var at = rest.IndexOf("--count");
    if (at >= 0)
    {
        if (at + 1 >= rest.Count || !int.TryParse(rest[at + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count <= 0)
        {
            Console.Error.WriteLine("--count takes a positive whole number.");
            return 2;
        }
        rest.RemoveRange(at, 2);
    }
    at = rest.IndexOf("--output");
    if (at >= 0)
    {
        if (at + 1 >= rest.Count || rest[at + 1] is not ("pdf" or "docx" or "html"))
        {
            Console.Error.WriteLine("--output takes pdf, docx or html.");
            return 2;
        }
        output = rest[at + 1];
        rest.RemoveRange(at, 2);
    }
    BenchOptions bulk;
    try
    {
        bulk = BenchOptions.Parse(rest);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
    try
    {
        return await BulkLettersScenario.RunAsync(bulk, count, output, CancellationToken.None);
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

if (args[0] is "index" or DirectoryFloor.Name or SalesFloor.Name or ApprovalsFloor.Name or ApprovalsDecideFloor.Name or OfficeFloor.Name)
{
    // Subcommands that work on the database itself (--data-dir, or --provider postgres --connection).
    BenchOptions database;
    string connection;
    try
    {
        database = BenchOptions.Parse(args[1..]);
        connection = DataGenerator.ConnectionString(database);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
    if (args[0] == DirectoryFloor.Name)
        return await DirectoryFloor.RunAsync(database, connection, CancellationToken.None);
    if (args[0] == SalesFloor.Name)
        return await SalesFloor.RunAsync(database, connection, CancellationToken.None);
    if (args[0] == ApprovalsFloor.Name)
        return await ApprovalsFloor.RunAsync(database, connection, CancellationToken.None);
    if (args[0] == ApprovalsDecideFloor.Name)
        return await ApprovalsDecideFloor.RunAsync(database, connection, CancellationToken.None);
    if (args[0] == OfficeFloor.Name)
        return await OfficeFloor.RunAsync(database, connection, CancellationToken.None);

    // index: rebuilds the search index of a database filled before the index existed (or by other tools).
    var started = System.Diagnostics.Stopwatch.StartNew();
    var records = await DataGenerator.RebuildSearchAsync(database.Provider, connection, CancellationToken.None);
    Console.WriteLine($"Search index rebuilt: {records:N0} records in {started.Elapsed.TotalSeconds:0.0} s");
    return 0;
}

var scenario = scenarios.FirstOrDefault(s => s.Name == args[0]);
if (scenario is null)
{
    Console.Error.WriteLine($"Unknown subcommand '{args[0]}'.");
    PrintUsage();
    return 2;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args[1..]);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    PrintUsage();
    return 2;
}

if (scenario is IConfiguredScenario configured)
    configured.Configure(options);

using var cancel = new CancellationTokenSource();
// Ctrl+C and SIGTERM let the benchmark unwind, so that the server is killed and the temp folder removed.
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Unwind);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Unwind);

try
{
    return await LoadBenchmark.RunAsync(scenario, options, cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled; the server was stopped.");
    return 130;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

void Unwind(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}

void PrintUsage()
{
    Console.Error.WriteLine("""
        Letopis load benchmarks: start the built server on a free loopback port and measure it over HTTP.
        Build the server first:  dotnet build Letopis.slnx -c Release

        Usage: dotnet run -c Release --project bench/Letopis.Bench -- <scenario> [options]

        Scenarios:
        """);
    Console.Error.WriteLine($"  {"generate",-28} fill a database with a large directory (see generate options)");
    Console.Error.WriteLine($"  {"generate-activities",-28} add millions of activities to a generated directory (see its options)");
    Console.Error.WriteLine($"  {"generate-documents",-28} add 1,000,000 documents to a generated directory (see its options)");
    Console.Error.WriteLine($"  {"generate-sales",-28} add 1,000,000 leads and 200,000 deals in three pipelines to a generated directory (see its options)");
    Console.Error.WriteLine($"  {"generate-approvals",-28} fill a database with 100,000 running approval routes and 1,000,000 tasks (see its options)");
    Console.Error.WriteLine($"  {"generate-office",-28} fill a database with 1,000,000 paper copies, 2,000,000 control points and 1,000,000 assignments (see its options)");
    Console.Error.WriteLine($"  {FileTransferScenario.Name,-28} {FileTransferScenario.Description}");
    Console.Error.WriteLine($"  {BulkLettersScenario.Name,-28} {BulkLettersScenario.Description}");
    Console.Error.WriteLine($"  {DirectoryFloor.Name,-28} {DirectoryFloor.Description} (--data-dir or --provider postgres --connection; --clients are threads)");
    Console.Error.WriteLine($"  {SalesFloor.Name,-28} {SalesFloor.Description} (as {DirectoryFloor.Name})");
    Console.Error.WriteLine($"  {ApprovalsFloor.Name,-28} {ApprovalsFloor.Description} (as {DirectoryFloor.Name})");
    Console.Error.WriteLine($"  {ApprovalsDecideFloor.Name,-28} {ApprovalsDecideFloor.Description} (as {DirectoryFloor.Name})");
    Console.Error.WriteLine($"  {OfficeFloor.Name,-28} {OfficeFloor.Description} (as {DirectoryFloor.Name})");
    Console.Error.WriteLine($"  {"index",-28} rebuild the search index of a database (--data-dir or --provider postgres --connection)");
    foreach (var s in scenarios)
        Console.Error.WriteLine($"  {s.Name,-28} {s.Description}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(BenchOptions.Usage);
    Console.Error.WriteLine(GenerateOptions.Usage);
    Console.Error.WriteLine(ActivityGenerateOptions.Usage);
    Console.Error.WriteLine(DocumentGenerateOptions.Usage);
    Console.Error.WriteLine(SalesGenerateOptions.Usage);
    Console.Error.WriteLine(ApprovalGenerateOptions.Usage);
    Console.Error.WriteLine(OfficeGenerateOptions.Usage);
    Console.Error.WriteLine("""
        Example:
          dotnet run -c Release --project bench/Letopis.Bench -- me --clients 1,8 --seconds 10 --warmup 3
          dotnet run -c Release --project bench/Letopis.Bench -- me --provider postgres \
            --connection "Host=127.0.0.1;Port=55432;Username=postgres;Database=letopis_bench" --wrk
        Progress goes to stderr, the Markdown tables to stdout.
        """);
}
