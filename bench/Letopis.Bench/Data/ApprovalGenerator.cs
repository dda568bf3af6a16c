using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Letopis.Core.Approvals;
using Letopis.Core.Documents;
using Letopis.Infrastructure.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

using static Letopis.Bench.Data.GeneratorDb;

namespace Letopis.Bench.Data;

/// <summary>
/// Fills a database with approval routes: approver users in departments through the API (the
/// server migrates and seeds the document types on start), then in bulk with the writers of
/// <c>generate</c> a published scheme for four document types, documents with one file each (one
/// shared blob), 100,000 running routes with their stage rows and tasks, and approved routes of the
/// past until there are 1,000,000 tasks; statistics. The instants follow the moment of generation
/// (deadlines are spread around it), so two runs with one seed differ in a few hundred tasks.
/// </summary>
/// <remarks>
/// People: <c>approver001</c>… ten to a department, the first of each its head. Department 1 is the
/// legal office, 2 accounting, 3 the management (the director heads it, the financial director is its
/// second); documents belong to the people of the other departments, whose heads approve them
/// (<see cref="ApproverKind.ResponsibleHead"/>). A running route stands on one stage, the earlier ones
/// approved (one of three lawyers for «any», two of three accountants for «2 of 3», a late decision with
/// its delay reason now and then), the later ones pending. On the active stage exactly one more
/// approval completes it: the single approver of «all», any of the three of «any», the third
/// accountant of «2 of 3» when one has approved. Deadlines of the active stages lie from two days
/// ago to six days ahead, so about a fifth are overdue. No history, timeline, reminder or search rows
/// are written.
/// </remarks>
public sealed class ApprovalGenerator(ApprovalGenerateOptions options)
{
    private const int Batch = 20_000;

    /// <summary>The login prefix of the approvers; the scenarios sign in as them.</summary>
    public const string ApproverPrefix = "approver";

    private static readonly string[] DocumentColumns =
    [
        "Id", "TypeId", "Number", "NumberSortKey", "RegisteredOn", "JournalId", "Title", "TitleNormalized", "Summary", "CounterpartyId", "OurCompanyId",
        "ParentId", "RootId", "AmountMinor", "VatRate", "VatAmountMinor", "Currency", "SignedByUsOn", "SignedByCounterpartyOn",
        "ValidFrom", "ValidTo", "ResponsibleId", "Status", "IncomingNumber", "IncomingDate", "Deleted", "CreatedAt", "CreatedById", "Version",
    ];

    private static readonly string[] FileColumns = ["Id", "DocumentId", "Name", "CurrentVersion", "CreatedAt", "Deleted"];

    private static readonly string[] FileVersionColumns =
        ["Id", "FileId", "Version", "Name", "Size", "Sha256", "ContentType", "BlobKey", "UploadedById", "UploadedAt", "Comment"];

    private static readonly string[] RouteColumns =
    [
        "Id", "DocumentId", "SchemeId", "SchemeVersionId", "SchemeVersionNumber", "Status", "CurrentStage", "Round", "StartedAt", "StartedById",
        "FinishedAt", "Outcome", "Version",
    ];

    private static readonly string[] StageColumns = ["Id", "RouteId", "Index", "Key", "Name", "Mode", "Required", "Days", "Status", "StartedAt", "DueAt", "FinishedAt"];

    private static readonly string[] TaskColumns =
    [
        "Id", "RouteId", "StageId", "DocumentId", "AssigneeId", "OriginalAssigneeId", "Unresolved", "Round", "Status", "ReceivedAt", "DueAt",
        "DecidedAt", "DecidedById", "OnBehalfOfId", "Comment", "DelayReason", "DelegatedById", "DelegationComment", "Version",
    ];

    private static readonly string[] DepartmentNames =
    [
        "Юридический отдел", "Бухгалтерия", "Дирекция", "Отдел продаж", "Отдел снабжения", "Производственный отдел", "Отдел капитального строительства",
        "Сметный отдел", "Отдел главного механика", "Служба логистики", "Отдел кадров", "Отдел ИТ", "Отдел маркетинга", "Планово-экономический отдел",
        "Отдел охраны труда", "Отдел качества",
    ];

    private static readonly string[] DelayReasons =
    [
        "Был в командировке", "Ждал ответа контрагента по спорному пункту", "Болел", "Запросил заключение службы безопасности",
        "Не было оригинала приложения", "Совещание у генерального директора весь день",
    ];

