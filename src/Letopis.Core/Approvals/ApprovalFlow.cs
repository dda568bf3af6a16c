using Letopis.Core.Access;
using Letopis.Core.Calendar;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Letopis.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals;

/// <summary>
/// The engine's core: moves a route from stage to stage. It only stages changes on the context;
/// the caller validates first and commits everything in one SaveChanges, so a route is never seen
/// half-moved, whatever node stops at whatever moment.
/// </summary>
public sealed class ApprovalFlow(
    LetopisDb db, WorkingCalendar calendar, CompanyTimeZone company, INotificationPublisher publisher, ICurrentActor actor,
    IApprovalWording? wording = null)
{
    private readonly List<Notification> _fresh = [];
    private readonly Dictionary<Guid, ApprovalDefinition> _definitions = [];

    /// <summary>Working-day sums already asked in this unit of work: a stage's tasks share their deadline and reminder day.</summary>
    private readonly Dictionary<(DateOnly Start, int Days), DateOnly> _workingDays = [];

    /// <summary>Stages the route's stages, copied from its scheme version, all pending.</summary>
    public void AddStages(ApprovalRoute route, ApprovalDefinition definition)
    {
        for (var i = 0; i < definition.Stages.Count; i++)
        {
            var s = definition.Stages[i];
            db.ApprovalRouteStages.Add(new ApprovalRouteStage
            {
                RouteId = route.Id,
                Index = i,
                Key = string.IsNullOrEmpty(s.Key) ? $"s{i + 1}" : s.Key,
                Name = s.Name,
                Mode = s.Mode,
                Days = s.Days,
                Status = ApprovalStageStatus.Pending,
            });
        }
    }

    private async Task<DateOnly> AddWorkingDaysAsync(DateOnly start, int days, CancellationToken ct)
    {
        if (!_workingDays.TryGetValue((start, days), out var day))
            _workingDays[(start, days)] = day = await calendar.AddWorkingDaysAsync(start, days, ct);
        return day;
    }

    /// <summary>
    /// Activates the first applicable stage at or after <paramref name="stageIndex"/>: a stage whose
    /// condition is false is skipped, a stage whose approvals all carried over completes at once.
    /// With no stage left the route and its document are approved and the author is told.
    /// </summary>
    public async Task ActivateFromAsync(ApprovalRoute route, int stageIndex, DateTime now, CancellationToken ct)
    {
        var definition = await DefinitionOfAsync(route.SchemeVersionId, ct);
        var document = await db.Documents.SingleAsync(d => d.Id == route.DocumentId, ct);
        var stages = await StagesAsync(route.Id, ct);
        foreach (var stage in stages.Where(s => s.Index >= stageIndex).OrderBy(s => s.Index))
        {
            var rule = StageDefinition(definition, stage);
            route.CurrentStage = stage.Index;
            if (rule is null || !ApprovalDefinition.Applies(rule.Condition, document.AmountMinor))
            {
                stage.Status = ApprovalStageStatus.Skipped;
                stage.StartedAt = now;
                stage.FinishedAt = now;
                continue;
            }

            var resolved = await ResolveApproversAsync(rule, document, ct);
            // After a rework under «not yet approved», the approvals given at this stage stand.
            var carried = route.Round > 1 && definition.Rework == ReworkPolicy.NotYetApproved
                ? await ApproversOfStageAsync(stage.Id, ct)
                : [];
            stage.Required = Required(rule, resolved.Count);
            stage.StartedAt = now;
            var dueDay = await AddWorkingDaysAsync(TimeZones.DayOf(now, company.Zone), Math.Max(1, rule.Days), ct);
            stage.DueAt = EndOfDay(dueDay);
            if (carried.Count >= stage.Required)
            {
                stage.Status = ApprovalStageStatus.Approved;
                stage.FinishedAt = now;
                continue;
            }

            stage.Status = ApprovalStageStatus.Active;
            var typeName = await TypeNameAsync(document, ct);
            foreach (var (userId, unresolved) in resolved)
            {
                if (userId is { } id && carried.Contains(id))
                    continue;
                var task = new ApprovalTask
                {
                    RouteId = route.Id,
                    StageId = stage.Id,
                    DocumentId = document.Id,
                    AssigneeId = userId,
                    OriginalAssigneeId = userId,
                    Unresolved = unresolved,
                    Round = route.Round,
                    Status = ApprovalTaskStatus.Pending,
                    ReceivedAt = now,
                    DueAt = stage.DueAt.Value,
                };
                db.ApprovalTasks.Add(task);
                await ArmAsync(task, rule, document, typeName, now, NewTaskNotice, ct);
            }
            return;
        }

        route.Status = ApprovalRouteStatus.Approved;
        route.FinishedAt = now;
        document.Status = DocumentStatus.Approved;
        await RecordStatusAsync(document, null, now, ct);
        await TellAuthorAsync(route, document, ApprovalNotices.Approved, now, ct);
    }

    /// <summary>Closes the route's pending tasks (nobody needs to decide them any more) and cancels their reminders.</summary>
    public async Task CloseOpenTasksAsync(Guid routeId, DateTime now, CancellationToken ct)
    {
        var open = await db.ApprovalTasks.Where(t => t.RouteId == routeId && t.Status == ApprovalTaskStatus.Pending)
            .OrderBy(t => t.Id).ToListAsync(ct);
        // A task decided in this unit of work still reads as pending in the database.
        open.RemoveAll(t => t.Status != ApprovalTaskStatus.Pending);
        // Tasks staged in this unit of work are not in the database yet.
        open.AddRange(db.ChangeTracker.Entries<ApprovalTask>()
            .Where(e => e.State == EntityState.Added && e.Entity.RouteId == routeId && e.Entity.Status == ApprovalTaskStatus.Pending)
            .Select(e => e.Entity).Where(t => !open.Contains(t)));
        foreach (var task in open)
        {
            task.Status = ApprovalTaskStatus.Closed;
            await DisarmTaskAsync(task.Id, now, ct);
        }
    }

    public async Task<ApprovalDefinition> DefinitionOfAsync(Guid schemeVersionId, CancellationToken ct)
    {
        if (_definitions.TryGetValue(schemeVersionId, out var known))
            return known;
        var json = await db.ApprovalSchemeVersions.AsNoTracking().Where(v => v.Id == schemeVersionId).Select(v => v.Definition).SingleAsync(ct);
        return _definitions[schemeVersionId] = ApprovalDefinition.FromJson(json);
    }

    /// <summary>Stages the task's notice to its assignee and its reminders (before the deadline; at it, the overdue notices).</summary>
    public async Task ArmTaskAsync(ApprovalTask task, ApprovalStageDefinition stage, Document document, DateTime now, CancellationToken ct) =>
        await ArmAsync(task, stage, document, await TypeNameAsync(document, ct), now, task.DelegatedById is null ? NewTaskNotice : ApprovalNotices.Delegated, ct);

    /// <summary>Cancels the reminders of a task not yet fired.</summary>
    public async Task DisarmTaskAsync(Guid taskId, DateTime now, CancellationToken ct)
    {
        var pending = await db.Reminders
            .Where(r => r.EntityKind == ApprovalNotices.TaskEntityKind && r.EntityId == taskId && r.FiredAt == null && r.CancelledAt == null)
            .OrderBy(r => r.Id).ToListAsync(ct);
        pending.AddRange(db.ChangeTracker.Entries<Reminder>()
            .Where(e => e.State == EntityState.Added && e.Entity.EntityKind == ApprovalNotices.TaskEntityKind && e.Entity.EntityId == taskId)
            .Select(e => e.Entity).Where(r => !pending.Contains(r)));
        foreach (var reminder in pending)
            reminder.CancelledAt = now;
    }

    /// <summary>
    /// The people a stage's rules name for this document, duplicates removed; a rule that finds
    /// nobody gives one entry without a user and the reason in words (the card shows whose task is stuck).
    /// </summary>
    public async Task<List<(Guid? UserId, string? Unresolved)>> ResolveApproversAsync(ApprovalStageDefinition stage, Document document, CancellationToken ct)
    {
        var result = new List<(Guid? UserId, string? Unresolved)>();
        var seen = new HashSet<Guid>();
        void Add(Guid id)
        {
            if (seen.Add(id))
                result.Add((id, null));
        }
        void Missing(string key, params object[] args)
        {
            var reason = ApprovalNotices.Say(wording, "ru", key, args);
            if (!result.Any(r => r.UserId is null && r.Unresolved == reason))
                result.Add((null, reason));
        }

        foreach (var rule in stage.Approvers)
        {
            switch (rule.Kind)
            {
                case ApproverKind.User:
                    // An inactive user still gets the task (the card flags it); one who no longer exists cannot.
                    if (rule.UserId is { } userId && await db.Users.AnyAsync(u => u.Id == userId, ct))
                        Add(userId);
                    else
                        Missing(ApprovalNotices.UnresolvedUser);
                    break;
                case ApproverKind.Role:
                    var members = rule.RoleId is { } roleId
                        ? await db.UserRoles.Where(r => r.RoleId == roleId)
                            .Join(db.Users.Where(u => u.IsActive), r => r.UserId, u => u.Id, (r, u) => new { u.Id, u.FullName })
                            .OrderBy(u => u.FullName).ThenBy(u => u.Id).Select(u => u.Id).ToListAsync(ct)
                        : [];
                    if (members.Count == 0)
                    {
                        var roleName = rule.RoleId is { } rid
                            ? await db.Roles.Where(r => r.Id == rid).Select(r => r.DisplayName).SingleOrDefaultAsync(ct)
                            : null;
                        Missing(ApprovalNotices.UnresolvedRole, roleName ?? "?");
                    }
                    members.ForEach(Add);
                    break;
                case ApproverKind.DepartmentHead:
                    var department = rule.DepartmentId is { } departmentId
                        ? await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => new { d.Name, d.HeadId }).SingleOrDefaultAsync(ct)
                        : null;
                    if (department?.HeadId is { } headId)
                        Add(headId);
                    else
                        Missing(ApprovalNotices.UnresolvedDepartmentHead, department?.Name ?? "?");
                    break;
                case ApproverKind.ResponsibleHead:
                    if (await HeadOfAsync(document.ResponsibleId, ct) is { } head)
                        Add(head);
                    else
                        Missing(ApprovalNotices.UnresolvedResponsibleHead);
                    break;
                case ApproverKind.Responsible:
                    if (document.ResponsibleId is { } responsible)
                        Add(responsible);
                    else
                        Missing(ApprovalNotices.UnresolvedResponsible);
                    break;
            }
        }
        return result;
    }

    /// <summary>Pushes the notifications committed by the caller to the users connected to this node.</summary>
    public async Task PublishAsync(CancellationToken ct)
    {
        foreach (var n in _fresh)
        {
            try
            {
                await publisher.PublishAsync(n.UserId, new NotificationDto(n.Id, n.CreatedAt, n.Title, n.Body, n.Link, false), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Committed already: the other nodes' relays and the next page load show it.
            }
        }
        _fresh.Clear();
    }

    /// <summary>Forgets what was staged (a retry after a concurrency conflict starts over).</summary>
    public void Reset() => _fresh.Clear();

    /// <summary>The head of a user's department; for the head themselves, the head of the parent department.</summary>
    public async Task<Guid?> HeadOfAsync(Guid? userId, CancellationToken ct)
    {
        if (userId is not { } id)
            return null;
        var departmentId = await db.Users.Where(u => u.Id == id).Select(u => u.DepartmentId).SingleOrDefaultAsync(ct);
        for (var depth = 0; departmentId is { } dep && depth < 32; depth++)
        {
            var department = await db.Departments.AsNoTracking().Where(d => d.Id == dep).Select(d => new { d.HeadId, d.ParentId }).SingleOrDefaultAsync(ct);
            if (department is null)
                return null;
            if (department.HeadId is { } head && head != id)
                return head;
            departmentId = department.ParentId;
        }
        return null;
    }

    /// <summary>The definition of a route stage: by its key, else by its place.</summary>
    public static ApprovalStageDefinition? StageDefinition(ApprovalDefinition definition, ApprovalRouteStage stage) =>
        definition.Stages.FirstOrDefault(s => s.Key == stage.Key)
        ?? (stage.Index < definition.Stages.Count && string.IsNullOrEmpty(definition.Stages[stage.Index].Key) ? definition.Stages[stage.Index] : null);

    public static int Required(ApprovalStageDefinition rule, int approvers) => rule.Mode switch
    {
        ApprovalMode.Any => Math.Min(1, approvers),
        ApprovalMode.Quorum => Math.Clamp(rule.Quorum ?? 1, Math.Min(1, approvers), Math.Max(1, approvers)),
        _ => approvers,
    };

    /// <summary>The users whose approval at the stage counts (any round): approvals given stand.</summary>
    public async Task<HashSet<Guid>> ApproversOfStageAsync(Guid stageId, CancellationToken ct)
    {
        var ids = await db.ApprovalTasks.Where(t => t.StageId == stageId && t.Status == ApprovalTaskStatus.Approved && t.AssigneeId != null)
            .Select(t => t.AssigneeId!.Value).ToListAsync(ct);
        ids.AddRange(db.ChangeTracker.Entries<ApprovalTask>()
            .Where(e => e.Entity.StageId == stageId && e.Entity.Status == ApprovalTaskStatus.Approved && e.Entity.AssigneeId != null)
            .Select(e => e.Entity.AssigneeId!.Value));
        return [.. ids];
    }

    /// <summary>The end of a company day as a UTC instant (the last second of it).</summary>
    public DateTime EndOfDay(DateOnly day) => TimeZones.DayStartUtc(day.AddDays(1), company.Zone).AddSeconds(-1);

    private async Task<List<ApprovalRouteStage>> StagesAsync(Guid routeId, CancellationToken ct)
    {
        var stages = await db.ApprovalRouteStages.Where(s => s.RouteId == routeId).OrderBy(s => s.Index).ToListAsync(ct);
        foreach (var added in db.ChangeTracker.Entries<ApprovalRouteStage>().Where(e => e.State == EntityState.Added && e.Entity.RouteId == routeId))
        {
            if (!stages.Contains(added.Entity))
                stages.Add(added.Entity);
        }
        return [.. stages.OrderBy(s => s.Index)];
    }

    private const string NewTaskNotice = ApprovalNotices.NewTask;

    private async Task ArmAsync(ApprovalTask task, ApprovalStageDefinition stage, Document document, string typeName, DateTime now, string noticeKey, CancellationToken ct)
    {
        var what = ApprovalNotices.DocumentText(typeName, document);
        var link = ApprovalNotices.Link(document.Id);
        if (task.AssigneeId is { } assignee)
        {
            var culture = await CultureOfAsync(assignee, ct);
            var notice = new Notification
            {
                UserId = assignee,
                CreatedAt = now,
                Title = ApprovalNotices.Say(wording, culture, noticeKey, what),
                Body = stage.Name,
                Link = link,
            };
            db.Notifications.Add(notice);
            _fresh.Add(notice);
            if (stage.RemindDaysBefore > 0)
            {
                var dueDay = TimeZones.DayOf(task.DueAt, company.Zone);
                var day = await AddWorkingDaysAsync(dueDay, -stage.RemindDaysBefore, ct);
                var at = company.ReminderUtc(day);
                if (at > now)
                    db.Reminders.Add(NewReminder(task, assignee, at, ApprovalNotices.Say(wording, culture, ApprovalNotices.Reminder, what, dueDay.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture)), stage.Name, link, now));
            }
        }

        // At the deadline: the approver's head and the people the scheme names are told, once.
        var told = new HashSet<Guid>();
        if (stage.NotifyApproverHead && await HeadOfAsync(task.AssigneeId, ct) is { } head)
            told.Add(head);
        foreach (var id in stage.NotifyOnOverdue)
            told.Add(id);
        if (task.AssigneeId is { } self)
            told.Remove(self);
        if (told.Count == 0)
            return;
        var existing = await db.Users.Where(u => told.Contains(u.Id) && u.IsActive).Select(u => new { u.Id, u.Culture, u.FullName }).ToListAsync(ct);
        var approverName = task.AssigneeId is { } a ? await db.Users.Where(u => u.Id == a).Select(u => u.FullName).SingleOrDefaultAsync(ct) : null;
        foreach (var user in existing.OrderBy(u => u.Id))
        {
            var title = ApprovalNotices.Say(wording, user.Culture, ApprovalNotices.Overdue, what, approverName ?? task.Unresolved ?? "—");
            db.Reminders.Add(NewReminder(task, user.Id, task.DueAt, title, stage.Name, link, now));
        }
    }

    private static Reminder NewReminder(ApprovalTask task, Guid userId, DateTime at, string title, string? body, string link, DateTime now) => new()
    {
        UserId = userId,
        DueAt = at,
        Title = title,
        Body = body,
        Link = link,
        EntityKind = ApprovalNotices.TaskEntityKind,
        EntityId = task.Id,
        CreatedAt = now,
    };

    /// <summary>Tells the route's author the outcome (approved, rejected, returned), with the comment.</summary>
    public async Task TellAuthorAsync(ApprovalRoute route, Document document, string key, DateTime now, CancellationToken ct, string? comment = null)
    {
        var culture = await CultureOfAsync(route.StartedById, ct);
        var notice = new Notification
        {
            UserId = route.StartedById,
            CreatedAt = now,
            Title = ApprovalNotices.Say(wording, culture, key, ApprovalNotices.DocumentText(await TypeNameAsync(document, ct), document)),
            Body = comment is { Length: > TextLimits.Long } ? comment[..TextLimits.Long] : comment,
            Link = ApprovalNotices.Link(document.Id),
        };
        db.Notifications.Add(notice);
        _fresh.Add(notice);
    }

    private async Task<string?> CultureOfAsync(Guid userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.Culture).SingleOrDefaultAsync(ct);

    public async Task<string> TypeNameAsync(Document document, CancellationToken ct) =>
        await db.DocumentTypes.Where(t => t.Id == document.TypeId).Select(t => t.Name).SingleAsync(ct);

    /// <summary>The counterparty's timeline learns the document's new status (the history has it by itself: the document is audited).</summary>
    public async Task RecordStatusAsync(Document document, string? comment, DateTime now, CancellationToken ct)
    {
        if (document.CounterpartyId is { } counterpartyId)
            Timeline.Add(db, counterpartyId, now, actor, TimelineKinds.DocumentStatus,
                DocumentTimeline.StatusText(await TypeNameAsync(document, ct), document, comment), Document.EntityKind, document.Id);
    }

    /// <summary>A decision on the document's history and the counterparty's timeline.</summary>
    public async Task RecordDecisionAsync(Document document, ApprovalTask task, string stageName, DateTime now, CancellationToken ct)
    {
        var names = await db.Users.Where(u => u.Id == task.DecidedById || u.Id == task.OnBehalfOfId)
            .Select(u => new { u.Id, u.FullName }).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var who = names.GetValueOrDefault(task.DecidedById ?? Guid.Empty, "");
        if (task.OnBehalfOfId is { } principal)
            who += " (" + names.GetValueOrDefault(principal, "") + ")";
        var decision = ApiNames.Of(task.Status);
        var text = $"{stageName}: {who} — {decision}" + (task.Comment is { } c ? "\n" + c : "") + (task.DelayReason is { } r ? "\n" + r : "");
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, document.Id, now, actor, ChangeOperation.Updated,
            ApprovalNotices.HistoryField, null, text.Length > TextLimits.Long ? text[..TextLimits.Long] : text));
        if (document.CounterpartyId is { } counterpartyId)
        {
            var kind = task.Status switch
            {
                ApprovalTaskStatus.Approved => ApprovalNotices.TimelineApproved,
                ApprovalTaskStatus.Rejected => ApprovalNotices.TimelineRejected,
                _ => ApprovalNotices.TimelineRework,
            };
            var line = $"{ApprovalNotices.DocumentText(await TypeNameAsync(document, ct), document)} — {who}";
            Timeline.Add(db, counterpartyId, now, actor, kind, line.Length > TextLimits.Long ? line[..TextLimits.Long] : line, Document.EntityKind, document.Id);
        }
    }
}
