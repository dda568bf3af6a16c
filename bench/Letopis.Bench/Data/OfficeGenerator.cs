using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Letopis.Core.Correspondence;
using Letopis.Core.Crm;
using Letopis.Core.Documents;
using Letopis.Core.Execution;
using Letopis.Core.Paper;
using Microsoft.Data.Sqlite;
using Npgsql;

using static Letopis.Bench.Data.GeneratorDb;

namespace Letopis.Bench.Data;

/// <summary>
/// Fills a database with office work: office users in departments through the API (the server
/// migrates and seeds the document types on start), then in bulk with the writers of
/// <c>generate</c> three parts, each skipped when its rows are already there — execution control
/// (contracts with their plans of control points, the acts that close done stages, payments),
/// correspondence (incoming letters, one resolution each, assignments and their executor rows,
/// reports), paper (a storage tree, paper copies of the contracts, acts and letters, movements);
/// statistics. The instants follow the moment of generation.
/// </summary>
/// <remarks>
/// People: <c>office001</c>… ten to a department, the first of each its head; every fifth department
/// is a division, the four after it its sub-departments. One client holds <see cref="OfficeGenerateOptions.BigContracts"/>
/// contracts (the settlement scenario reads it); the other contracts go to the other clients.
/// Executors are chosen unevenly (some people get several times the assignments of others), as
/// holders of copies are evenly. «Today» is Moscow's. No history, timeline, reminder or search rows
/// are written.
/// </remarks>
public sealed class OfficeGenerator(OfficeGenerateOptions options)
{
    private const int Batch = 20_000;

    /// <summary>The login prefix of the office users; the scenarios sign in as them.</summary>
    public const string PersonPrefix = "office";

    private static readonly string[] DocumentColumns =
    [
        "Id", "TypeId", "Number", "NumberSortKey", "RegisteredOn", "JournalId", "Title", "TitleNormalized", "Summary", "CounterpartyId", "OurCompanyId",
        "ParentId", "RootId", "AmountMinor", "VatRate", "VatAmountMinor", "Currency", "SignedByUsOn", "SignedByCounterpartyOn",
        "ValidFrom", "ValidTo", "ResponsibleId", "Status", "IncomingNumber", "IncomingDate", "DeliveryMethod", "Pages", "AddresseeId",
        "Deleted", "CreatedAt", "CreatedById", "Version",
    ];

    private static readonly string[] CounterpartyColumns =
        ["Id", "Kind", "Name", "NameNormalized", "SortName", "NameKey", "FullName", "Inn", "Kpp", "Ogrn", "Phone", "Email", "ResponsibleId", "CreatedAt", "CreatedById", "Version"];

    private static readonly string[] PointColumns =
    [
        "Id", "DocumentId", "CounterpartyId", "Kind", "Title", "DueOn", "PlannedMinor", "PaidMinor", "ActedMinor", "ResponsibleId", "DepartmentId",
        "Status", "DoneOn", "ActRequired", "ClosingDocumentId", "MissReason", "Note", "Order", "CreatedAt", "CreatedById", "Version",
    ];

    private static readonly string[] PaymentColumns = ["Id", "ControlPointId", "DocumentId", "CounterpartyId", "AmountMinor", "PaidOn", "Note", "CreatedAt", "CreatedById"];

    private static readonly string[] ResolutionColumns = ["Id", "DocumentId", "AuthorId", "Text", "CreatedAt"];

    private static readonly string[] AssignmentColumns =
    [
        "Id", "DocumentId", "ResolutionId", "Number", "Text", "ExecutorId", "DepartmentId", "ControllerId", "AuthorId", "DueOn", "Status", "Closure",
        "ClosedAt", "ClosedById", "ReplyDocumentId", "ExtensionRequestedTo", "ExtensionReason", "CreatedAt", "Version",
    ];

    private static readonly string[] ExecutorColumns = ["AssignmentId", "UserId", "Lead", "Open", "DueOn"];

    private static readonly string[] ReportColumns = ["Id", "AssignmentId", "AuthorId", "Text", "At", "Outcome", "ReviewComment", "ReviewedAt", "ReviewedById"];

    private static readonly string[] PlaceColumns = ["Id", "Name", "ParentId", "Path", "Note", "CreatedAt", "Version"];

    private static readonly string[] CopyColumns =
    [
        "Id", "DocumentId", "Kind", "Number", "Owner", "State", "StoragePlaceId", "HolderId", "HolderDepartmentId", "OutSince", "DueBack", "Purpose",
        "SentMethod", "TrackingNumber", "Note", "CreatedAt", "CreatedById", "Version",
    ];

    private static readonly string[] MovementColumns =
    [
        "Id", "CopyId", "DocumentId", "Kind", "At", "ById", "HolderId", "Purpose", "DueBack", "ReturnedAt", "FromPlaceId", "ToPlaceId", "Method",
        "TrackingNumber", "Note",
    ];

    private static readonly string[] Divisions = ["Коммерческая дирекция", "Техническая дирекция", "Финансовая дирекция", "Административная дирекция"];

    private static readonly string[] SubDepartments = ["Отдел договоров", "Отдел продаж", "Отдел снабжения", "Отдел эксплуатации"];

    private static readonly string[] Works =
    [
        "подготовительные работы", "проектирование", "монтаж оборудования", "пусконаладочные работы", "строительно-монтажные работы",
        "поставка материалов", "обучение персонала", "сдача-приёмка", "техническое обслуживание", "гарантийные работы",
    ];

