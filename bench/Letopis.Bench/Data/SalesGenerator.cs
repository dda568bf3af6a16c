using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Letopis.Core.Search;
using Letopis.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

using static Letopis.Bench.Data.GeneratorDb;

namespace Letopis.Bench.Data;

/// <summary>
/// Adds leads and deals to a database that <c>generate</c> has filled with a directory: two more deal
/// pipelines through the API (the server seeds the lead stages and «Продажи» on start), then the
/// leads, deals, their contact persons and line items in bulk with the same writers as
/// <c>generate</c>, the board totals, the search rows of both, statistics. Deterministic for a seed
/// and day (ids included).
/// </summary>
/// <remarks>
/// Leads: a third still open (most in the first stage, recent), the rest closed in the outcome stage,
/// junk with a reason or converted (a converted lead points at a counterparty, a contact person and,
/// for some, the deal made from it); one in twelve is a repeat lead of an existing client. Every open
/// lead carries a company name, a valid ИНН no counterparty has, a contact name, a phone and an
/// e-mail no one else has, so that converting it into contact + company + deal needs nothing more.
/// Deals: half in «Продажи», the rest in «Тендеры» and «Сервис»; 60 % open, 25 % won, 15 % lost (with
/// a reason); a counterparty of the directory as the client (its manager responsible), half with a
/// contact person, half with one to three line items whose sum is the deal's amount.
/// No history or timeline rows are written.
/// </remarks>
public sealed class SalesGenerator(SalesGenerateOptions options)
{
    private const int Batch = 20_000;

    private static readonly string[] LeadColumns =
    [
        "Id", "Title", "TitleNormalized", "SourceId", "ContactName", "Phone", "Email", "CompanyName", "Inn", "Comment", "ResponsibleId",
        "StageId", "Status", "JunkReasonId", "JunkComment", "RepeatCounterpartyId", "RepeatContactId", "ContactId", "CompanyId", "DealId",
        "ClosedAt", "ClosedById", "StageChangedAt", "CreatedAt", "CreatedById", "Version",
    ];

    private static readonly string[] DealColumns =
    [
        "Id", "Title", "TitleNormalized", "PipelineId", "StageId", "AmountMinor", "Currency", "ExpectedCloseOn", "ResponsibleId", "CompanyId",
        "SourceId", "LeadId", "LostReasonId", "LostComment", "Comment", "StageChangedAt", "ClosedAt", "CreatedAt", "CreatedById", "Version",
    ];

    private static readonly string[] ItemColumns = ["Id", "DealId", "Order", "Name", "QuantityMilli", "Unit", "PriceMinor", "VatRate", "AmountMinor", "VatMinor"];

    private static readonly string[] LeadTitles =
    [
        "Заявка с сайта", "Входящий звонок", "Письмо на info@", "Визитка с выставки", "Запрос КП", "Заявка на расчёт сметы",
        "Запрос прайс-листа", "Обратный звонок", "Заявка из рассылки", "Рекомендация клиента",
    ];

    private static readonly string[] DealSubjects =
    [
        "Поставка бетона М300", "Поставка арматуры А500С", "Монтаж металлоконструкций", "Устройство кровли", "Фасадные работы",
        "Аренда башенного крана", "Поставка кирпича", "Проектирование сетей", "Электромонтажные работы", "Благоустройство территории",
        "Сервисное обслуживание техники", "Поставка сэндвич-панелей", "Устройство фундамента", "Остекление", "Поставка щебня",
    ];

    private static readonly (string Name, string Unit, long Price)[] Goods =
    [
        ("Бетон М300 (В22,5)", "м³", 6_450_00), ("Арматура А500С 12 мм", "т", 68_900_00), ("Кирпич М150 полнотелый", "тыс. шт.", 18_500_00),
        ("Щебень гранитный 20–40", "т", 1_950_00), ("Монтаж металлоконструкций", "т", 32_000_00), ("Сэндвич-панель 150 мм", "м²", 2_780_00),
        ("Аренда крана КБ-403", "смена", 45_000_00), ("Проектные работы", "усл.", 250_000_00), ("Доставка", "рейс", 12_500_00),
    ];

