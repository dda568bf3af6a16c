using Letopis.Core.Approvals;
using Letopis.Core.Calendar;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Demo;

/// <summary>
/// Gives the demo company its approval schemes («визирование» of contracts and supplementary
/// agreements, the contract scheme in two versions) and routes: contracts on approval wait at the
/// finance stage, some of them overdue, and several signed contracts show a finished route with
/// a late decision and its reason. Runs once, after the demo files (a route binds its decisions to
/// the files the approvers saw).
/// </summary>
public sealed class SeedDemoApprovals(LetopisDb db, ApprovalFlow flow, WorkingCalendar calendar, TimeProvider time, CompanyTimeZone company)
{
    public async Task<bool> HandleAsync(CancellationToken ct)
    {
        if (await db.ApprovalSchemes.AnyAsync(ct))
            return false;
        var users = await db.Users.AsNoTracking().Where(u => u.UserName != null)
            .Select(u => new { u.Id, u.UserName }).ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        if (!users.ContainsKey("director") || !users.ContainsKey("lebedev") || !users.ContainsKey("orlova"))
            return false;
        var legalDepartment = await db.Departments.Where(d => d.Name == "Юридический отдел").Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
        var types = await db.DocumentTypes.AsNoTracking()
            .Where(t => t.Code == SeedDocumentTypes.Contract || t.Code == SeedDocumentTypes.SupplementaryAgreement)
            .ToDictionaryAsync(t => t.Code, t => t.Id, ct);
        if (legalDepartment is null || types.Count < 2)
            return false;

        var now = time.GetUtcNow().UtcDateTime;
        var legal = new ApprovalStageDefinition
        {
            Key = "legal",
            Name = "Юридическая экспертиза",
            Approvers = [new ApproverRule(ApproverKind.DepartmentHead, DepartmentId: legalDepartment)],
            Days = 2,
            NotifyOnOverdue = [users["director"]],
        };
        var finance = new ApprovalStageDefinition
        {
            Key = "finance",
            Name = "Финансовая проверка",
            Approvers = [new ApproverRule(ApproverKind.User, UserId: users["orlova"]), new ApproverRule(ApproverKind.ResponsibleHead)],
            Mode = ApprovalMode.All,
            Days = 2,
        };
        var director = new ApprovalStageDefinition
        {
            Key = "director",
            Name = "Утверждение директором",
            Approvers = [new ApproverRule(ApproverKind.User, UserId: users["director"])],
            Days = 1,
            RemindDaysBefore = 0,
            Condition = new StageCondition(ConditionField.Amount, ConditionOperator.Greater, 5_000_000m),
        };
        var contractV1 = new ApprovalDefinition { Stages = [legal, finance with { Approvers = [new ApproverRule(ApproverKind.User, UserId: users["orlova"])] }] };
        var contractV2 = new ApprovalDefinition { Stages = [legal, finance, director] };
        var agreement = new ApprovalDefinition
        {
            Stages = [legal, director with { Condition = null }],
            Rework = ReworkPolicy.Everyone,
        };

        var contractVersions = AddScheme(types[SeedDocumentTypes.Contract], "Согласование договора", users["lebedev"],
            [(contractV1, now.AddDays(-120), "Первая редакция: юрист и главный бухгалтер."),
             (contractV2, now.AddDays(-10), "Финансовая проверка вместе с руководителем ответственного; договоры дороже 5 млн ₽ утверждает директор.")]);
        var agreementVersions = AddScheme(types[SeedDocumentTypes.SupplementaryAgreement], "Согласование дополнительного соглашения", users["lebedev"],
            [(agreement, now.AddDays(-120), null)]);
        await db.SaveChangesAsync(ct);

        // Documents with files: on approval now, and a few signed ones that went through a route.
        var candidates = await db.Documents.AsNoTracking()
            .Where(d => !d.Deleted && (d.TypeId == types[SeedDocumentTypes.Contract] || d.TypeId == types[SeedDocumentTypes.SupplementaryAgreement])
                && (d.Status == DocumentStatus.OnApproval || d.Status == DocumentStatus.InForce || d.Status == DocumentStatus.Executed)
                && db.DocumentFiles.Any(f => f.DocumentId == d.Id && !f.Deleted))
            .OrderBy(d => d.RegisteredOn).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.TypeId, d.Status, d.ResponsibleId, d.CreatedById })
            .ToListAsync(ct);
        var onApproval = candidates.Where(c => c.Status == DocumentStatus.OnApproval).ToList();
        var finished = candidates.Where(c => c.Status != DocumentStatus.OnApproval).TakeLast(6).ToList();
        var today = TimeZones.DayOf(now, company.Zone);

        for (var i = 0; i < onApproval.Count; i++)
        {
            var d = onApproval[i];
            var contract = d.TypeId == types[SeedDocumentTypes.Contract];
            // The oldest contract on approval still runs on version 1: it can be moved to version 2.
            var (versionId, number) = contract ? (i == 0 ? contractVersions[0] : contractVersions[1]) : agreementVersions[0];
            var started = await WorkingDaysAgoAsync(today, 4 - (i % 3), 10, ct);
            var author = d.ResponsibleId ?? d.CreatedById ?? users["director"];
            var route = await StartAsync(d.Id, d.TypeId, versionId, number, author, started, ct);
            // The lawyer approved a day later; the next stage waits (overdue for the oldest routes).
            var decided = await WorkingDaysAgoAsync(today, 3 - (i % 3), 14, ct);
            await DecideCurrentStageAsync(route, decided, i % 3 == 0 ? "Замечаний нет." : null, null, ct);
        }

        for (var i = 0; i < finished.Count; i++)
        {
            var d = finished[i];
            var contract = d.TypeId == types[SeedDocumentTypes.Contract];
            var (versionId, number) = contract ? contractVersions[0] : agreementVersions[0];
            var author = d.ResponsibleId ?? d.CreatedById ?? users["director"];
            var started = now.AddDays(-60 + i * 5);
            var route = await StartAsync(d.Id, d.TypeId, versionId, number, author, started, ct);
            await DecideCurrentStageAsync(route, started.AddHours(5), "Согласовано без замечаний.", null, ct);
            // Every other route was decided late at its second stage, with the reason recorded.
            var late = i % 2 == 0;
            await DecideCurrentStageAsync(route, started.AddDays(late ? 6 : 1),
                late ? "Суммы сверены со сметой." : null, late ? "Ждали подписанную смету от контрагента." : null, ct);
            // The document went on to be signed; the route stays as its history. The passing statuses
            // were written today by the audit; the card's own history already tells its story.
            await db.Documents.Where(x => x.Id == d.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, d.Status), ct);
            await db.ChangeRecords.Where(r => r.EntityKind == Document.EntityKind && r.EntityId == d.Id && r.Field == "status" && r.At >= now)
                .ExecuteDeleteAsync(ct);
        }
        await SignAsync(users["lebedev"], ct);
        return true;
    }

    /// <summary>
    /// The engine wrote the demo's history and timeline with no one signed in: each entry is signed
    /// by whoever acted — the decider of a decision made at that moment, otherwise the route's author;
    /// the schemes by the lawyer who keeps them.
    /// </summary>
    private async Task SignAsync(Guid schemeKeeper, CancellationToken ct)
    {
        var routes = await db.ApprovalRoutes.AsNoTracking().Select(r => new { r.DocumentId, r.StartedById }).ToListAsync(ct);
        var authors = routes.GroupBy(r => r.DocumentId).ToDictionary(g => g.Key, g => g.First().StartedById);
        var decisions = await db.ApprovalTasks.AsNoTracking().Where(t => t.DecidedAt != null && t.DecidedById != null)
            .Select(t => new { t.DocumentId, At = t.DecidedAt!.Value, By = t.DecidedById!.Value }).ToListAsync(ct);
        var decidedBy = decisions.GroupBy(d => (d.DocumentId, d.At)).ToDictionary(g => g.Key, g => g.First().By);
        Guid Who(Guid documentId, DateTime at) => decidedBy.TryGetValue((documentId, at), out var by) ? by : authors[documentId];

        var documentIds = authors.Keys.ToList();
        var events = await db.TimelineEvents.Where(e => e.UserId == null && e.EntityKind == Document.EntityKind && documentIds.Contains(e.EntityId!.Value))
            .OrderBy(e => e.Id).ToListAsync(ct);
        foreach (var e in events)
            e.UserId = Who(e.EntityId!.Value, e.At);
        var records = await db.ChangeRecords.Where(r => r.UserId == null && r.EntityKind == Document.EntityKind && documentIds.Contains(r.EntityId))
            .OrderBy(r => r.Id).ToListAsync(ct);
        foreach (var r in records)
            r.UserId = Who(r.EntityId, r.At);
        await db.SaveChangesAsync(ct);
        await db.ChangeRecords.Where(r => r.UserId == null && r.EntityKind == Access.EntityKinds.Approval)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UserId, schemeKeeper), ct);
    }

    private List<(Guid Id, int Number)> AddScheme(Guid typeId, string name, Guid by, IReadOnlyList<(ApprovalDefinition Definition, DateTime At, string? Comment)> versions)
    {
        var scheme = new ApprovalScheme { DocumentTypeId = typeId, Name = name, CreatedAt = versions[0].At, CreatedById = by };
        db.ApprovalSchemes.Add(scheme);
        var result = new List<(Guid, int)>();
        for (var i = 0; i < versions.Count; i++)
        {
            var version = new ApprovalSchemeVersion
            {
                SchemeId = scheme.Id,
                Number = i + 1,
                Definition = versions[i].Definition.ToJson(),
                Comment = versions[i].Comment,
                PublishedAt = versions[i].At,
                PublishedById = by,
            };
            db.ApprovalSchemeVersions.Add(version);
            result.Add((version.Id, version.Number));
            scheme.PublishedVersion = version.Number;
            scheme.PublishedVersionId = version.Id;
        }
        return result;
    }

    private async Task<ApprovalRoute> StartAsync(Guid documentId, Guid typeId, Guid versionId, int number, Guid author, DateTime at, CancellationToken ct)
    {
        var definition = await flow.DefinitionOfAsync(versionId, ct);
        var schemeId = await db.ApprovalSchemes.Where(s => s.DocumentTypeId == typeId).Select(s => s.Id).SingleAsync(ct);
        var route = new ApprovalRoute
        {
            DocumentId = documentId,
            SchemeId = schemeId,
            SchemeVersionId = versionId,
            SchemeVersionNumber = number,
            Status = ApprovalRouteStatus.Running,
            StartedAt = at,
            StartedById = author,
        };
        db.ApprovalRoutes.Add(route);
        flow.AddStages(route, definition);
        var document = await db.Documents.SingleAsync(d => d.Id == documentId, ct);
        document.Status = DocumentStatus.OnApproval;
        await flow.ActivateFromAsync(route, 0, at, ct);
        await db.SaveChangesAsync(ct);
        return route;
    }

    /// <summary>Every pending task of the route's active stage approved at <paramref name="at"/> by its assignee, then the next stage.</summary>
    private async Task DecideCurrentStageAsync(ApprovalRoute route, DateTime at, string? comment, string? delayReason, CancellationToken ct)
    {
        if (route.Status != ApprovalRouteStatus.Running)
            return;
        var stage = await db.ApprovalRouteStages.SingleAsync(s => s.RouteId == route.Id && s.Index == route.CurrentStage, ct);
        var tasks = await db.ApprovalTasks.Where(t => t.StageId == stage.Id && t.Status == ApprovalTaskStatus.Pending).OrderBy(t => t.Id).ToListAsync(ct);
        var files = await ApprovalSaves.CurrentFiles(db, route.DocumentId).AsNoTracking().OrderBy(v => v.Id).ToListAsync(ct);
        var document = await db.Documents.SingleAsync(d => d.Id == route.DocumentId, ct);
        foreach (var task in tasks.Where(t => t.AssigneeId is not null))
        {
            task.Status = ApprovalTaskStatus.Approved;
            task.DecidedAt = at;
            task.DecidedById = task.AssigneeId;
            task.Comment = comment;
            task.DelayReason = at > task.DueAt ? delayReason ?? "Был в командировке." : null;
            foreach (var f in files)
                db.ApprovalTaskFiles.Add(new ApprovalTaskFile { TaskId = task.Id, FileVersionId = f.Id, Name = f.Name, FileVersion = f.Version, Sha256 = f.Sha256 });
            await flow.DisarmTaskAsync(task.Id, at, ct);
            await flow.RecordDecisionAsync(document, task, stage.Name, at, ct);
        }
        stage.Status = ApprovalStageStatus.Approved;
        stage.FinishedAt = at;
        await flow.ActivateFromAsync(route, stage.Index + 1, at, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A moment <paramref name="days"/> working days before today, at the given hour of the company's day.</summary>
    private async Task<DateTime> WorkingDaysAgoAsync(DateOnly today, int days, int hour, CancellationToken ct)
    {
        var day = await calendar.AddWorkingDaysAsync(today, -Math.Max(1, days), ct);
        return TimeZones.ToUtc(day.ToDateTime(new TimeOnly(hour, 0)), company.Zone);
    }
}