    private static readonly string[] MissReasons =
    [
        "Задержка поставки материалов у подрядчика", "Контрагент не подписал акт в срок", "Не поступила оплата от заказчика",
        "Перенос сроков по дополнительному соглашению", "Болезнь ответственного исполнителя", "Неблагоприятные погодные условия",
    ];

    private static readonly string?[] ResolutionTexts =
    [
        "Прошу рассмотреть и подготовить ответ", "В работу", "Подготовить предложения", "Прошу изучить и доложить",
        "Согласовать с юридическим отделом и ответить", "Для исполнения", null,
    ];

    private static readonly string[] AssignmentTexts =
    [
        "Подготовить проект ответа", "Проверить расчёты и доложить", "Провести сверку взаиморасчётов", "Запросить недостающие документы",
        "Подготовить коммерческое предложение", "Дать заключение по претензии", "Согласовать график поставки", "Обеспечить участие в совещании",
        "Подготовить справку для руководства", "Внести изменения в договор",
    ];

    private static readonly string[] ReportTexts =
    [
        "Ответ подготовлен и направлен на подпись", "Сверка проведена, расхождений нет", "Документы запрошены, получены",
        "Заключение подготовлено, прилагается", "Выполнено", "Вопрос согласован с контрагентом",
    ];

    private static readonly string[] Purposes =
    [
        "Для подготовки к судебному заседанию", "Для налоговой проверки", "Снять копию", "Для подписания дополнительного соглашения",
        "Для аудиторской проверки", "Для сверки с бухгалтерией", "Для предъявления в банк",
    ];

    private static readonly DeliveryMethod[] LetterMethods =
        [DeliveryMethod.Post, DeliveryMethod.Post, DeliveryMethod.Email, DeliveryMethod.Email, DeliveryMethod.Courier, DeliveryMethod.ByHand, DeliveryMethod.Edo];