    private static readonly (string Name, string[] Stages)[] ExtraPipelines =
    [
        ("Тендеры", ["Поиск тендера", "Подготовка заявки", "Заявка подана", "Рассмотрение", "Подписание контракта"]),
        ("Сервис", ["Обращение", "Диагностика", "Согласование сметы", "Выполнение работ"]),
    ];

    private readonly Random _random = new(options.Seed);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Phase, TimeSpan Took, long Rows)> _phases = [];
    private readonly Dictionary<string, long> _counts = [];

    private DateOnly Day => options.Server.Day;

    private DateTime End => Day.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var root = ServerProcess.FindRepoRoot();
        var dll = Path.GetFullPath(options.Server.ServerDll ?? ServerProcess.DefaultDll(root));
        var connectionString = DataGenerator.ConnectionString(options.Server);

        var phase = Stopwatch.StartNew();
        await using (var server = await ServerProcess.StartAsync(dll, options.Server, ct))
        {
            Log($"server on {server.BaseAddress} migrated the schema and seeded the lead stages and «{SeedSales.SalesPipeline}»");
            await using (var connection = await OpenAsync(connectionString, ct))
            {
                if (await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM \"Counterparties\"", ct) == 0)
                    throw new InvalidOperationException("The database has no counterparties: run 'generate' on it first.");
                if (await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM \"Leads\") OR EXISTS (SELECT 1 FROM \"Deals\")", ct))
                    throw new InvalidOperationException("The database already holds leads or deals: generate into one without them.");
            }
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new("Bearer", await server.GetTokenAsync(options.Server.AdminPassword, ct));
            foreach (var (name, open) in ExtraPipelines)
            {
                using var response = await http.PostAsJsonAsync("/api/v1/pipelines", new { name, stages = open }, ct);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"POST /api/v1/pipelines answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        }
        Done("schema, lead stages, three deal pipelines (server and API)", phase, ExtraPipelines.Length);

        await using var db = await OpenAsync(connectionString, ct);
        var writer = options.Server.Provider == "postgres"
            ? (IBulkWriter)new PostgresBulkWriter((NpgsqlConnection)db)
            : new SqliteBulkWriter((SqliteConnection)db);

        phase.Restart();
        var users = await ReadGuidsAsync(db, "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"UserName\" <> 'admin' ORDER BY \"UserName\"", ct);
        var stages = await ReadStagesAsync(db, ct);
        var sources = await ReadBookAsync(db, ReferenceBook.AdSource, ct);
        var junkReasons = await ReadBookAsync(db, ReferenceBook.JunkReason, ct);
        var lostReasons = await ReadBookAsync(db, ReferenceBook.LostReason, ct);
        var clients = await ReadClientsAsync(db, ct);
        var contacts = await ReadGuidsAsync(db, "SELECT \"ContactId\" FROM \"CounterpartyContacts\" ORDER BY \"ContactId\"", ct);
        if (users.Length == 0)
            throw new InvalidOperationException("No users besides admin: run 'generate' first.");
        Done($"read {users.Length} users, {stages.Count} stages, {clients.Length:N0} counterparties, {contacts.Length:N0} linked contact persons", phase, 0);

        phase.Restart();
        var leadIds = Ids(options.Leads);
        var dealIds = Ids(options.Deals);
        var deals = PlanDeals(dealIds, stages, clients, contacts, sources, lostReasons, users, leadIds);
        var leads = PlanLeads(leadIds, stages, clients, contacts, sources, junkReasons, users, deals);
        Done($"planned {leads.Count:N0} leads and {deals.Count:N0} deals", phase, leads.Count + deals.Count);

        phase.Restart();
        await writer.WriteAsync("Deals", DealColumns, deals.Select(d => d.Row), Batch, Progress("deals", deals.Count), ct);
        var items = deals.SelectMany(d => d.Items).ToList();
        await writer.WriteAsync("DealItems", ItemColumns, items, Batch, _ => { }, ct);
        var links = deals.Where(d => d.Contact is not null).Select(d => new object?[] { d.Id, d.Contact, 0 }).ToList();
        await writer.WriteAsync("DealContacts", ["DealId", "ContactId", "Order"], links, Batch, _ => { }, ct);
        Done($"deals, {items.Count:N0} line items, {links.Count:N0} contact links (indexes dropped, rows inserted, indexes rebuilt)", phase, deals.Count + items.Count + links.Count);

        phase.Restart();
        await writer.WriteAsync("Leads", LeadColumns, leads, Batch, Progress("leads", leads.Count), ct);
        Done("leads (indexes dropped, rows inserted, indexes rebuilt)", phase, leads.Count);

        phase.Restart();
        await using (var context = Context(connectionString))
            await StageTotals.RecountAsync(context, ct);
        Done("board totals (StageTotals.RecountAsync)", phase, stages.Count);

        phase.Restart();
        var indexed = 0;
        foreach (var kind in new[] { "lead", "deal" })
            indexed += await DocumentGenerator.IndexKindAsync(options.Server.Provider, connectionString, kind, ct);
        Done("search index of the leads and deals (their search sources, in batches)", phase, indexed);

        phase.Restart();
        await writer.AnalyzeAsync(ct);
        Done("statistics (ANALYZE)", phase, 0);

        Console.WriteLine(Report());
        return 0;
    }

    private LetopisDb Context(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<LetopisDb>();
        DatabaseRegistration.Configure(builder, options.Server.Provider, connectionString);
        var db = new LetopisDb(builder.Options);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        return db;
    }

    // ---- planning ----------------------------------------------------------------------------

    private sealed record StageInfo(Guid Id, Guid PipelineId, string Pipeline, bool LeadPipeline, int Order, string Semantic);

    private sealed record PlannedDeal(Guid Id, object?[] Row, List<object?[]> Items, Guid? Contact, Guid? LeadId, Guid? Company, bool Open);

    private Guid[] Ids(int count)
    {
        // Version 7 ids from the generator's own random source: deterministic, and in key order as they are made.
        var ids = new Guid[count];
        var start = new DateTimeOffset(End.AddYears(-3));
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            _random.NextBytes(bytes);
            var ms = start.ToUnixTimeMilliseconds() + i;
            bytes[0] = (byte)(ms >> 40);
            bytes[1] = (byte)(ms >> 32);
            bytes[2] = (byte)(ms >> 24);
            bytes[3] = (byte)(ms >> 16);
            bytes[4] = (byte)(ms >> 8);
            bytes[5] = (byte)ms;
            bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
            bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
            ids[i] = new Guid(bytes, bigEndian: true);
        }
        return ids;
    }

    private List<PlannedDeal> PlanDeals(
        Guid[] ids, List<StageInfo> stages, (Guid Id, Guid? Responsible)[] clients, Guid[] contacts, Guid[] sources, Guid[] lostReasons,
        Guid[] users, Guid[] leadIds)
    {
        var pipelines = stages.Where(s => !s.LeadPipeline).GroupBy(s => s.PipelineId)
            .Select(g => g.OrderBy(s => s.Order).ToArray()).OrderBy(p => p[0].Pipeline == SeedSales.SalesPipeline ? 0 : 1).ToArray();
        if (pipelines.Length < 3)
            throw new InvalidOperationException("Three deal pipelines were expected.");
        var result = new List<PlannedDeal>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            var p = _random.Next(100) switch { < 50 => 0, < 80 => 1, _ => 2 };
            var pipeline = pipelines[p];
            var open = pipeline.Where(s => s.Semantic == "Open").ToArray();
            var r = _random.Next(100);
            var stage = r < 60 ? open[(int)(open.Length * Math.Pow(_random.NextDouble(), 1.6))]
                : r < 85 ? pipeline.Single(s => s.Semantic == "Won") : pipeline.Single(s => s.Semantic == "Lost");
            var isOpen = stage.Semantic == "Open";
            var created = Created(isOpen ? 120 : 3 * 365);
            var client = clients[_random.Next(clients.Length)];
            var responsible = _random.Next(100) < 85 && client.Responsible is { } manager ? manager : users[_random.Next(users.Length)];
            var subject = DealSubjects[_random.Next(DealSubjects.Length)];
            var items = new List<object?[]>();
            long amount;
            if (_random.Next(2) == 0)
            {
                amount = 0;
                var count = _random.Next(1, 4);
                for (var k = 0; k < count; k++)
                {
                    var good = Goods[_random.Next(Goods.Length)];
                    var quantityMilli = (long)_random.Next(1, 400) * 500;
                    var sum = (long)Math.Round(good.Price * (decimal)quantityMilli / 1000m, MidpointRounding.AwayFromZero);
                    var vat = (long)Math.Round(sum * 22m / 122m, MidpointRounding.AwayFromZero);
                    items.Add([Guid.CreateVersion7(), ids[i], k, good.Name, quantityMilli, good.Unit, good.Price, 22, sum, vat]);
                    amount += sum;
                }
            }
            else
            {
                amount = (long)Math.Round(Math.Exp(Math.Log(50_000) + _random.NextDouble() * (Math.Log(20_000_000) - Math.Log(50_000))) / 100) * 100 * 100;
            }
            Guid? contact = _random.Next(2) == 0 && contacts.Length > 0 ? contacts[_random.Next(contacts.Length)] : null;
            // A third of the deals came from a lead (the leads' plan links them back).
            Guid? lead = _random.Next(3) == 0 ? leadIds[_random.Next(leadIds.Length)] : null;
            var changed = created.AddHours(_random.Next(0, 24 * 30));
            if (changed > End)
                changed = End;
            DateTime? closed = isOpen ? null : changed;
            result.Add(new PlannedDeal(ids[i],
            [
                ids[i], subject, subject.ToUpperInvariant(), stage.PipelineId, stage.Id, amount, "RUB",
                isOpen ? DateOnly.FromDateTime(changed).AddDays(_random.Next(5, 90)) : null, responsible, client.Id,
                _random.Next(3) == 0 ? sources[_random.Next(sources.Length)] : null, lead,
                stage.Semantic == "Lost" ? lostReasons[_random.Next(lostReasons.Length)] : null, null, null,
                changed, closed, created, responsible, 1,
            ], items, contact, lead, client.Id, isOpen));
            Count($"deal {pipeline[0].Pipeline} {stage.Semantic}");
        }
        return result;
    }

    private List<object?[]> PlanLeads(
        Guid[] ids, List<StageInfo> stages, (Guid Id, Guid? Responsible)[] clients, Guid[] contacts, Guid[] sources, Guid[] junkReasons,
        Guid[] users, List<PlannedDeal> deals)
    {
        var leadStages = stages.Where(s => s.LeadPipeline).OrderBy(s => s.Order).ToArray();
        var open = leadStages.Where(s => s.Semantic == "Open").ToArray();
        var outcome = leadStages.Single(s => s.Semantic == "Outcome");
        var fromLead = new Dictionary<Guid, PlannedDeal>();
        foreach (var d in deals)
        {
            if (d.LeadId is { } l)
                fromLead.TryAdd(l, d);
        }
        var rows = new List<object?[]>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            var converted = fromLead.TryGetValue(id, out var deal);
            var r = _random.Next(100);
            var status = converted ? "Converted" : r < 36 ? "Open" : r < 68 ? "Junk" : "Converted";
            var stage = status == "Open" ? open[(int)(open.Length * Math.Pow(_random.NextDouble(), 1.8))] : outcome;
            var created = Created(status == "Open" ? 60 : 3 * 365);
            var responsible = users[_random.Next(users.Length)];
            var repeat = status != "Open" && _random.Next(12) == 0 ? clients[_random.Next(clients.Length)] : default;
            var surname = NameBank.MaleSurnames[_random.Next(NameBank.MaleSurnames.Length)];
            var person = $"{surname} {NameBank.MaleNames[_random.Next(NameBank.MaleNames.Length)]}";
            var company = $"ООО «{NameBank.Roots[_random.Next(NameBank.Roots.Length)]}{NameBank.Tails[_random.Next(NameBank.Tails.Length)]}»";
            // ИНН, phones and e-mails of their own: the directory's are 10000000xx…, +7495…, +79…
            var inn = Requisites.CompleteInn10((500_000_000 + i).ToString("D9", CultureInfo.InvariantCulture));
            var title = $"{LeadTitles[_random.Next(LeadTitles.Length)]}: {company}";
            var changed = created.AddHours(_random.Next(0, 24 * 14));
            if (changed > End)
                changed = End;
            var closed = status == "Open" ? (DateTime?)null : changed;
            Guid? createdCompany = converted ? deal!.Company : status == "Converted" ? clients[_random.Next(clients.Length)].Id : null;
            Guid? createdContact = converted ? deal!.Contact : status == "Converted" && contacts.Length > 0 ? contacts[_random.Next(contacts.Length)] : null;
            rows.Add(
            [
                id, title, title.ToUpperInvariant(), _random.Next(4) > 0 ? sources[_random.Next(sources.Length)] : null, person,
                $"+7812{3_000_000 + i:D7}", $"lead{i}@client.example", company, inn, null, responsible,
                stage.Id, status, status == "Junk" ? junkReasons[_random.Next(junkReasons.Length)] : null, null,
                repeat.Id == Guid.Empty ? null : repeat.Id, null, createdContact, createdCompany, converted ? deal!.Id : null,
                closed, closed is null ? null : responsible, changed, created, responsible, 1,
            ]);
            Count($"lead {status}");
        }
        return rows;
    }

    /// <summary>An instant within the last <paramref name="days"/> days, more of them lately, in working hours.</summary>
    private DateTime Created(int days)
    {
        var back = days * Math.Pow(_random.NextDouble(), 1.5);
        var at = End.AddDays(-back);
        return new DateTime(at.Year, at.Month, at.Day, 6 + _random.Next(0, 10), _random.Next(60), _random.Next(60), DateTimeKind.Utc);
    }

    private void Count(string key) => _counts[key] = _counts.GetValueOrDefault(key) + 1;

    // ---- reading ----------------------------------------------------------------------------

    private static async Task<List<StageInfo>> ReadStagesAsync(DbConnection connection, CancellationToken ct)
    {
        var stages = new List<StageInfo>();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s."Id", s."PipelineId", p."Name", p."Kind", s."Order", s."Semantic"
            FROM "PipelineStages" s JOIN "Pipelines" p ON p."Id" = s."PipelineId" ORDER BY p."Name", s."Order"
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            stages.Add(new StageInfo(ReadGuid(reader, 0), ReadGuid(reader, 1), reader.GetString(2), reader.GetString(3) == "Lead", reader.GetInt32(4), reader.GetString(5)));
        return stages;
    }

    private static Task<Guid[]> ReadBookAsync(DbConnection connection, ReferenceBook book, CancellationToken ct) =>
        ReadGuidsAsync(connection, $"SELECT \"Id\" FROM \"ReferenceItems\" WHERE \"Book\" = '{book}' ORDER BY \"Name\"", ct);

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

    private string Report()
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"Generated leads and deals on {options.Server.Provider} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC), seed {options.Seed}, up to {Day:yyyy-MM-dd}:",
            "",
            "| phase | rows | time | rows/s |",
            "|---|--:|--:|--:|",
        };
        foreach (var (phase, took, rows) in _phases)
            lines.Add($"| {phase} | {rows:N0} | {took.TotalSeconds:0.0} s | {(rows > 0 ? (rows / took.TotalSeconds).ToString("N0", c) : "")} |");
        lines.Add($"| **total** | | **{_clock.Elapsed.TotalSeconds:0.0} s** | |");
        lines.Add("");
        lines.Add("Counts: " + string.Join(", ", _counts.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value.ToString("N0", c)}")));
        return string.Join(Environment.NewLine, lines);
    }

}