    private static readonly Dictionary<string, string[]> Subjects = new()
    {
        [SeedDocumentTypes.Contract] = ["Договор поставки бетона", "Договор подряда на монтаж", "Договор аренды техники", "Договор оказания услуг", "Договор поставки металлопроката"],
        [SeedDocumentTypes.SupplementaryAgreement] = ["Дополнительное соглашение о продлении срока", "Дополнительное соглашение об изменении цены", "Дополнительное соглашение о порядке оплаты"],
        [SeedDocumentTypes.Act] = ["Акт выполненных работ", "Акт сдачи-приёмки услуг", "Акт приёмки оборудования"],
        [SeedDocumentTypes.Invoice] = ["Счёт на оплату поставки", "Счёт на аванс", "Счёт за аренду", "Счёт за услуги связи"],
    };

    private readonly Random _random = new(options.Seed);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Phase, TimeSpan Took, long Rows)> _phases = [];
    private readonly Dictionary<string, long> _counts = [];
    private readonly DateTime _now = DateTime.UtcNow;

    /// <summary>One document type's published scheme and the stage definitions, with whom each stage names.</summary>
    private sealed record Scheme(string Code, string TypeName, Guid TypeId, Guid Id, Guid VersionId, ApprovalDefinition Definition, int Weight);

    /// <summary>The people the schemes and documents use.</summary>
    private sealed record People(Guid[] All, Guid[] Heads, Guid[] Lawyers, Guid[] Accountants, Guid Director, Guid FinanceDirector, Guid[] Authors, Dictionary<Guid, Guid> HeadOf);

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
            await using (var connection = await OpenAsync(connectionString, ct))
            {
                if (await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM \"ApprovalRoutes\") OR EXISTS (SELECT 1 FROM \"ApprovalSchemes\")", ct))
                    throw new InvalidOperationException("The database already holds approval schemes or routes: generate into one without them.");
            }
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new("Bearer", await server.GetTokenAsync(options.Server.AdminPassword, ct));
            created = await CreateUsersAsync(http, connectionString, ct);
        }
        Done($"schema, document types, {options.Approvers / 10} departments and {options.Approvers} approvers (server and API, {created} new)", phase, created);

        await using var db = await OpenAsync(connectionString, ct);
        var writer = options.Server.Provider == "postgres"
            ? (IBulkWriter)new PostgresBulkWriter((NpgsqlConnection)db)
            : new SqliteBulkWriter((SqliteConnection)db);

        phase.Restart();
        var people = await ReadPeopleAsync(db, ct);
        var types = await ReadTypesAsync(db, ct);
        var counterparties = await ReadGuidsAsync(db, "SELECT \"Id\" FROM \"Counterparties\" ORDER BY \"Id\" LIMIT 100000", ct);
        Done($"read {people.All.Length} approvers, {types.Count} document types, {counterparties.Length:N0} counterparties", phase, 0);

        phase.Restart();
        var schemes = Schemes(types, people);
        var admin = (await ReadGuidsAsync(db, "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'admin'", ct))[0];
        await writer.WriteAsync("ApprovalSchemes",
            ["Id", "DocumentTypeId", "Name", "Draft", "DraftUpdatedAt", "DraftUpdatedById", "PublishedVersion", "PublishedVersionId", "CreatedAt", "CreatedById", "Version"],
            schemes.Select(s => new object?[] { s.Id, s.TypeId, $"Согласование: {s.TypeName}", null, null, null, 1, s.VersionId, _now.AddYears(-2), admin, 1 }),
            Batch, _ => { }, ct);
        await writer.WriteAsync("ApprovalSchemeVersions", ["Id", "SchemeId", "Number", "Definition", "Comment", "PublishedAt", "PublishedById"],
            schemes.Select(s => new object?[] { s.VersionId, s.Id, 1, s.Definition.ToJson(), "Первая версия", _now.AddYears(-2), admin }),
            Batch, _ => { }, ct);
        Done("four published schemes (contract, supplementary agreement, act, invoice)", phase, schemes.Count * 2);

        phase.Restart();
        var plan = new Plan();
        for (var i = 0; i < options.Routes; i++)
            PlanRoute(plan, Pick(schemes), people, counterparties, running: true);
        var running = plan.Tasks.Count;
        while (plan.Tasks.Count < options.Tasks)
            PlanRoute(plan, Pick(schemes), people, counterparties, running: false);
        Done($"planned {options.Routes:N0} running routes ({running:N0} tasks) and {plan.Routes.Count - options.Routes:N0} approved ones, {plan.Tasks.Count:N0} tasks in all",
            phase, plan.Tasks.Count);

        phase.Restart();
        var blob = await PutBlobAsync(ct);
        await writer.WriteAsync("Documents", DocumentColumns, plan.Documents, Batch, Progress("documents", plan.Documents.Count), ct);
        await writer.WriteAsync("DocumentFiles", FileColumns, plan.Documents.Select(d => FileRow(d)), Batch, _ => { }, ct);
        await writer.WriteAsync("DocumentFileVersions", FileVersionColumns, plan.Documents.Select(d => FileVersionRow(d, blob)), Batch, _ => { }, ct);
        Done($"{plan.Documents.Count:N0} documents with a file each (one shared blob)", phase, plan.Documents.Count * 3L);

        phase.Restart();
        await writer.WriteAsync("ApprovalRoutes", RouteColumns, plan.Routes, Batch, Progress("routes", plan.Routes.Count), ct);
        await writer.WriteAsync("ApprovalRouteStages", StageColumns, plan.Stages, Batch, Progress("stages", plan.Stages.Count), ct);
        Done($"{plan.Routes.Count:N0} routes and {plan.Stages.Count:N0} stage rows (indexes dropped, rows inserted, indexes rebuilt)", phase, plan.Routes.Count + plan.Stages.Count);

        phase.Restart();
        await writer.WriteAsync("ApprovalTasks", TaskColumns, plan.Tasks, Batch, Progress("tasks", plan.Tasks.Count), ct);
        Done($"{plan.Tasks.Count:N0} tasks (indexes dropped, rows inserted, indexes rebuilt)", phase, plan.Tasks.Count);

        phase.Restart();
        await writer.AnalyzeAsync(ct);
        Done("statistics (ANALYZE)", phase, 0);

        Console.WriteLine(Report());
        return 0;
    }

    // ---- people ------------------------------------------------------------------------------

    private async Task<int> CreateUsersAsync(HttpClient http, string connectionString, CancellationToken ct)
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
        for (var d = 0; d < options.Approvers / 10; d++)
        {
            var name = DepartmentName(d);
            if (!departments.TryGetValue(name, out var department))
                department = departments[name] = await PostAsync(http, "/api/v1/departments", new { name }, ct);
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
                    Log($"  approvers: {created:N0}");
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

    /// <summary>The login of approver <paramref name="n"/> (from 0).</summary>
    public static string Login(int n) => $"{ApproverPrefix}{n + 1:000}";

    private static string DepartmentName(int d) =>
        (d < DepartmentNames.Length ? DepartmentNames[d] : $"{DepartmentNames[3 + d % (DepartmentNames.Length - 3)]} №{d / (DepartmentNames.Length - 3) + 1}") + " (согласование)";

    private async Task<People> ReadPeopleAsync(DbConnection db, CancellationToken ct)
    {
        var byLogin = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using (var command = db.CreateCommand())
        {
            command.CommandText = $"SELECT \"UserName\", \"Id\" FROM \"AspNetUsers\" WHERE \"UserName\" LIKE '{ApproverPrefix}%'";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                byLogin[reader.GetString(0)] = ReadGuid(reader, 1);
        }
        var all = Enumerable.Range(0, options.Approvers).Select(n => byLogin.TryGetValue(Login(n), out var id) ? id
            : throw new InvalidOperationException($"{Login(n)} is missing.")).ToArray();
        var heads = Enumerable.Range(0, options.Approvers / 10).Select(d => all[d * 10]).ToArray();
        var headOf = new Dictionary<Guid, Guid>();
        var authors = new List<Guid>();
        for (var n = 0; n < all.Length; n++)
        {
            headOf[all[n]] = heads[n / 10];
            if (n >= 30 && n % 10 != 0)
                authors.Add(all[n]);
        }
        return new People(all, heads, [.. all[1..10]], [.. all[11..20]], all[20], all[21], [.. authors], headOf);
    }

    // ---- schemes -----------------------------------------------------------------------------

    private List<Scheme> Schemes(Dictionary<string, (Guid Id, string Name)> types, People p)
    {
        static ApproverRule User(Guid id) => new(ApproverKind.User, UserId: id);
        var head = new ApprovalStageDefinition
        {
            Key = "head",
            Name = "Руководитель подразделения",
            Approvers = [new ApproverRule(ApproverKind.ResponsibleHead)],
            Mode = ApprovalMode.All,
            Days = 2,
        };
        ApprovalStageDefinition Legal(int from) => new()
        {
            Key = "legal",
            Name = "Юридическая служба",
            Approvers = [.. p.Lawyers[from..(from + 3)].Select(User)],
            Mode = ApprovalMode.Any,
            Days = 3,
            NotifyOnOverdue = [p.Heads[0]],
        };
        ApprovalStageDefinition Accounting(int from, ApprovalMode mode) => new()
        {
            Key = "accounting",
            Name = "Бухгалтерия",
            Approvers = [.. p.Accountants[from..(from + 3)].Select(User)],
            Mode = mode,
            Quorum = mode == ApprovalMode.Quorum ? 2 : null,
            Days = 2,
            NotifyOnOverdue = [p.Heads[1]],
        };
        ApprovalStageDefinition Director(Guid who, string name, decimal above) => new()
        {
            Key = "director",
            Name = name,
            Approvers = [User(who)],
            Mode = ApprovalMode.All,
            Days = 2,
            Condition = new StageCondition(ConditionField.Amount, ConditionOperator.Greater, above),
        };
        var definitions = new (string Code, ApprovalStageDefinition[] Stages, int Weight)[]
        {
            (SeedDocumentTypes.Contract, [head, Legal(0), Accounting(0, ApprovalMode.Quorum), Director(p.Director, "Генеральный директор", 1_000_000m)], 30),
            (SeedDocumentTypes.SupplementaryAgreement, [head, Legal(3), Director(p.Director, "Генеральный директор", 1_000_000m)], 15),
            (SeedDocumentTypes.Act, [
                new ApprovalStageDefinition { Key = "responsible", Name = "Ответственный", Approvers = [new ApproverRule(ApproverKind.Responsible)], Mode = ApprovalMode.All, Days = 1 },
                head, Accounting(3, ApprovalMode.Any)], 30),
            (SeedDocumentTypes.Invoice, [head, Accounting(6, ApprovalMode.Quorum), Director(p.FinanceDirector, "Финансовый директор", 500_000m)], 25),
        };
        return [.. definitions.Select(d =>
        {
            var type = types.TryGetValue(d.Code, out var t) ? t : throw new InvalidOperationException($"The document type {d.Code} is not seeded.");
            return new Scheme(d.Code, type.Name, type.Id, Guid.CreateVersion7(), Guid.CreateVersion7(),
                new ApprovalDefinition { Stages = d.Stages, Rework = ReworkPolicy.NotYetApproved }, d.Weight);
        })];
    }

    private Scheme Pick(List<Scheme> schemes)
    {
        var r = _random.Next(schemes.Sum(s => s.Weight));
        foreach (var s in schemes)
        {
            if (r < s.Weight)
                return s;
            r -= s.Weight;
        }
        return schemes[^1];
    }

    // ---- planning ----------------------------------------------------------------------------

    private sealed class Plan
    {
        public List<object?[]> Documents { get; } = new(200_000);

        public List<object?[]> Routes { get; } = new(200_000);

        public List<object?[]> Stages { get; } = new(700_000);

        public List<object?[]> Tasks { get; } = new(1_100_000);
    }

    /// <summary>The people a stage resolves to for a document, as the engine would.</summary>
    private static Guid[] Approvers(ApprovalStageDefinition stage, Guid responsible, People p) =>
        [.. stage.Approvers.Select(a => a.Kind switch
        {
            ApproverKind.User => a.UserId!.Value,
            ApproverKind.ResponsibleHead => p.HeadOf[responsible],
            ApproverKind.Responsible => responsible,
            _ => throw new InvalidOperationException($"The generator does not resolve {a.Kind}."),
        })];

    private void PlanRoute(Plan plan, Scheme scheme, People p, Guid[] counterparties, bool running)
    {
        var documentId = Guid.CreateVersion7();
        var routeId = Guid.CreateVersion7();
        var author = p.Authors[_random.Next(p.Authors.Length)];
        var amount = (long)Math.Round(Math.Exp(Math.Log(10_000) + _random.NextDouble() * (Math.Log(5_000_000) - Math.Log(10_000)))) * 100;
        var stages = scheme.Definition.Stages;
        var applies = stages.Select(s => ApprovalDefinition.Applies(s.Condition, amount)).ToArray();
        var applicable = Enumerable.Range(0, stages.Count).Where(i => applies[i]).ToArray();
        // A running route stands on one of its applicable stages; a finished one went through all.
        var current = running ? applicable[_random.Next(applicable.Length)] : stages.Count;
        var today = _now.Date;

        // The active stage's deadline from two days ago to six days ahead; the earlier stages back from its start.
        DateTime stageStart;
        DateTime activeDue = default;
        if (running)
        {
            activeDue = today.AddDays(_random.Next(-2, 7)).AddDays(1).AddTicks(-1);
            stageStart = Min(activeDue.AddDays(-stages[current].Days * 1.4 - 1).Date.AddHours(6 + _random.Next(10)).AddMinutes(_random.Next(60)), _now.AddMinutes(-5));
        }
        else
        {
            stageStart = today.AddDays(-_random.Next(20, 700)).AddHours(6 + _random.Next(10)).AddMinutes(_random.Next(60));
        }
        // Walk back over the approved stages to find each one's start (running) or forward (finished).
        var starts = new DateTime[stages.Count + 1];
        var ends = new DateTime[stages.Count + 1];
        if (running)
        {
            var at = stageStart;
            starts[current] = stageStart;
            for (var i = current - 1; i >= 0; i--)
            {
                ends[i] = at;
                at = applies[i] ? at.AddHours(-(2 + _random.NextDouble() * 60)) : at;
                starts[i] = at;
            }
        }
        else
        {
            var at = stageStart;
            for (var i = 0; i < stages.Count; i++)
            {
                starts[i] = at;
                at = applies[i] ? at.AddHours(2 + _random.NextDouble() * 60) : at;
                ends[i] = at;
            }
        }
        var routeStarted = starts[0];

        var type = scheme.Code;
        var subjects = Subjects[type];
        var title = $"{subjects[_random.Next(subjects.Length)]} ({NameBank.MaleSurnames[_random.Next(NameBank.MaleSurnames.Length)]})";
        Guid? counterparty = counterparties.Length > 0 ? counterparties[_random.Next(counterparties.Length)] : null;
        var status = running ? DocumentStatus.OnApproval : DocumentStatus.Approved;
        plan.Documents.Add(
        [
            documentId, scheme.TypeId, null, null, DateOnly.FromDateTime(routeStarted), null, title, title.ToUpperInvariant(), null, counterparty, null,
            null, documentId, amount, 22, amount * 22 / 122, "RUB", null, null, null, null, author, status.ToString(), null, null,
            false, routeStarted.AddHours(-1), author, running ? 2 : 3,
        ]);
        Count($"document {status}");

        plan.Routes.Add(
        [
            routeId, documentId, scheme.Id, scheme.VersionId, 1, (running ? ApprovalRouteStatus.Running : ApprovalRouteStatus.Approved).ToString(),
            running ? current : stages.Count - 1, 1, routeStarted, author, running ? null : ends[stages.Count - 1], null, running ? current + 1 : stages.Count + 1,
        ]);
        Count(running ? "route Running" : "route Approved");

        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var stageId = Guid.CreateVersion7();
            var people = Approvers(stage, author, p);
            var required = stage.Mode switch { ApprovalMode.All => people.Length, ApprovalMode.Any => 1, _ => stage.Quorum!.Value };
            ApprovalStageStatus stageStatus;
            DateTime? started = null, due = null, finished = null;
            if (!applies[i] && i < current)
            {
                stageStatus = ApprovalStageStatus.Skipped;
                finished = starts[i];
            }
            else if (i < current)
            {
                stageStatus = ApprovalStageStatus.Approved;
                started = starts[i];
                due = EndOfDay(starts[i].AddDays(stage.Days * 1.4));
                finished = ends[i];
            }
            else if (i == current)
            {
                stageStatus = ApprovalStageStatus.Active;
                started = starts[i];
                due = activeDue;
            }
            else
            {
                stageStatus = ApprovalStageStatus.Pending;
            }
            plan.Stages.Add([stageId, routeId, i, stage.Key, stage.Name, stage.Mode.ToString(), required, stage.Days, stageStatus.ToString(), started, due, finished]);

            if (stageStatus == ApprovalStageStatus.Approved)
            {
                // The approvers who decided: everyone of «all», one of «any», the quorum of «N of M»; the rest closed.
                var deciders = stage.Mode == ApprovalMode.All ? people.Length : required;
                var order = people.OrderBy(_ => _random.Next()).ToArray();
                for (var k = 0; k < order.Length; k++)
                {
                    if (k < deciders)
                    {
                        var decided = k == deciders - 1 ? finished!.Value : started!.Value.AddMinutes(_random.Next(5, Math.Max(6, (int)(finished!.Value - started.Value).TotalMinutes)));
                        var late = decided > due!.Value;
                        plan.Tasks.Add(Task(routeId, stageId, documentId, order[k], ApprovalTaskStatus.Approved, started!.Value, due.Value, decided,
                            _random.Next(8) == 0 ? "Согласовано, замечаний нет" : null, late ? DelayReasons[_random.Next(DelayReasons.Length)] : null));
                        Count(late ? "task Approved late" : "task Approved");
                    }
                    else
                    {
                        plan.Tasks.Add(Task(routeId, stageId, documentId, order[k], ApprovalTaskStatus.Closed, started!.Value, due!.Value, null, null, null));
                        Count("task Closed");
                    }
                }
            }
            else if (stageStatus == ApprovalStageStatus.Active)
            {
                // One more approval completes the stage: «N of M» has N − 1 approvals already.
                var order = people.OrderBy(_ => _random.Next()).ToArray();
                var already = stage.Mode == ApprovalMode.Quorum ? required - 1 : 0;
                for (var k = 0; k < order.Length; k++)
                {
                    if (k < already)
                    {
                        var decided = Min(started!.Value.AddMinutes(_random.Next(5, 24 * 60)), _now.AddMinutes(-1));
                        plan.Tasks.Add(Task(routeId, stageId, documentId, order[k], ApprovalTaskStatus.Approved, started.Value, due!.Value, decided, null, null));
                        Count("task Approved");
                    }
                    else
                    {
                        plan.Tasks.Add(Task(routeId, stageId, documentId, order[k], ApprovalTaskStatus.Pending, started!.Value, due!.Value, null, null, null));
                        Count(due!.Value < _now ? "task Pending overdue" : "task Pending");
                    }
                }
            }
        }
    }

    private object?[] Task(Guid route, Guid stage, Guid document, Guid assignee, ApprovalTaskStatus status, DateTime received, DateTime due,
        DateTime? decided, string? comment, string? delayReason) =>
    [
        Guid.CreateVersion7(), route, stage, document, assignee, assignee, null, 1, status.ToString(), received, due,
        decided, decided is null ? null : assignee, null, comment, delayReason, null, null, status == ApprovalTaskStatus.Pending ? 1 : 2,
    ];

    private static DateTime EndOfDay(DateTime at) => at.Date.AddDays(1).AddTicks(-1);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    // ---- files -------------------------------------------------------------------------------

    private const string FileName = "документ.pdf";

    private static readonly byte[] FileBytes = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private static readonly string FileSha = Convert.ToHexStringLower(SHA256.HashData(FileBytes));

    /// <summary>The one blob every generated file version points at (in the data folder on SQLite; PostgreSQL runs take a fresh one).</summary>
    private async Task<string> PutBlobAsync(CancellationToken ct)
    {
        var key = "bench-approvals-" + FileSha[..16];
        if (options.Server.DataDir is { } dir)
        {
            var store = new FileSystemBlobStore(Path.Combine(dir, "files"));
            using var content = new MemoryStream(FileBytes);
            await store.PutAsync(key, content, ct);
        }
        return key;
    }

    private static object?[] FileRow(object?[] document) =>
        [FileId((Guid)document[0]!), document[0], FileName, 1, document[26], false];

    private static object?[] FileVersionRow(object?[] document, string blob) =>
        [FileId((Guid)document[0]!, 1), FileId((Guid)document[0]!), 1, FileName, (long)FileBytes.Length, FileSha, "application/pdf", blob, document[27], document[26], null];

    /// <summary>A file's (or its version's) id made from the document's: no table of them needs to be kept.</summary>
    private static Guid FileId(Guid document, byte salt = 0)
    {
        Span<byte> bytes = stackalloc byte[16];
        document.TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[15] ^= (byte)(0x5A + salt);
        bytes[14] ^= (byte)(0xA5 + salt);
        return new Guid(bytes, bigEndian: true);
    }

    // ---- reading -----------------------------------------------------------------------------

    private static async Task<Dictionary<string, (Guid Id, string Name)>> ReadTypesAsync(DbConnection connection, CancellationToken ct)
    {
        var types = new Dictionary<string, (Guid, string)>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Code\", \"Id\", \"Name\" FROM \"DocumentTypes\"";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            types[reader.GetString(0)] = (ReadGuid(reader, 1), reader.GetString(2));
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
            $"Generated approvals on {options.Server.Provider} ({_now:yyyy-MM-dd HH:mm} UTC), seed {options.Seed}:",
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
