using System.Buffers.Binary;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Letopis.Core.Documents;
using Letopis.Core.Search;
using Letopis.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

using static Letopis.Bench.Data.GeneratorDb;

namespace Letopis.Bench.Data;

/// <summary>
/// Adds a million documents to a database that <c>generate</c> has filled with a directory: the
/// document types and journals the server seeds on start (and one legal entity of ours through its
/// API), then the documents in bulk with the same writers as <c>generate</c> (indexes dropped and
/// built again), the journals' counters, the search rows of the documents, statistics.
/// Deterministic for a seed and day (ids included).
/// </summary>
/// <remarks>
/// The shape: about one counterparty in eight is a client with one or more contracts since 2020
/// (more in later years). A contract has its appendices; once signed, supplementary agreements
/// (numbered under it), monthly invoices and acts (or an advance invoice and a final act), some of
/// them under an agreement. Statuses follow the age: the last weeks are drafts and approvals, the
/// current contracts are in force, the expired ones executed or terminated; acts are signed,
/// invoices paid. The rest are incoming and outgoing letters (and a few internal memos). The
/// responsible person is mostly the counterparty's manager; a few contracts have a co-responsible.
/// Numbers are made by the journals' own patterns (<see cref="NumberPattern"/>) in registration
/// order, and every counter is left at its last number, so the next registration continues each
/// sequence without a gap. No history, timeline or file rows are written.
/// </remarks>
public sealed class DocumentGenerator(DocumentGenerateOptions options)
{
    private const int Batch = 20_000;
    private static readonly DateOnly FirstDay = new(2020, 1, 1);

    private static readonly string[] DocumentColumns =
    [
        "Id", "TypeId", "Number", "NumberSortKey", "RegisteredOn", "JournalId", "Title", "TitleNormalized", "Summary", "CounterpartyId", "OurCompanyId",
        "ParentId", "RootId", "AmountMinor", "VatRate", "VatAmountMinor", "Currency", "SignedByUsOn", "SignedByCounterpartyOn",
        "ValidFrom", "ValidTo", "ResponsibleId", "Status", "IncomingNumber", "IncomingDate", "Deleted", "CreatedAt", "CreatedById", "Version",
    ];

    private static readonly string[] Codes =
    [
        SeedDocumentTypes.Contract, SeedDocumentTypes.Appendix, SeedDocumentTypes.SupplementaryAgreement, SeedDocumentTypes.Act,
        SeedDocumentTypes.Invoice, SeedDocumentTypes.IncomingLetter, SeedDocumentTypes.OutgoingLetter, SeedDocumentTypes.InternalMemo,
    ];

    private const int Contract = 0, Appendix = 1, Agreement = 2, Act = 3, Invoice = 4, Incoming = 5, Outgoing = 6, Memo = 7;