    private readonly Random _random = new(options.Seed);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Phase, TimeSpan Took, long Rows)> _phases = [];
    private readonly Dictionary<string, long> _counts = [];
    private readonly DateTime _now = DateTime.UtcNow;

    // The company's day is Moscow's (UTC+3, no daylight saving).
    private DateOnly Today => DateOnly.FromDateTime(_now.AddHours(3));

    /// <summary>An office user and the department they belong to.</summary>
    private sealed record Person(Guid Id, Guid Department, bool Head);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var root = ServerProcess.FindRepoRoot();
        var dll = Path.GetFullPath(options.Server.ServerDll ?? ServerProcess.DefaultDll(root));
        var connectionString = DataGenerator.ConnectionString(options.Server);

        var phase = Stopwatch.StartNew();
        int created;
        await using (var server = await ServerProcess.StartAsync(dll, options.Server, ct))
        {
            Log($"server on {server.BaseAddress} migrated the schema and seeded the document types");
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new("Bearer", await server.GetTokenAsync(options.Server.AdminPassword, ct));
            created = await CreatePeopleAsync(http, connectionString, ct);
        }
        Done($"schema, document types, {options.People / 10} departments and {options.People} office users (server and API, {created} new)", phase, created);

        await using var db = await OpenAsync(connectionString, ct);
        var writer = options.Server.Provider == "postgres"
            ? (IBulkWriter)new PostgresBulkWriter((NpgsqlConnection)db)
            : new SqliteBulkWriter((SqliteConnection)db);

        phase.Restart();
        var people = await ReadPeopleAsync(db, ct);
        var types = await ReadTypesAsync(db, ct);
        var admin = (await ReadGuidsAsync(db, "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'admin'", ct))[0];
        Done($"read {people.Length} office users, {types.Count} document types", phase, 0);

        var wrote = false;
        if (await PartStateAsync(db, "execution", "ControlPoints", "ControlPayments", ct))
        {
            phase.Restart();
            var clients = await ClientsAsync(db, writer, people, admin, ct);
            Done($"{clients.Length:N0} clients", phase, 0);
            await ExecutionAsync(writer, types, people, clients, ct);
            wrote = true;
        }
        if (await PartStateAsync(db, "correspondence", "Resolutions", "AssignmentExecutors", ct))
        {
            var clients = await ReadGuidsAsync(db, "SELECT \"Id\" FROM \"Counterparties\" ORDER BY \"Id\" LIMIT 100000", ct);
            await CorrespondenceAsync(writer, types, people, clients, ct);
            wrote = true;
        }
        if (await PartStateAsync(db, "paper", "StoragePlaces", "PaperMovements", ct))
        {
            await PaperAsync(db, writer, types, people, ct);
            wrote = true;
        }

        if (wrote)
        {
            // As the other generators do: without it the server's first start builds the index before it answers.
            phase.Restart();
            var indexed = await DataGenerator.RebuildSearchAsync(options.Server.Provider, connectionString, ct);
            Done("search index (SearchIndex.RebuildAsync)", phase, indexed);
            phase.Restart();
            await writer.AnalyzeAsync(ct);
            Done("statistics (ANALYZE)", phase, 0);
        }
        Console.WriteLine(Report());
        return 0;
    }

    /// <summary>
    /// True when a part is still to be written: its first table is empty. A part whose first table
    /// holds rows but whose last does not was cut off in the middle and cannot be finished.
    /// </summary>
    private static async Task<bool> PartStateAsync(DbConnection db, string part, string first, string last, CancellationToken ct)
    {
        var started = await ScalarAsync<bool>(db, $"SELECT EXISTS (SELECT 1 FROM \"{first}\")", ct);
        var finished = await ScalarAsync<bool>(db, $"SELECT EXISTS (SELECT 1 FROM \"{last}\")", ct);
        if (started && !finished)
            throw new InvalidOperationException($"The {part} part was cut off between \"{first}\" and \"{last}\": generate into a fresh database.");
        if (finished)
            Log($"{part}: already generated, skipped");
        return !started;
    }

    // ---- people ------------------------------------------------------------------------------

    /// <summary>The login of office user <paramref name="n"/> (from 0).</summary>
    public static string Login(int n) => $"{PersonPrefix}{n + 1:000}";

    private static string DepartmentName(int d)
    {
        var division = d / 5 < Divisions.Length ? Divisions[d / 5] : $"Дирекция №{d / 5 + 1}";
        return (d % 5 == 0 ? division : $"{SubDepartments[d % 5 - 1]} ({division})") + " (делопроизводство)";
    }

    private async Task<int> CreatePeopleAsync(HttpClient http, string connectionString, CancellationToken ct)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        var departments = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using (var connection = await OpenAsync(connectionString, ct))
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT \"UserName\" FROM \"AspNetUsers\"";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    existing.Add(reader.GetString(0));
            }
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT \"Name\", \"Id\" FROM \"Departments\"";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    departments[reader.GetString(0)] = ReadGuid(reader, 1);
            }
        }
        var created = 0;
        var heads = new List<(Guid Department, string Login)>();
        for (var d = 0; d < options.People / 10; d++)
        {
            var name = DepartmentName(d);
            if (!departments.TryGetValue(name, out var department))
            {
                Guid? parent = d % 5 == 0 ? null : departments[DepartmentName(d - d % 5)];
                department = departments[name] = await PostAsync(http, "/api/v1/departments", new { name, parentId = parent }, ct);
            }
            heads.Add((department, Login(d * 10)));
            for (var k = 0; k < 10; k++)
            {
                var n = d * 10 + k;
                if (existing.Contains(Login(n)))
                    continue;
                await PostAsync(http, "/api/v1/users", new
                {
                    login = Login(n),
                    password = options.Server.AdminPassword,
                    fullName = n % 2 == 0
                        ? $"{NameBank.MaleSurnames[n % NameBank.MaleSurnames.Length]} {NameBank.MaleNames[n / 2 % NameBank.MaleNames.Length]}"
                        : $"{NameBank.MaleSurnames[n % NameBank.MaleSurnames.Length]}а {NameBank.FemaleNames[n / 2 % NameBank.FemaleNames.Length]}",
                    email = $"{Login(n)}@bench.example",
                    departmentId = department,
                    roles = new[] { "employee" },
                }, ct);
                created++;
                if (created % 50 == 0)
                    Log($"  office users: {created:N0}");
            }
        }
        // The first of each department heads it (written straight: the generator owns these departments).
        await using (var connection = await OpenAsync(connectionString, ct))
        {
            foreach (var (department, login) in heads)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE \"Departments\" SET \"HeadId\" = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"UserName\" = @login) WHERE \"Id\" = @id";
                Add(command, "login", login);
                Add(command, "id", connection is SqliteConnection ? department.ToString().ToUpperInvariant() : department);
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        return created;
    }

    private async Task<Person[]> ReadPeopleAsync(DbConnection db, CancellationToken ct)
    {
        var byLogin = new Dictionary<string, (Guid Id, Guid Department)>(StringComparer.Ordinal);
        await using (var command = db.CreateCommand())
        {
            command.CommandText = $"SELECT \"UserName\", \"Id\", \"DepartmentId\" FROM \"AspNetUsers\" WHERE \"UserName\" LIKE '{PersonPrefix}%'";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                byLogin[reader.GetString(0)] = (ReadGuid(reader, 1), ReadGuid(reader, 2));
        }
        return [.. Enumerable.Range(0, options.People).Select(n => byLogin.TryGetValue(Login(n), out var p)
            ? new Person(p.Id, p.Department, n % 10 == 0)
            : throw new InvalidOperationException($"{Login(n)} is missing."))];
    }

    /// <summary>
    /// Executors by weight: a person's share falls with their rank (1 / (rank + 20)), so the busiest
    /// get about ten times the assignments of the least busy, as in a real office.
    /// </summary>
    private static double[] Weights(int n) => [.. Enumerable.Range(0, n).Select(r => 1.0 / (r + 20))];

    private static int PickWeighted(Random random, double[] cumulative)
    {
        var x = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return i >= 0 ? i : Math.Min(~i, cumulative.Length - 1);
    }

    // ---- clients -----------------------------------------------------------------------------

    /// <summary>The clients of the contracts: those of the directory, or new ones when there are none; the first is the large client.</summary>
    private async Task<Guid[]> ClientsAsync(DbConnection db, IBulkWriter writer, Person[] people, Guid admin, CancellationToken ct)
    {
        var clients = await ReadGuidsAsync(db, "SELECT \"Id\" FROM \"Counterparties\" ORDER BY \"Id\" LIMIT 100000", ct);
        if (clients.Length >= 10)
            return clients;
        var ids = new Guid[options.Counterparties];
        await writer.WriteAsync("Counterparties", CounterpartyColumns, CounterpartyRows(ids, people, admin), Batch, Progress("clients", ids.Length), ct);
        return ids;
    }

    private IEnumerable<object?[]> CounterpartyRows(Guid[] ids, Person[] people, Guid admin)
    {
        var start = _now.AddYears(-6);
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i] = Guid.CreateVersion7();
            var body = i == 0
                ? "Крупный заказчик"
                : $"{NameBank.Roots[_random.Next(NameBank.Roots.Length)]}{NameBank.Tails[_random.Next(NameBank.Tails.Length)].ToLowerInvariant()}-{i}";
            var name = $"ООО «{body}»";
            // ИНН of their own range, apart from the directory's of 'generate'.
            var inn = Requisites.CompleteInn10((7_000_000_00 + i).ToString("D9", CultureInfo.InvariantCulture));
            var ogrn12 = (1_157_700_000_000L + i).ToString(CultureInfo.InvariantCulture);
            var ogrn = ogrn12 + (long.Parse(ogrn12, CultureInfo.InvariantCulture) % 11 % 10).ToString(CultureInfo.InvariantCulture);
            yield return
            [
                id, "Company", name, name.ToUpperInvariant(), CounterpartySortName.Of(name), FindDuplicates.CoreName(name),
                $"Общество с ограниченной ответственностью «{body}»", inn, $"{inn[..4]}01001", ogrn, $"+7495{7_000_000 + i:D7}",
                $"office{i}@client{i}.example", people[_random.Next(people.Length)].Id, start.AddMinutes(i * 7), admin, 1,
            ];
        }
    }

    // ---- execution control -------------------------------------------------------------------

    private async Task ExecutionAsync(IBulkWriter writer, Dictionary<string, Guid> types, Person[] people, Guid[] clients, CancellationToken ct)
    {
        var phase = Stopwatch.StartNew();
        var documents = new List<object?[]>(500_000);
        var points = new List<object?[]>(options.Points + 20);
        var payments = new List<object?[]>(options.Points / 3);
        var contract = 0;
        while (points.Count < options.Points)
        {
            var client = contract < options.BigContracts ? clients[0] : clients[1 + _random.Next(clients.Length - 1)];
            PlanContract(contract++, client, types, people, documents, points, payments, options.Points - points.Count);
        }
        Done($"planned {contract:N0} contracts, {points.Count:N0} control points, {payments.Count:N0} payments, {documents.Count - contract:N0} acts",
            phase, points.Count);

        phase.Restart();
        await writer.WriteAsync("Documents", DocumentColumns, documents, Batch, Progress("contracts and acts", documents.Count), ct);
        Done($"{documents.Count:N0} contracts and acts (indexes dropped, rows inserted, indexes rebuilt)", phase, documents.Count);
        phase.Restart();
        await writer.WriteAsync("ControlPoints", PointColumns, points, Batch, Progress("control points", points.Count), ct);
        Done($"{points.Count:N0} control points", phase, points.Count);
        phase.Restart();
        await writer.WriteAsync("ControlPayments", PaymentColumns, payments, Batch, Progress("payments", payments.Count), ct);
        Done($"{payments.Count:N0} payments", phase, payments.Count);
    }

    private void PlanContract(int n, Guid client, Dictionary<string, Guid> types, Person[] people, List<object?[]> documents,
        List<object?[]> points, List<object?[]> payments, int room)
    {
        var today = Today;
        var id = Guid.CreateVersion7();
        var responsible = people[_random.Next(people.Length)];
        var registered = today.AddDays(-_random.Next(0, 4 * 365));
        var validFrom = registered.AddDays(_random.Next(0, 10));
        var stages = _random.Next(2, 9);
        var interval = _random.Next(15, 61);
        var delivery = _random.Next(10) < 3;
        var total = (long)Math.Round(Math.Exp(Math.Log(100_000) + _random.NextDouble() * (Math.Log(50_000_000) - Math.Log(100_000)))) * 100;
        var share = total / stages / 100 * 100;
        var subject = DocumentBank.ContractSubjects[_random.Next(DocumentBank.ContractSubjects.Length)];
        var number = $"Д-{registered.Year}/{n + 1:000000}";
        var lastDue = validFrom.AddDays(interval * stages + 10);
        var validTo = lastDue.AddDays(30);
        var created = At(registered);
        documents.Add(Document(id, types[SeedDocumentTypes.Contract], number, registered, subject, client, null, id, total,
            registered.AddDays(_random.Next(0, 5)), registered.AddDays(_random.Next(3, 15)), validFrom, validTo, responsible.Id,
            validTo < today ? DocumentStatus.Executed : DocumentStatus.InForce, null, null, null, null, null, created));
        Count("contract");

        // The plan's money is on its payments (the settlement adds up planned amounts); a stage's value is its act's amount.
        var order = 0;
        void Point(ControlPointKind kind, string title, DateOnly due, long? planned, bool actRequired, Func<DateOnly?, (long Paid, long Acted, Guid? Closing)> close)
        {
            if (order >= room)
                return;
            var pointId = Guid.CreateVersion7();
            var past = due < today;
            var r = _random.Next(1000);
            var status = past
                ? r < 940 ? ControlPointStatus.Done : r < 950 ? ControlPointStatus.Cancelled : ControlPointStatus.Open
                : r < 80 ? ControlPointStatus.Done : ControlPointStatus.Open;
            DateOnly? doneOn = status == ControlPointStatus.Done ? Min(due.AddDays(_random.Next(-5, 11)), today) : null;
            var (paid, acted, closing) = status == ControlPointStatus.Cancelled ? (0L, 0L, (Guid?)null) : close(doneOn);
            var missReason = status == ControlPointStatus.Open && past && _random.Next(10) < 6
                ? MissReasons[_random.Next(MissReasons.Length)]
                : doneOn > due && _random.Next(2) == 0 ? MissReasons[_random.Next(MissReasons.Length)] : null;
            points.Add(
            [
                pointId, id, client, kind.ToString(), title, due, planned, paid, acted, responsible.Id, responsible.Department, status.ToString(), doneOn,
                actRequired, closing, missReason, null, order++, created, responsible.Id, 1,
            ]);
            Count($"point {kind} {status}{(status == ControlPointStatus.Open && past ? " overdue" : "")}");
            if (paid > 0)
            {
                // Paid in one go mostly, now and then in two parts.
                var paidOn = doneOn ?? Min(due, today);
                if (_random.Next(100) < 15 && paid >= 200)
                {
                    var first = paid / 2 / 100 * 100;
                    payments.Add([Guid.CreateVersion7(), pointId, id, client, first, paidOn.AddDays(-_random.Next(5, 30)), "Аванс", At(paidOn), responsible.Id]);
                    payments.Add([Guid.CreateVersion7(), pointId, id, client, paid - first, paidOn, null, At(paidOn), responsible.Id]);
                }
                else
                {
                    payments.Add([Guid.CreateVersion7(), pointId, id, client, paid, paidOn, $"Платёжное поручение № {_random.Next(100, 99999)}", At(paidOn), responsible.Id]);
                }
            }
        }

        for (var j = 1; j <= stages; j++)
        {
            var due = validFrom.AddDays(interval * j);
            var stageShare = j == stages ? total - share * (stages - 1) : share;
            var work = Works[_random.Next(Works.Length)];
            var stage = j;
            Point(delivery ? ControlPointKind.Delivery : ControlPointKind.Stage,
                delivery ? $"Поставка партии {j}" : $"Этап {j}: {work}", due, null, !delivery, doneOn =>
                {
                    // A done stage is closed by its act of completed work, but one in ten still lacks it.
                    if (delivery || doneOn is null || _random.Next(10) == 0)
                        return (0, 0, null);
                    var act = Guid.CreateVersion7();
                    documents.Add(Document(act, types[SeedDocumentTypes.Act], $"{number}/А-{stage}", doneOn.Value, $"Акт выполненных работ по этапу {stage}: {work}",
                        client, id, id, stageShare, null, null, null, null, responsible.Id, DocumentStatus.Signed, null, null, null, null, null, At(doneOn.Value)));
                    Count("act");
                    return (0, stageShare, act);
                });
            Point(ControlPointKind.Payment, $"Оплата {(delivery ? "партии" : "этапа")} {j}", due.AddDays(10), stageShare, false, doneOn =>
            {
                if (doneOn is not null)
                    return (stageShare, 0, null);
                // An open payment of the past is partly paid now and then.
                return due.AddDays(10) < today && _random.Next(10) < 3 ? (stageShare / 3 / 100 * 100, 0, null) : (0, 0, null);
            });
            if (j == 1 && _random.Next(4) == 0)
                Point(delivery ? ControlPointKind.Schedule : ControlPointKind.WorkOrder, delivery ? "График поставки" : "Заявка на выполнение работ",
                    validFrom.AddDays(5), null, false, _ => (0, 0, null));
        }
    }

    // ---- correspondence ----------------------------------------------------------------------

    private async Task CorrespondenceAsync(IBulkWriter writer, Dictionary<string, Guid> types, Person[] people, Guid[] clients, CancellationToken ct)
    {
        var phase = Stopwatch.StartNew();
        var letters = new List<object?[]>(options.Assignments / 2);
        var resolutions = new List<object?[]>(options.Assignments / 2);
        var assignments = new List<object?[]>(options.Assignments);
        var executors = new List<object?[]>(options.Assignments * 17 / 10);
        var reports = new List<object?[]>(options.Assignments / 10);
        var order = Enumerable.Range(0, people.Length).OrderBy(_ => _random.Next()).ToArray();
        var weights = Weights(people.Length);
        var cumulative = new double[people.Length];
        for (var i = 0; i < people.Length; i++)
            cumulative[i] = (i > 0 ? cumulative[i - 1] : 0) + weights[i];
        var heads = people.Where(p => p.Head).ToArray();
        var incoming = types[SeedDocumentTypes.IncomingLetter];
        var today = Today;
        var n = 0;
        while (assignments.Count < options.Assignments)
        {
            var letter = Guid.CreateVersion7();
            var resolution = Guid.CreateVersion7();
            var date = today.AddDays(-_random.Next(0, 4 * 365));
            var addressee = heads[_random.Next(heads.Length)];
            var client = clients.Length > 0 ? clients[_random.Next(clients.Length)] : (Guid?)null;
            var registered = At(date);
            var k = _random.Next(100) switch { < 25 => 1, < 60 => 2, < 85 => 3, _ => 4 };
            k = Math.Min(k, options.Assignments - assignments.Count);
            var open = false;
            for (var a = 1; a <= k; a++)
            {
                var id = Guid.CreateVersion7();
                var lead = people[order[PickWeighted(_random, cumulative)]];
                var co = new List<Person>();
                var extra = _random.Next(100) switch { < 55 => 0, < 85 => 1, _ => 2 };
                while (co.Count < extra)
                {
                    var p = people[_random.Next(people.Length)];
                    if (p != lead && !co.Contains(p))
                        co.Add(p);
                }
                var controller = _random.Next(100) < 65 ? addressee.Id : (Guid?)null;
                var due = date.AddDays(_random.Next(3, 21));
                var r = _random.Next(1000);
                var status = due >= today
                    ? r < 750 ? AssignmentStatus.Open : r < 850 ? AssignmentStatus.Reported : AssignmentStatus.Done
                    : due >= today.AddDays(-30)
                        ? r < 120 ? AssignmentStatus.Open : r < 170 ? AssignmentStatus.Reported : r < 990 ? AssignmentStatus.Done : AssignmentStatus.Cancelled
                        : r < 3 ? AssignmentStatus.Open : r < 990 ? AssignmentStatus.Done : AssignmentStatus.Cancelled;
                if (status == AssignmentStatus.Reported && controller is null)
                    status = AssignmentStatus.Done;
                var closed = status is AssignmentStatus.Done or AssignmentStatus.Cancelled;
                var closedAt = closed ? Min(At(due.AddDays(_random.Next(-5, 4))), _now.AddMinutes(-_random.Next(5, 600))) : (DateTime?)null;
                if (closedAt < registered)
                    closedAt = registered.AddHours(2);
                AssignmentClosure? closure = status == AssignmentStatus.Done ? controller is null ? AssignmentClosure.Reported : AssignmentClosure.Accepted : null;
                Guid? closedBy = status switch
                {
                    AssignmentStatus.Done => controller ?? lead.Id,
                    AssignmentStatus.Cancelled => addressee.Id,
                    _ => null,
                };
                var extension = status == AssignmentStatus.Open && _random.Next(100) < 3;
                assignments.Add(
                [
                    id, letter, resolution, a, AssignmentTexts[_random.Next(AssignmentTexts.Length)], lead.Id, lead.Department, controller, addressee.Id, due,
                    status.ToString(), closure?.ToString(), closedAt, closedBy, null, extension ? due.AddDays(_random.Next(5, 15)) : null,
                    extension ? "Ожидаем документы от контрагента" : null, registered.AddHours(3), 1,
                ]);
                var isOpen = status is AssignmentStatus.Open or AssignmentStatus.Reported;
                open |= isOpen;
                Count($"assignment {status}{(isOpen && due < today ? " overdue" : "")}");
                executors.Add([id, lead.Id, true, isOpen, due]);
                foreach (var p in co)
                    executors.Add([id, p.Id, false, isOpen, due]);

                // Reports: the one waiting for the controller, and those of the last quarter's done assignments.
                if (status == AssignmentStatus.Reported)
                {
                    reports.Add([Guid.CreateVersion7(), id, lead.Id, ReportTexts[_random.Next(ReportTexts.Length)], Min(registered.AddDays(_random.Next(1, 10)), _now.AddMinutes(-30)),
                        null, null, null, null]);
                }
                else if (status == AssignmentStatus.Done && closedAt > _now.AddDays(-90))
                {
                    reports.Add([Guid.CreateVersion7(), id, lead.Id, ReportTexts[_random.Next(ReportTexts.Length)], closedAt.Value.AddHours(-2),
                        controller is null ? null : AssignmentReportOutcome.Accepted.ToString(), null, controller is null ? null : closedAt, controller]);
                }
            }
            n++;
            var subject = DocumentBank.IncomingSubjects[_random.Next(DocumentBank.IncomingSubjects.Length)];
            letters.Add(Document(letter, incoming, $"Вх-{date.Year}/{n:000000}", date, subject, client, null, letter, null, null, null, null, null,
                addressee.Id, open ? DocumentStatus.Draft : DocumentStatus.Executed, $"{_random.Next(1, 999)}/{_random.Next(10, 99)}",
                date.AddDays(-_random.Next(1, 8)), LetterMethods[_random.Next(LetterMethods.Length)], _random.Next(1, 13), addressee.Id, registered));
            resolutions.Add([resolution, letter, addressee.Id, ResolutionTexts[_random.Next(ResolutionTexts.Length)], registered.AddHours(2)]);
        }
        Done($"planned {letters.Count:N0} incoming letters, {assignments.Count:N0} assignments, {executors.Count:N0} executor rows, {reports.Count:N0} reports",
            phase, assignments.Count);

        phase.Restart();
        await writer.WriteAsync("Documents", DocumentColumns, letters, Batch, Progress("incoming letters", letters.Count), ct);
        Done($"{letters.Count:N0} incoming letters (indexes dropped, rows inserted, indexes rebuilt)", phase, letters.Count);
        phase.Restart();
        await writer.WriteAsync("Resolutions", ResolutionColumns, resolutions, Batch, Progress("resolutions", resolutions.Count), ct);
        await writer.WriteAsync("Assignments", AssignmentColumns, assignments, Batch, Progress("assignments", assignments.Count), ct);
        await writer.WriteAsync("AssignmentReports", ReportColumns, reports, Batch, Progress("reports", reports.Count), ct);
        Done($"{resolutions.Count:N0} resolutions, {assignments.Count:N0} assignments, {reports.Count:N0} reports", phase, resolutions.Count + assignments.Count + reports.Count);
        phase.Restart();
        await writer.WriteAsync("AssignmentExecutors", ExecutorColumns, executors, Batch, Progress("executor rows", executors.Count), ct);
        Done($"{executors.Count:N0} executor rows", phase, executors.Count);
    }

    // ---- paper -------------------------------------------------------------------------------

    private async Task PaperAsync(DbConnection db, IBulkWriter writer, Dictionary<string, Guid> types, Person[] people, CancellationToken ct)
    {
        var phase = Stopwatch.StartNew();
        var contract = types[SeedDocumentTypes.Contract];
        var act = types[SeedDocumentTypes.Act];
        var letter = types[SeedDocumentTypes.IncomingLetter];
        var documents = new List<(Guid Id, Guid Type, DateOnly On, Guid? Responsible)>(1_500_000);
        await using (var command = db.CreateCommand())
        {
            command.CommandTimeout = 0;
            command.CommandText = "SELECT \"Id\", \"TypeId\", \"RegisteredOn\", \"ResponsibleId\" FROM \"Documents\" WHERE \"TypeId\" IN (@c, @a, @l) ORDER BY \"Id\"";
            var sqlite = db is SqliteConnection;
            Add(command, "c", sqlite ? contract.ToString().ToUpperInvariant() : contract);
            Add(command, "a", sqlite ? act.ToString().ToUpperInvariant() : act);
            Add(command, "l", sqlite ? letter.ToString().ToUpperInvariant() : letter);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var on = reader.GetFieldType(2) == typeof(DateOnly) ? reader.GetFieldValue<DateOnly>(2) : DateOnly.FromDateTime(reader.GetDateTime(2));
                documents.Add((ReadGuid(reader, 0), ReadGuid(reader, 1), on, reader.IsDBNull(3) ? null : ReadGuid(reader, 3)));
            }
        }
        if (documents.Count == 0)
            throw new InvalidOperationException("No contracts, acts or incoming letters to keep paper copies of.");
        Done($"read {documents.Count:N0} contracts, acts and incoming letters", phase, 0);

        phase.Restart();
        var (places, folders) = PlanPlaces();
        await writer.WriteAsync("StoragePlaces", PlaceColumns, places, Batch, _ => { }, ct);
        Done($"storage tree: {places.Count:N0} places, {folders.Length:N0} folders", phase, places.Count);

        phase.Restart();
        var copies = new List<object?[]>(options.Copies);
        var movements = new List<object?[]>(options.Copies * 5 / 4);
        var numbers = new int[documents.Count];
        for (var pass = 0; copies.Count < options.Copies; pass++)
        {
            if (pass > 1 && documents.All(d => d.Type == letter))
                throw new InvalidOperationException($"{documents.Count:N0} incoming letters hold at most two copies each: fewer than {options.Copies:N0}.");
            for (var i = 0; i < documents.Count && copies.Count < options.Copies; i++)
            {
                var d = documents[i];
                // The first pass: the original of every document (and the counterparty's of some contracts); then copies.
                if (pass == 0)
                {
                    PlanCopy(d.Id, d.Type == contract, d.On, ++numbers[i], PaperCopyKind.Original, PaperCopyOwner.Ours, folders, people, copies, movements);
                    if (d.Type == contract && _random.Next(10) == 0 && copies.Count < options.Copies)
                        PlanCopy(d.Id, true, d.On, ++numbers[i], PaperCopyKind.Original, PaperCopyOwner.Counterparty, folders, people, copies, movements);
                }
                else if (d.Type != letter || pass == 1)
                {
                    PlanCopy(d.Id, d.Type == contract, d.On, ++numbers[i], PaperCopyKind.Copy, PaperCopyOwner.Ours, folders, people, copies, movements);
                }
            }
        }
        Done($"planned {copies.Count:N0} paper copies and {movements.Count:N0} movements", phase, copies.Count);

        phase.Restart();
        await writer.WriteAsync("PaperCopies", CopyColumns, copies, Batch, Progress("paper copies", copies.Count), ct);
        Done($"{copies.Count:N0} paper copies (indexes dropped, rows inserted, indexes rebuilt)", phase, copies.Count);
        phase.Restart();
        await writer.WriteAsync("PaperMovements", MovementColumns, movements, Batch, Progress("movements", movements.Count), ct);
        Done($"{movements.Count:N0} movements", phase, movements.Count);
    }

    /// <summary>Офис → Архив → Шкаф 1…40 → Полка 1…5 → six folders each; and the office's in-tray.</summary>
    private (List<object?[]> Places, Guid[] Folders) PlanPlaces()
    {
        var places = new List<object?[]>();
        var folders = new List<Guid>();
        var created = _now.AddYears(-5);
        Guid Place(string name, Guid? parent, string path)
        {
            var id = Guid.CreateVersion7();
            places.Add([id, name, parent, path, null, created, 1]);
            return id;
        }
        const string Sep = StoragePlace.Separator;
        var office = Place("Офис", null, "Офис");
        var archive = Place("Архив", office, "Офис" + Sep + "Архив");
        Place("Канцелярия", office, "Офис" + Sep + "Канцелярия");
        string[] kinds = ["Договоры", "Акты", "Входящие", "Договоры", "Акты", "Переписка"];
        for (var c = 1; c <= 40; c++)
        {
            var cabinetPath = $"Офис{Sep}Архив{Sep}Шкаф {c}";
            var cabinet = Place($"Шкаф {c}", archive, cabinetPath);
            for (var s = 1; s <= 5; s++)
            {
                var shelf = Place($"Полка {s}", cabinet, $"{cabinetPath}{Sep}Полка {s}");
                for (var f = 1; f <= 6; f++)
                {
                    var name = $"Папка «{kinds[f - 1]} {2022 + (c + s + f) % 5}» №{(c - 1) * 30 + (s - 1) * 6 + f}";
                    folders.Add(Place(name, shelf, $"{cabinetPath}{Sep}Полка {s}{Sep}{name}"));
                }
            }
        }
        return (places, [.. folders]);
    }

    private void PlanCopy(Guid document, bool contract, DateOnly on, int number, PaperCopyKind kind, PaperCopyOwner owner, Guid[] folders,
        Person[] people, List<object?[]> copies, List<object?[]> movements)
    {
        var id = Guid.CreateVersion7();
        var today = Today;
        var folder = folders[_random.Next(folders.Length)];
        var created = Min(At(on.AddDays(_random.Next(0, 4))), _now.AddMinutes(-_random.Next(10, 600)));
        var clerk = people[_random.Next(people.Length)].Id;
        movements.Add(Movement(id, document, PaperMovementKind.Placed, created, clerk, null, null, null, null, null, folder, null, null));
        var r = _random.Next(1000);
        // A counterparty's original of a recent contract is on its way to them; otherwise 3 % out, 1 % sent.
        var sent = owner == PaperCopyOwner.Counterparty ? on > today.AddDays(-60) : contract && r >= 970 && r < 980;
        var @out = !sent && r < 30 && created < _now.AddDays(-1);
        var state = sent ? PaperCopyState.Sent : @out ? PaperCopyState.Out : PaperCopyState.InPlace;
        Person? holder = null;
        DateTime? outSince = null;
        DateOnly? dueBack = null;
        string? purpose = null;
        DeliveryMethod? method = null;
        string? tracking = null;

        // Some copies went out and came back before.
        if (_random.Next(100) < 8 && created < _now.AddDays(-60))
        {
            var lent = created.AddDays(_random.Next(1, Math.Max(2, (int)(_now - created).TotalDays - 40)));
            var back = lent.AddDays(_random.Next(1, 30));
            var who = people[_random.Next(people.Length)];
            movements.Add(Movement(id, document, PaperMovementKind.HandedOut, lent, clerk, who.Id, Purposes[_random.Next(Purposes.Length)],
                DateOnly.FromDateTime(lent).AddDays(_random.Next(3, 30)), back, folder, null, null, null));
            movements.Add(Movement(id, document, PaperMovementKind.Returned, back, clerk, who.Id, null, null, null, null, folder, null, null));
        }
        if (state == PaperCopyState.Out)
        {
            holder = people[_random.Next(people.Length)];
            outSince = Max(_now.AddDays(-_random.NextDouble() * 30), created.AddHours(1));
            dueBack = DateOnly.FromDateTime(outSince.Value).AddDays(_random.Next(5, 31));
            purpose = Purposes[_random.Next(Purposes.Length)];
            movements.Add(Movement(id, document, PaperMovementKind.HandedOut, outSince.Value, clerk, holder.Id, purpose, dueBack, null, folder, null, null, null));
            Count(dueBack < today ? "copy out overdue" : "copy out");
        }
        else if (state == PaperCopyState.Sent)
        {
            method = _random.Next(2) == 0 ? DeliveryMethod.Courier : DeliveryMethod.Post;
            tracking = method == DeliveryMethod.Post ? $"RA{_random.Next(100_000_000, 999_999_999)}RU" : $"CDEK-{_random.Next(10_000_000, 99_999_999)}";
            outSince = Max(_now.AddDays(-_random.NextDouble() * 20), created.AddHours(1));
            movements.Add(Movement(id, document, PaperMovementKind.Sent, outSince.Value, clerk, null, null, null, null, folder, null, method, tracking));
            Count("copy sent");
        }
        else
        {
            Count("copy in place");
        }
        copies.Add(
        [
            id, document, kind.ToString(), number, owner.ToString(), state.ToString(), folder, holder?.Id, holder?.Department, outSince, dueBack, purpose,
            method?.ToString(), tracking, null, created, clerk, 1,
        ]);
    }

    private static object?[] Movement(Guid copy, Guid document, PaperMovementKind kind, DateTime at, Guid by, Guid? holder, string? purpose, DateOnly? dueBack,
        DateTime? returnedAt, Guid? from, Guid? to, DeliveryMethod? method, string? tracking) =>
        [Guid.CreateVersion7(), copy, document, kind.ToString(), at, by, holder, purpose, dueBack, returnedAt, from, to, method?.ToString(), tracking, null];

    // ---- rows --------------------------------------------------------------------------------

    private static object?[] Document(Guid id, Guid type, string number, DateOnly registered, string title, Guid? counterparty, Guid? parent, Guid root,
        long? amount, DateOnly? signedByUs, DateOnly? signedByCounterparty, DateOnly? validFrom, DateOnly? validTo, Guid responsible, DocumentStatus status,
        string? incomingNumber, DateOnly? incomingDate, DeliveryMethod? delivery, int? pages, Guid? addressee, DateTime created) =>
    [
        id, type, number, NumberSortKey.Of(number), registered, null, title, title.ToUpperInvariant(), null, counterparty, null,
        parent, root, amount, amount is null ? null : 20, amount is null ? null : amount * 20 / 120, "RUB", signedByUs, signedByCounterparty,
        validFrom, validTo, responsible, status.ToString(), incomingNumber, incomingDate, delivery?.ToString(), pages, addressee,
        false, created, responsible, 1,
    ];

    /// <summary>A working hour of the day, never later than now.</summary>
    private DateTime At(DateOnly day) =>
        Min(day.ToDateTime(new TimeOnly(6 + _random.Next(9), _random.Next(60)), DateTimeKind.Utc), _now.AddMinutes(-_random.Next(1, 120)));

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    // ---- reading -----------------------------------------------------------------------------

    private static async Task<Dictionary<string, Guid>> ReadTypesAsync(DbConnection connection, CancellationToken ct)
    {
        var types = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Code\", \"Id\" FROM \"DocumentTypes\"";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            types[reader.GetString(0)] = ReadGuid(reader, 1);
        foreach (var code in new[] { SeedDocumentTypes.Contract, SeedDocumentTypes.Act, SeedDocumentTypes.IncomingLetter })
        {
            if (!types.ContainsKey(code))
                throw new InvalidOperationException($"The document type {code} is not seeded.");
        }
        return types;
    }

    private async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        DbConnection connection = options.Server.Provider == "postgres" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task<Guid> PostAsync(HttpClient http, string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return Guid.Parse((string)JsonNode.Parse(text)!["id"]!);
    }

    private void Count(string key) => _counts[key] = _counts.GetValueOrDefault(key) + 1;

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
            $"Generated office work on {options.Server.Provider} ({_now:yyyy-MM-dd HH:mm} UTC), seed {options.Seed}:",
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
