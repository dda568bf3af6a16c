using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Letopis.Core.Crm;
using Letopis.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

using static Letopis.Bench.Data.GeneratorDb;

namespace Letopis.Bench.Data;

/// <summary>
/// Fills a Letopis database with a large directory: reference books, departments and managers
/// through the API of the real server (so they are created exactly as users create them), then
/// counterparties, contact persons and their links in bulk (batched prepared inserts on SQLite,
/// binary COPY on PostgreSQL), then statistics. Deterministic for a given seed.
/// </summary>
public sealed class DataGenerator(GenerateOptions options)
{
    private const int Batch = 20_000;
    private readonly Random _random = new(options.Seed);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Phase, TimeSpan Took, long Rows)> _phases = [];

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var root = ServerProcess.FindRepoRoot();
        var dll = Path.GetFullPath(options.ServerDll ?? ServerProcess.DefaultDll(root));
        var books = new Dictionary<string, List<Guid>>();
        var users = new List<Guid>();

        var phase = Stopwatch.StartNew();
        await using (var server = await ServerProcess.StartAsync(dll, options.Server, ct))
        {
            Log($"server on {server.BaseAddress} created the schema");
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new("Bearer", await server.GetTokenAsync(options.Server.AdminPassword, ct));
            var existing = await http.GetFromJsonAsync<JsonObject>("/api/v1/counterparties?pageSize=1", ct);
            if ((long?)existing?["total"] > 0)
                throw new InvalidOperationException("The database already holds counterparties: generate into an empty one.");

            foreach (var (book, names) in new[]
                     {
                         ("regions", NameBank.Regions), ("categories", NameBank.Categories), ("groups", NameBank.Groups),
                         ("activity-types", NameBank.ActivityTypes), ("ad-sources", NameBank.AdSources),
                     })
            {
                books[book] = [];
                foreach (var name in names)
                    books[book].Add(await PostAsync(http, $"/api/v1/reference/{book}", new { name }, ct));
            }

            var me = await http.GetFromJsonAsync<JsonObject>("/api/v1/me", ct);
            users.Add(Guid.Parse((string)me!["id"]!));
            var n = 0;
            foreach (var department in NameBank.Departments)
            {
                var departmentId = await PostAsync(http, "/api/v1/departments", new { name = department }, ct);
                for (var i = 0; i < 4; i++, n++)
                {
                    var surname = NameBank.MaleSurnames[n % NameBank.MaleSurnames.Length];
                    users.Add(await PostAsync(http, "/api/v1/users", new
                    {
                        login = $"manager{n + 1:00}",
                        password = options.Server.AdminPassword,
                        fullName = $"{surname} {NameBank.MaleNames[n % NameBank.MaleNames.Length]}",
                        email = $"manager{n + 1:00}@bench.example",
                        departmentId,
                        roles = new[] { "employee" },
                    }, ct));
                }
            }
        }
        Done("reference books, 6 departments, 24 managers (API)", phase, books.Values.Sum(b => b.Count) + users.Count);

        var connectionString = ConnectionString(options.Server);
        await using DbConnection connection = options.Server.Provider == "postgres"
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        var writer = options.Server.Provider == "postgres"
            ? (IBulkWriter)new PostgresBulkWriter((NpgsqlConnection)connection)
            : new SqliteBulkWriter((SqliteConnection)connection);

        var counterpartyIds = new Guid[options.Counterparties];
        phase.Restart();
        await writer.WriteAsync("Counterparties", CounterpartyColumns, CounterpartyRows(counterpartyIds, books, users), Batch, Progress("counterparties", options.Counterparties), ct);
        Done("counterparties", phase, options.Counterparties);

        var contactIds = new Guid[options.Contacts];
        phase.Restart();
        await writer.WriteAsync("ContactPersons", ContactColumns, ContactRows(contactIds), Batch, Progress("contact persons", options.Contacts), ct);
        Done("contact persons", phase, options.Contacts);

        phase.Restart();
        await writer.WriteAsync("CounterpartyContacts", LinkColumns, LinkRows(counterpartyIds, contactIds), Batch, Progress("links", options.Contacts), ct);
        Done("contact links", phase, options.Contacts);


        phase.Restart();
        var indexed = await RebuildSearchAsync(options.Server.Provider, connectionString, ct);
        Done("search index (SearchIndex.RebuildAsync)", phase, indexed);
        phase.Restart();
        await writer.AnalyzeAsync(ct);
        Done("statistics (ANALYZE)", phase, 0);

        Console.WriteLine(Report());
        return 0;
    }

    /// <summary>The database the server of <paramref name="server"/> uses, for writing to it directly.</summary>
    public static string ConnectionString(BenchOptions server) => server.Provider == "postgres"
        // A COPY of a million rows and the index builds after it run for minutes.
        ? new NpgsqlConnectionStringBuilder(server.Connection) { CommandTimeout = 0 }.ToString()
        : DatabaseRegistration.SqliteConnectionString(Path.Combine(
            server.DataDir ?? throw new ArgumentException("sqlite needs --data-dir"), "letopis.db"));

    /// <summary>
    /// Brings the schema up to date and rebuilds the search index and the directory totals through
    /// the server's own code, as anything that writes around EF's change tracker must. Also the
    /// <c>index</c> subcommand.
    /// </summary>
    public static async Task<int> RebuildSearchAsync(string provider, string connectionString, CancellationToken ct)
    {
        var builder = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Letopis.Core.Data.LetopisDb>();
        DatabaseRegistration.Configure(builder, provider, connectionString);
        await using var db = new Letopis.Core.Data.LetopisDb(builder.Options);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await DatabaseRegistration.MigrateAsync(db, ct);
        var clock = Stopwatch.StartNew();
        var progress = new Progress<int>(done =>
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                Log($"  search index: {done:N0} records");
                clock.Restart();
            }
        });
        var indexed = await Letopis.Core.Search.SearchIndex.RebuildAsync(db, batchSize: 5000, progress, ct);
        await Letopis.Core.Data.RecordCounts.RecountAsync(db, ct);
        return indexed;
    }

    private static readonly string[] CounterpartyColumns =
    [
        "Id", "Kind", "Name", "NameNormalized", "SortName", "NameKey", "FullName", "Inn", "Kpp", "Ogrn", "Phone", "Email", "Website",
        "LegalAddress", "RegionId", "CategoryId", "GroupId", "ActivityTypeId", "AdSourceId", "ResponsibleId", "CreatedAt",
        "CreatedById", "Version",
    ];

    private static readonly string[] ContactColumns =
        ["Id", "FullName", "FullNameNormalized", "Phone", "Email", "BirthDate", "ConsentOn", "CreatedAt", "Version"];

    private static readonly string[] LinkColumns = ["CounterpartyId", "ContactId", "Position", "IsMain"];

    private IEnumerable<object?[]> CounterpartyRows(Guid[] ids, Dictionary<string, List<Guid>> books, List<Guid> users)
    {
        var start = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var span = (new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) - start).TotalSeconds;
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i] = Guid.CreateVersion7();
            var (form, body) = CompanyName(i);
            var name = $"{form} «{body}»";
            var inn = Requisites.CompleteInn10((1_000_000_00 + i).ToString("D9", CultureInfo.InvariantCulture));
            var ogrn12 = (1_027_700_000_000L + i).ToString(CultureInfo.InvariantCulture);
            var ogrn = ogrn12 + (long.Parse(ogrn12, CultureInfo.InvariantCulture) % 11 % 10).ToString(CultureInfo.InvariantCulture);
            var created = start.AddSeconds(_random.NextDouble() * span);
            yield return
            [
                id, "Company", name, name.ToUpperInvariant(), CounterpartySortName.Of(name), FindDuplicates.CoreName(name), $"Общество с ограниченной ответственностью «{body}»",
                inn, $"{inn[..4]}01001", ogrn, $"+7495{2_000_000 + i:D7}", $"info{i}@company{i % 9973}.example",
                i % 3 == 0 ? $"https://company{i}.example" : null,
                $"{NameBank.Regions[i % NameBank.Regions.Length]}, {NameBank.Streets[i % NameBank.Streets.Length]}, д. {1 + (i % 150)}",
                Pick(books["regions"]), Pick(books["categories"]), Pick(books["groups"]), Pick(books["activity-types"]),
                Pick(books["ad-sources"]), Pick(users), created, users[0], 1,
            ];
        }
    }

    private (string Form, string Body) CompanyName(int i)
    {
        var form = (i % 10) switch { < 7 => "ООО", 7 => "АО", 8 => "ПАО", _ => "ЗАО" };
        if (i % 3 == 2)
        {
            var adjective = NameBank.Adjectives[_random.Next(NameBank.Adjectives.Length)];
            return (form, $"{adjective} {NameBank.Nouns[_random.Next(NameBank.Nouns.Length)]} {1 + (i / 3 % 997)}");
        }
        var root = NameBank.Roots[_random.Next(NameBank.Roots.Length)];
        var tail = NameBank.Tails[_random.Next(NameBank.Tails.Length)];
        return (form, $"{root}{tail.ToLowerInvariant()}{(i % 2 == 0 ? "" : $"-{1 + (i % 499)}")}");
    }

    private IEnumerable<object?[]> ContactRows(Guid[] ids)
    {
        var created = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Guid.CreateVersion7();
            var surname = NameBank.MaleSurnames[_random.Next(NameBank.MaleSurnames.Length)];
            var patronymic = NameBank.Patronymics[_random.Next(NameBank.Patronymics.Length)];
            var fullName = _random.Next(2) == 0
                ? $"{surname} {NameBank.MaleNames[_random.Next(NameBank.MaleNames.Length)]} {patronymic}ич"
                : $"{surname}а {NameBank.FemaleNames[_random.Next(NameBank.FemaleNames.Length)]} {patronymic}на";
            var birth = i % 4 == 0 ? new DateOnly(1960 + (i % 40), 1 + (i % 12), 1 + (i % 28)) : (DateOnly?)null;
            yield return
            [
                ids[i], fullName, fullName.ToUpperInvariant(), $"+79{100_000_000 + i:D9}", $"person{i}@mail.example", birth,
                i % 2 == 0 ? new DateOnly(2025, 1 + (i % 12), 1 + (i % 28)) : null, created.AddMinutes(i % 500_000), 1,
            ];
        }
    }

    private static IEnumerable<object?[]> LinkRows(Guid[] counterparties, Guid[] contacts)
    {
        // Contacts are spread evenly; the first person of each counterparty is its main contact.
        for (var i = 0; i < contacts.Length; i++)
        {
            var owner = (long)i * counterparties.Length / contacts.Length;
            var first = i == 0 || ((long)(i - 1) * counterparties.Length / contacts.Length) != owner;
            yield return [counterparties[owner], contacts[i], NameBank.Positions[i % NameBank.Positions.Length], first];
        }
    }

    private Guid Pick(List<Guid> items) => items[_random.Next(items.Count)];

    private static async Task<Guid> PostAsync(HttpClient http, string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return Guid.Parse((string)JsonNode.Parse(text)!["id"]!);
    }

    private static Action<long> Progress(string what, long total) =>
        done => Log($"  {what}: {done:N0} of {total:N0} ({100.0 * done / total:0}%)");

    private void Done(string what, Stopwatch phase, long rows)
    {
        _phases.Add((what, phase.Elapsed, rows));
        Log($"{what}: {phase.Elapsed.TotalSeconds:0.0} s");
    }

    private string Report()
    {
        var lines = new List<string>
        {
            $"Generated on {options.Server.Provider} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC), seed {options.Seed}:",
            "",
            "| phase | rows | time | rows/s |",
            "|---|--:|--:|--:|",
        };
        foreach (var (phase, took, rows) in _phases)
            lines.Add($"| {phase} | {rows:N0} | {took.TotalSeconds:0.0} s | {(rows > 0 ? (rows / took.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) : "")} |");
        lines.Add($"| **total** | | **{_clock.Elapsed.TotalSeconds:0.0} s** | |");
        return string.Join(Environment.NewLine, lines);
    }

}