    private readonly Random _random = new(options.Seed);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Phase, TimeSpan Took, long Rows)> _phases = [];
    private readonly List<Spec> _specs = new(options.Documents + 1000);
    private readonly Dictionary<string, long> _counts = [];

    private DateOnly Day => options.Server.Day;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var root = ServerProcess.FindRepoRoot();
        var dll = Path.GetFullPath(options.Server.ServerDll ?? ServerProcess.DefaultDll(root));
        var connectionString = DataGenerator.ConnectionString(options.Server);

        var phase = Stopwatch.StartNew();
        Guid ourCompany;
        await using (var server = await ServerProcess.StartAsync(dll, options.Server, ct))
        {
            // The server brought the schema up to date and seeded the document types and journals.
            Log($"server on {server.BaseAddress} migrated the schema and seeded the document types");
            await using (var connection = await OpenAsync(connectionString, ct))
            {
                if (await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM \"Counterparties\"", ct) == 0)
                    throw new InvalidOperationException("The database has no counterparties: run 'generate' on it first.");
                if (await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM \"Documents\")", ct))
                    throw new InvalidOperationException("The database already holds documents: generate into one without them.");
            }
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new("Bearer", await server.GetTokenAsync(options.Server.AdminPassword, ct));
            ourCompany = await OurCompanyAsync(http, ct);
        }
        Done("schema, document types and journals, our legal entity (server and API)", phase, 1);

        await using var db = await OpenAsync(connectionString, ct);
        var writer = options.Server.Provider == "postgres"
            ? (IBulkWriter)new PostgresBulkWriter((NpgsqlConnection)db)
            : new SqliteBulkWriter((SqliteConnection)db);

        phase.Restart();
        var types = await ReadTypesAsync(db, ct);
        var users = await ReadUsersAsync(db, ct);
        var clients = await ReadClientsAsync(db, ct);
        Done($"read {types.Length} types, {users.Length} users, {clients.Length:N0} counterparties", phase, 0);

        phase.Restart();
        Plan(clients, users);
        var order = Order();
        var counters = Number(order, types);
        Done($"planned {_specs.Count:N0} documents in registration order, numbered by the journals' patterns", phase, _specs.Count);

        phase.Restart();
        await writer.WriteAsync("Documents", DocumentColumns, Rows(order, types, clients, ourCompany), Batch,
            Progress("documents", _specs.Count), ct);
        Done("documents (indexes dropped, rows inserted, indexes rebuilt)", phase, _specs.Count);

        phase.Restart();
        var co = CoResponsibleRows().ToList();
        await writer.WriteAsync("DocumentCoResponsibles", ["DocumentId", "UserId"], co, Batch, _ => { }, ct);
        await writer.WriteAsync("JournalCounters", ["JournalId", "Scope", "Value"],
            counters.Select(c => new object?[] { c.Key.Journal, c.Key.Scope, c.Value }), Batch, _ => { }, ct);
        Done($"{co.Count:N0} co-responsible links and {counters.Count:N0} journal counters", phase, co.Count + counters.Count);

        phase.Restart();
        var indexed = await IndexDocumentsAsync(options.Server.Provider, connectionString, ct);
        Done("search index of the documents (DocumentSearchSource, in batches)", phase, indexed);

        phase.Restart();
        await writer.AnalyzeAsync(ct);
        Done("statistics (ANALYZE)", phase, 0);

        Console.WriteLine(Report(counters));
        return 0;
    }

    /// <summary>The search rows of the documents only: the directory's rows stay as they are.</summary>
    public static Task<int> IndexDocumentsAsync(string provider, string connectionString, CancellationToken ct) =>
        IndexKindAsync(provider, connectionString, Document.EntityKind, ct);

    /// <summary>Rewrites the search rows of one kind of record (its <see cref="ISearchSource"/>), in batches; the other kinds' rows stay.</summary>
    public static async Task<int> IndexKindAsync(string provider, string connectionString, string kind, CancellationToken ct)
    {
        var builder = new DbContextOptionsBuilder<Letopis.Core.Data.LetopisDb>();
        DatabaseRegistration.Configure(builder, provider, connectionString);
        await using var db = new Letopis.Core.Data.LetopisDb(builder.Options);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var source = SearchIndex.Sources.Single(s => s.Kind == kind);
        await db.SearchEntries.Where(e => e.Kind == source.Kind).ExecuteDeleteAsync(ct);
        Guid? after = null;
        var done = 0;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var ids = await source.NextIdsAsync(db, after, 5000, ct);
            if (ids.Count == 0)
                break;
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await SearchIndex.RefreshAsync(db, source.Kind, ids, ct);
                await tx.CommitAsync(ct);
            }
            after = ids[^1];
            done += ids.Count;
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                Log($"  search index: {done:N0} of kind {kind}");
                clock.Restart();
            }
        }
        if (db.ProviderKind == "sqlite")
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "SearchFts"("SearchFts") VALUES ('optimize')""", ct);
        return done;
    }

    private async Task<Guid> OurCompanyAsync(HttpClient http, CancellationToken ct)
    {
        var list = await http.GetFromJsonAsync<JsonNode>("/api/v1/our-companies", ct);
        var items = list is JsonArray array ? array : list?["items"]?.AsArray();
        if (items is { Count: > 0 })
            return Guid.Parse((string)items[0]!["id"]!);
        using var response = await http.PostAsJsonAsync("/api/v1/our-companies",
            new { name = "ООО «Летопись»", fullName = "Общество с ограниченной ответственностью «Летопись»" }, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /api/v1/our-companies answered {(int)response.StatusCode}: {text}");
        return Guid.Parse((string)JsonNode.Parse(text)!["id"]!);
    }

    // ---- planning ----------------------------------------------------------------------------

    private sealed class Spec
    {
        public int Ordinal;
        public int Type;
        public DateOnly Date;
        public int Parent = -1;
        public int Root;
        public int Client = -1;
        public DocumentStatus Status;
        public long? Amount;
        public Guid Responsible;
        public Guid? CoResponsible;
        public DateOnly? SignedUs;
        public DateOnly? SignedThem;
        public DateOnly? ValidFrom;
        public DateOnly? ValidTo;
        public string Title = "";
        public string? Summary;
        public string? IncomingNumber;
        public DateOnly? IncomingDate;
        public Guid Id;
        public string? Number;
        public DateTime CreatedAt;
    }

    private void Plan((Guid Id, Guid? Responsible)[] clients, Guid[] users)
    {
        // About one counterparty in eight is a client with contracts.
        var pool = Enumerable.Range(0, clients.Length).Where(_ => _random.Next(8) == 0).ToArray();
        var treeTarget = (int)(options.Documents * 0.85);
        while (_specs.Count < treeTarget)
            AddTree(pool[_random.Next(pool.Length)], clients, users);
        while (_specs.Count < options.Documents)
            AddLetter(pool, clients, users);
        // The last tree may overshoot: children come after their parents, so cutting the tail keeps every parent.
        if (_specs.Count > options.Documents)
            _specs.RemoveRange(options.Documents, _specs.Count - options.Documents);
        foreach (var s in _specs)
            _counts[Codes[s.Type] + " " + ApiNames.Of(s.Status)] = _counts.GetValueOrDefault(Codes[s.Type] + " " + ApiNames.Of(s.Status)) + 1;
    }

    private Spec Add(int type, DateOnly date, int parent, int client, DocumentStatus status, Guid responsible, string title)
    {
        var s = new Spec
        {
            Ordinal = _specs.Count,
            Type = type,
            Date = date > Day ? Day : date,
            Parent = parent,
            Root = parent < 0 ? _specs.Count : _specs[parent].Root,
            Client = client,
            Status = status,
            Responsible = responsible,
            Title = title,
            Summary = _random.Next(3) > 0 ? DocumentBank.Summaries[_random.Next(DocumentBank.Summaries.Length)] : null,
        };
        _specs.Add(s);
        return s;
    }

    private void AddTree(int client, (Guid Id, Guid? Responsible)[] clients, Guid[] users)
    {
        var responsible = _random.Next(100) < 85 && clients[client].Responsible is { } manager ? manager : users[_random.Next(users.Length)];
        var date = RandomDay();
        var age = Day.DayNumber - date.DayNumber;
        var validFrom = Min(date.AddDays(_random.Next(0, 10)), Day);
        var validTo = validFrom.AddYears(_random.Next(10) < 7 ? 1 : _random.Next(2, 4)).AddDays(-1);
        var r = _random.Next(100);
        var status = age < 21
            ? r < 30 ? DocumentStatus.Draft : r < 65 ? DocumentStatus.OnApproval : r < 85 ? DocumentStatus.Approved : r < 93 ? DocumentStatus.Signed : DocumentStatus.Rejected
            : r < 2 ? DocumentStatus.Rejected
            : validTo < Day ? r < 87 ? DocumentStatus.Executed : DocumentStatus.Terminated
            : r < 15 ? DocumentStatus.Signed : DocumentStatus.InForce;
        var signed = status is DocumentStatus.Signed or DocumentStatus.InForce or DocumentStatus.Executed or DocumentStatus.Terminated;
        var subject = DocumentBank.ContractSubjects[_random.Next(DocumentBank.ContractSubjects.Length)];
        var contract = Add(Contract, date, -1, client, status, responsible, _random.Next(3) == 0 ? $"{subject} на {date.Year} год" : subject);
        var c = contract.Ordinal;
        contract.Amount = Rubles(50_000, 30_000_000);
        contract.ValidFrom = validFrom;
        contract.ValidTo = validTo;
        if (signed)
        {
            contract.SignedUs = Min(date.AddDays(_random.Next(0, 6)), Day);
            contract.SignedThem = Min(contract.SignedUs.Value.AddDays(_random.Next(0, 8)), Day);
        }
        if (_random.Next(100) < 3)
            contract.CoResponsible = users[_random.Next(users.Length)] is var co && co != responsible ? co : (Guid?)null;

        // Appendices come with the contract and share its fate.
        var appendices = _random.Next(100) switch { < 35 => 0, < 70 => 1, < 90 => 2, _ => 3 };
        for (var i = 0; i < appendices; i++)
        {
            var a = Add(Appendix, date.AddDays(_random.Next(0, 3)), c, client, status, responsible,
                DocumentBank.AppendixTitles[_random.Next(DocumentBank.AppendixTitles.Length)]);
            (a.SignedUs, a.SignedThem) = (contract.SignedUs, contract.SignedThem);
        }
        if (!signed)
            return;

        var end = Min(validTo, Day);
        var signedOn = contract.SignedThem!.Value;
        var agreements = new List<int>();
        if (end.DayNumber - signedOn.DayNumber > 90)
        {
            var count = _random.Next(100) switch { < 45 => 0, < 78 => 1, < 93 => 2, _ => 3 };
            for (var i = 0; i < count; i++)
            {
                var on = signedOn.AddDays(30 + _random.Next(end.DayNumber - signedOn.DayNumber - 30));
                var sa = Add(Agreement, on, c, client, Later(on, status), responsible, DocumentBank.AgreementTitles[_random.Next(DocumentBank.AgreementTitles.Length)]);
                if (_random.Next(3) == 0)
                    sa.Amount = Rubles(10_000, 5_000_000);
                if (sa.Status is not (DocumentStatus.Draft or DocumentStatus.OnApproval or DocumentStatus.Approved))
                    sa.SignedUs = sa.SignedThem = Min(on.AddDays(_random.Next(0, 5)), Day);
                agreements.Add(sa.Ordinal);
                if (_random.Next(100) < 15)
                    Add(Appendix, sa.Date, sa.Ordinal, client, sa.Status, responsible, DocumentBank.AppendixTitles[_random.Next(DocumentBank.AppendixTitles.Length)]);
            }
        }

        // Billing: monthly invoices and acts, or an advance invoice and a final act.
        var monthly = _random.Next(100) < 60;
        var months = Math.Max(1, (validTo.Year - validFrom.Year) * 12 + validTo.Month - validFrom.Month + 1);
        if (monthly)
        {
            var share = contract.Amount!.Value / months;
            for (var m = 0; m < Math.Min(months, 36); m++)
            {
                var first = new DateOnly(validFrom.Year, validFrom.Month, 1).AddMonths(m);
                if (first > end)
                    break;
                var period = $"{DocumentBank.Months[first.Month - 1]} {first.Year}";
                Bill(Invoice, Max(first.AddDays(_random.Next(0, 5)), signedOn), share, $"Оплата за {period}: {Lower(subject)}", c, agreements, client, responsible);
                var last = first.AddMonths(1).AddDays(-1);
                if (last <= end)
                    Bill(Act, Max(last.AddDays(_random.Next(0, 4)), signedOn), share, $"Акт за {period}: {Lower(subject)}", c, agreements, client, responsible);
            }
        }
        else
        {
            var advance = contract.Amount!.Value * 3 / 10;
            Bill(Invoice, signedOn.AddDays(_random.Next(1, 6)), advance, $"Аванс 30%: {Lower(subject)}", c, agreements, client, responsible);
            if (status is DocumentStatus.Executed or DocumentStatus.Terminated || _random.Next(3) == 0)
            {
                var done = Day.DayNumber - signedOn.DayNumber > 30
                    ? signedOn.AddDays(10 + _random.Next(Math.Max(1, end.DayNumber - signedOn.DayNumber - 10)))
                    : end;
                Bill(Act, done, contract.Amount.Value, $"Выполнение обязательств: {Lower(subject)}", c, agreements, client, responsible);
                Bill(Invoice, done.AddDays(_random.Next(0, 3)), contract.Amount.Value - advance, $"Окончательный расчёт: {Lower(subject)}", c, agreements, client, responsible);
            }
        }
    }

    private void Bill(int type, DateOnly on, long amount, string title, int contract, List<int> agreements, int client, Guid responsible)
    {
        on = Min(on, Day);
        // A tenth of the accounting documents belong to a supplementary agreement signed before them.
        var parent = contract;
        if (agreements.Count > 0 && _random.Next(10) == 0 && agreements[_random.Next(agreements.Count)] is var sa && _specs[sa].Date <= on
            && _specs[sa].Status is not (DocumentStatus.Draft or DocumentStatus.OnApproval or DocumentStatus.Approved))
            parent = sa;
        var age = Day.DayNumber - on.DayNumber;
        var r = _random.Next(100);
        var status = type == Act
            ? age < 10 ? r < 50 ? DocumentStatus.Draft : DocumentStatus.OnApproval : DocumentStatus.Signed
            : age < 10 ? DocumentStatus.Draft : age < 30 || r < 4 ? DocumentStatus.Signed : DocumentStatus.Executed;
        var s = Add(type, on, parent, client, status, responsible, title);
        s.Amount = amount;
        if (status is DocumentStatus.Signed or DocumentStatus.Executed)
            s.SignedUs = s.SignedThem = Min(on.AddDays(_random.Next(0, 4)), Day);
    }

    private void AddLetter(int[] pool, (Guid Id, Guid? Responsible)[] clients, Guid[] users)
    {
        var date = RandomDay();
        var age = Day.DayNumber - date.DayNumber;
        var r = _random.Next(100);
        if (r < 3)
        {
            Add(Memo, date, -1, -1, age < 7 ? DocumentStatus.OnApproval : DocumentStatus.Approved, users[_random.Next(users.Length)],
                DocumentBank.MemoSubjects[_random.Next(DocumentBank.MemoSubjects.Length)]);
            return;
        }
        var client = _random.Next(100) < 60 ? pool[_random.Next(pool.Length)] : _random.Next(clients.Length);
        var responsible = _random.Next(100) < 85 && clients[client].Responsible is { } manager ? manager : users[_random.Next(users.Length)];
        var done = age < 7 ? DocumentStatus.Draft : DocumentStatus.Executed;
        if (r < 58)
        {
            var s = Add(Incoming, date, -1, client, done, responsible, DocumentBank.IncomingSubjects[_random.Next(DocumentBank.IncomingSubjects.Length)]);
            s.IncomingNumber = _random.Next(2) == 0
                ? _random.Next(1, 3000).ToString(CultureInfo.InvariantCulture)
                : $"{_random.Next(1, 40):00}-{_random.Next(1, 13):00}/{_random.Next(1, 999)}";
            s.IncomingDate = date.AddDays(-_random.Next(1, 6));
        }
        else
        {
            Add(Outgoing, date, -1, client, age < 7 ? DocumentStatus.OnApproval : DocumentStatus.Executed, responsible,
                DocumentBank.OutgoingSubjects[_random.Next(DocumentBank.OutgoingSubjects.Length)]);
        }
    }

    /// <summary>A working day since 2020, more of them in later years (the business grows).</summary>
    private DateOnly RandomDay()
    {
        var span = Day.DayNumber - FirstDay.DayNumber;
        var day = FirstDay.AddDays((int)(span * Math.Pow(_random.NextDouble(), 0.8)));
        return day.DayOfWeek switch { DayOfWeek.Saturday => day.AddDays(-1), DayOfWeek.Sunday => day.AddDays(-2), _ => day };
    }

    /// <summary>The status of a later document under a signed contract: recent ones still on their way.</summary>
    private DocumentStatus Later(DateOnly on, DocumentStatus contract)
    {
        if (Day.DayNumber - on.DayNumber < 14)
            return _random.Next(3) switch { 0 => DocumentStatus.Draft, 1 => DocumentStatus.OnApproval, _ => DocumentStatus.Approved };
        return contract is DocumentStatus.Executed or DocumentStatus.Terminated ? DocumentStatus.Executed : contract;
    }

    /// <summary>Kopecks, log-uniform between two amounts in roubles, rounded to hundreds of roubles.</summary>
    private long Rubles(double from, double to)
    {
        var rubles = Math.Exp(Math.Log(from) + _random.NextDouble() * (Math.Log(to) - Math.Log(from)));
        return (long)Math.Round(rubles / 100) * 100 * Document.MinorPerUnit;
    }

    private static string Lower(string subject) => char.ToLowerInvariant(subject[0]) + subject[1..];

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>Registration order: by day, and within a day in the order planned (a parent before its children).</summary>
    private int[] Order()
    {
        var order = Enumerable.Range(0, _specs.Count).ToArray();
        Array.Sort(order, (a, b) => _specs[a].Date != _specs[b].Date ? _specs[a].Date.CompareTo(_specs[b].Date) : a.CompareTo(b));
        return order;
    }

    /// <summary>Ids (time-ordered, from the seed) and numbers in registration order; returns the counters.</summary>
    private Dictionary<(Guid Journal, string Scope), long> Number(int[] order, TypeInfo[] types)
    {
        var counters = new Dictionary<(Guid, string), long>();
        Span<byte> bytes = stackalloc byte[16];
        foreach (var i in order)
        {
            var s = _specs[i];
            // Working hours, 09:00–18:00 Moscow time.
            s.CreatedAt = s.Date.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc).AddSeconds(_random.Next(9 * 3600));
            _random.NextBytes(bytes);
            BinaryPrimitives.WriteInt64BigEndian(bytes, new DateTimeOffset(s.CreatedAt).ToUnixTimeMilliseconds() << 16 | (long)BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]));
            bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
            bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
            s.Id = new Guid(bytes, bigEndian: true);

            var type = types[s.Type];
            if (type.Pattern is null)
                continue;
            var parent = s.Parent >= 0 ? _specs[s.Parent] : null;
            var scope = NumberPattern.ScopeOf(type.Reset, s.Date, parent?.Id);
            var key = (type.JournalId!.Value, scope);
            var n = counters[key] = counters.GetValueOrDefault(key) + 1;
            s.Number = type.Pattern.Format(n, s.Date, parent?.Number, type.Code);
        }
        return counters;
    }

    private IEnumerable<object?[]> Rows(int[] order, TypeInfo[] types, (Guid Id, Guid? Responsible)[] clients, Guid ourCompany)
    {
        foreach (var i in order)
        {
            var s = _specs[i];
            var type = types[s.Type];
            var vat = s.Amount is { } a ? a * 22 / 122 : (long?)null;
            yield return
            [
                s.Id, type.Id, s.Number, NumberSortKey.Of(s.Number), s.Date, type.JournalId, s.Title, s.Title.ToUpperInvariant(), s.Summary,
                s.Client >= 0 ? clients[s.Client].Id : null, s.Type == Memo ? null : ourCompany,
                s.Parent >= 0 ? _specs[s.Parent].Id : null, _specs[s.Root].Id, s.Amount, s.Amount is null ? null : 22, vat, "RUB",
                s.SignedUs, s.SignedThem, s.ValidFrom, s.ValidTo, s.Responsible, s.Status.ToString(), s.IncomingNumber, s.IncomingDate,
                false, s.CreatedAt, s.Responsible, 1,
            ];
        }
    }

    private IEnumerable<object?[]> CoResponsibleRows()
    {
        foreach (var s in _specs)
        {
            if (s.CoResponsible is { } user)
                yield return [s.Id, user];
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    private sealed record TypeInfo(Guid Id, string Code, Guid? JournalId, NumberPattern? Pattern, CounterReset Reset);

    private static async Task<TypeInfo[]> ReadTypesAsync(DbConnection connection, CancellationToken ct)
    {
        var journals = new Dictionary<Guid, (string Pattern, CounterReset Reset)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"Id\", \"Pattern\", \"CounterReset\" FROM \"RegistrationJournals\"";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                journals[ReadGuid(reader, 0)] = (reader.GetString(1), Enum.Parse<CounterReset>(reader.GetString(2)));
        }
        var types = new Dictionary<string, TypeInfo>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"Id\", \"Code\", \"JournalId\" FROM \"DocumentTypes\"";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var journalId = reader.IsDBNull(2) ? (Guid?)null : ReadGuid(reader, 2);
                var journal = journalId is { } j ? journals[j] : default;
                types[reader.GetString(1)] = new TypeInfo(ReadGuid(reader, 0), reader.GetString(1), journalId,
                    journalId is null ? null : NumberPattern.Parse(journal.Pattern).Pattern, journal.Reset);
            }
        }
        return [.. Codes.Select(code => types.GetValueOrDefault(code)
            ?? throw new InvalidOperationException($"Document type '{code}' is missing: the server seeds it on an empty registry."))];
    }

    private static async Task<Guid[]> ReadUsersAsync(DbConnection connection, CancellationToken ct)
    {
        var users = new List<Guid>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"IsActive\"" + (connection is SqliteConnection ? " = 1" : "") + " AND \"UserName\" <> 'admin' ORDER BY \"UserName\"";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            users.Add(ReadGuid(reader, 0));
        return users.Count > 0 ? [.. users] : throw new InvalidOperationException("No users besides admin: run 'generate' first.");
    }

    private static async Task<(Guid Id, Guid? Responsible)[]> ReadClientsAsync(DbConnection connection, CancellationToken ct)
    {
        var clients = new List<(Guid, Guid?)>(1 << 20);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\", \"ResponsibleId\" FROM \"Counterparties\" ORDER BY \"Id\"";
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            clients.Add((ReadGuid(reader, 0), reader.IsDBNull(1) ? null : ReadGuid(reader, 1)));
        return [.. clients];
    }

    private async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        DbConnection connection = options.Server.Provider == "postgres" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static Action<long> Progress(string what, long total) =>
        done => Log($"  {what}: {done:N0} of {total:N0} ({100.0 * done / total:0}%)");

    private void Done(string what, Stopwatch phase, long rows)
    {
        _phases.Add((what, phase.Elapsed, rows));
        Log($"{what}: {phase.Elapsed.TotalSeconds:0.0} s");
    }

    private string Report(Dictionary<(Guid Journal, string Scope), long> counters)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"Generated documents on {options.Server.Provider} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC), seed {options.Seed}, up to {Day:yyyy-MM-dd}:",
            "",
            "| phase | rows | time | rows/s |",
            "|---|--:|--:|--:|",
        };
        foreach (var (phase, took, rows) in _phases)
            lines.Add($"| {phase} | {rows:N0} | {took.TotalSeconds:0.0} s | {(rows > 0 ? (rows / took.TotalSeconds).ToString("N0", c) : "")} |");
        lines.Add($"| **total** | | **{_clock.Elapsed.TotalSeconds:0.0} s** | |");
        lines.Add("");
        lines.Add("By type: " + string.Join(", ", _specs.GroupBy(s => Codes[s.Type]).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} {g.Count().ToString("N0", c)}")));
        lines.Add("");
        lines.Add("By type and status: " + string.Join(", ", _counts.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value.ToString("N0", c)}")));
        lines.Add("");
        lines.Add($"Counterparties with documents: {_specs.Where(s => s.Client >= 0).Select(s => s.Client).Distinct().Count().ToString("N0", c)}; "
            + $"journal counters: {counters.Count.ToString("N0", c)}; highest: "
            + string.Join(", ", _specs.Where(s => s.Parent < 0 && s.Number is not null).GroupBy(s => s.Type)
                .Select(g => g.OrderBy(s => s.Date).ThenBy(s => s.Ordinal).Last().Number)));
        return string.Join(Environment.NewLine, lines);
    }

}
