using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals.Control;

/// <summary>
/// What the people in charge watch: the overdue approvals of a department (pending past the
/// deadline, or decided late with the reason the approver gave) and the average time from receiving
/// a task to deciding it, per stage and per approver. A head sees the approvers of their department
/// and every department below it; a holder of the approval right (or an administrator) sees any
/// department. Everyone else sees only their own tasks. A document the reader may not see keeps its
/// row (the delay is the approver's, and the head is told of it) but not its title or number.
/// </summary>
public sealed class ReadApprovalControl(LetopisDb db, NameBook nameBook, CompanyTimeZone company, TimeProvider time)
{
    /// <summary>Whether the caller controls approvals company-wide: the approval edit right.</summary>
    public static bool HoldsRight(AccessContext access) =>
        access.IsAdmin || access.ScopeFor(EntityKinds.Approval, PermissionAction.Edit) != AccessScope.None;

    /// <summary>The departments whose approvers the caller watches: null = every department.</summary>
    public async Task<HashSet<Guid>?> WatchedDepartmentsAsync(AccessContext access, CancellationToken ct)
    {
        if (HoldsRight(access))
            return null;
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ParentId, d.HeadId }).ToListAsync(ct);
        var all = departments.Select(d => (d.Id, d.ParentId)).ToList();
        var watched = new HashSet<Guid>();
        foreach (var headed in departments.Where(d => d.HeadId == access.UserId))
            watched.UnionWith(Department.SelfAndDescendants(headed.Id, all));
        return watched;
    }

    /// <summary>Whether the caller holds the approval right, and the departments they watch as a head.</summary>
    public async Task<ApprovalControlScopeDto> ScopeAsync(AccessContext access, CancellationToken ct)
    {
        var watched = await WatchedDepartmentsAsync(access, ct);
        if (watched is null)
        {
            var all = await db.Departments.AsNoTracking().OrderBy(d => d.Name).ThenBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
            return new ApprovalControlScopeDto(true, all);
        }
        return new ApprovalControlScopeDto(false, [.. watched]);
    }

    /// <summary>The approval schemes with a published version, by name, with their live routes on older versions.</summary>
    public async Task<IReadOnlyList<ApprovalSchemeControlDto>> SchemesAsync(CancellationToken ct)
    {
        var schemes = await (from s in db.ApprovalSchemes.AsNoTracking()
                             where s.PublishedVersion > 0
                             join t in db.DocumentTypes on s.DocumentTypeId equals t.Id
                             orderby s.Name, s.Id
                             select new
                             {
                                 s.Id, s.Name, TypeName = t.Name, s.PublishedVersion,
                                 Older = db.ApprovalRoutes.Count(r => r.SchemeId == s.Id
                                     && (r.Status == ApprovalRouteStatus.Running || r.Status == ApprovalRouteStatus.Rework)
                                     && r.SchemeVersionNumber < s.PublishedVersion),
                             }).ToListAsync(ct);
        return [.. schemes.Select(s => new ApprovalSchemeControlDto(s.Id, s.Name, s.TypeName, s.PublishedVersion, s.Older))];
    }

    /// <summary>
    /// The overdue approvals, most overdue deadline first: pending tasks past their deadline and
    /// tasks decided after it. <paramref name="departmentId"/> narrows to that department and those
    /// below it (within what the caller watches).
    /// </summary>
    public async Task<PageOf<OverdueApprovalDto>> OverdueAsync(AccessContext access, Guid? departmentId, PageRequest page, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var users = await WatchedUsersAsync(access, departmentId, ct);
        var tasks = db.ApprovalTasks.AsNoTracking().Where(t =>
            (t.Status == ApprovalTaskStatus.Pending && t.DueAt < now)
            || (t.Status != ApprovalTaskStatus.Pending && t.Status != ApprovalTaskStatus.Closed && t.DecidedAt != null && t.DecidedAt > t.DueAt));
        if (users is not null)
            tasks = tasks.Where(t => t.AssigneeId != null && users.Contains(t.AssigneeId.Value));

        var query = from t in tasks
                    join s in db.ApprovalRouteStages on t.StageId equals s.Id
                    join d in db.Documents on t.DocumentId equals d.Id
                    orderby t.DueAt, t.Id
                    select new
                    {
                        t.Id, t.DocumentId, d.Title, d.Number, StageName = s.Name, t.AssigneeId, t.DueAt, t.DecidedAt, t.DelayReason,
                    };
        var total = await query.CountAsync(ct);
        var rows = await query.Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);

        var documentIds = rows.Select(r => r.DocumentId).Distinct().ToList();
        var visible = (await db.VisibleDocuments(access).Where(d => documentIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct)).ToHashSet();
        var assigneeIds = rows.Where(r => r.AssigneeId != null).Select(r => r.AssigneeId!.Value).Distinct().ToList();
        var departmentOf = await (from u in db.Users.AsNoTracking()
                                  where assigneeIds.Contains(u.Id)
                                  join dep in db.Departments on u.DepartmentId equals dep.Id
                                  select new { u.Id, dep.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var names = await nameBook.GetAsync(db, access.Stamp, ct);

        var items = rows.Select(r => new OverdueApprovalDto(
            r.Id, r.DocumentId,
            visible.Contains(r.DocumentId) ? r.Title : "",
            visible.Contains(r.DocumentId) ? r.Number : null,
            r.StageName,
            r.AssigneeId is { } a ? new DocumentPersonDto(a, names.User(a) ?? "") : null,
            r.AssigneeId is { } b ? departmentOf.GetValueOrDefault(b) : null,
            Utc(r.DueAt), r.DecidedAt is { } decided ? Utc(decided) : null,
            Math.Round(((r.DecidedAt ?? now) - r.DueAt).TotalDays, 1),
            r.DelayReason)).ToList();
        return new PageOf<OverdueApprovalDto>(items, total, page.Page, page.PageSize);
    }

    /// <summary>
    /// Average time from receiving a task to deciding it, over the decisions made between
    /// <paramref name="from"/> and <paramref name="to"/> (days of the company's calendar, both included;
    /// by default the last 30 days), per stage name and per approver (who pressed the button), with how
    /// many of them came after the deadline.
    /// </summary>
    public async Task<ApprovalStatisticsDto> StatisticsAsync(AccessContext access, Guid? schemeId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var last = to ?? company.Today(time);
        var first = from ?? last.AddDays(-29);
        if (first > last)
            (first, last) = (last, first);
        var start = TimeZones.DayStartUtc(first, company.Zone);
        var end = TimeZones.DayStartUtc(last.AddDays(1), company.Zone);

        var users = await WatchedUsersAsync(access, null, ct);
        var decided = db.ApprovalTasks.AsNoTracking().Where(t =>
            t.DecidedAt != null && t.DecidedAt >= start && t.DecidedAt < end
            && (t.Status == ApprovalTaskStatus.Approved || t.Status == ApprovalTaskStatus.Rejected || t.Status == ApprovalTaskStatus.Rework));
        if (users is not null)
            decided = decided.Where(t => t.DecidedById != null && users.Contains(t.DecidedById.Value));
        if (schemeId is { } scheme)
            decided = decided.Where(t => db.ApprovalRoutes.Any(r => r.Id == t.RouteId && r.SchemeId == scheme));

        var rows = await (from t in decided
                          join s in db.ApprovalRouteStages on t.StageId equals s.Id
                          orderby t.DecidedAt, t.Id
                          select new { StageName = s.Name, t.DecidedById, t.ReceivedAt, DecidedAt = t.DecidedAt!.Value, t.DueAt })
            .ToListAsync(ct);
        var names = await nameBook.GetAsync(db, access.Stamp, ct);

        static ApprovalTimeDto Time(string name, Guid? id, IEnumerable<(DateTime Received, DateTime Decided, DateTime Due)> decisions)
        {
            var list = decisions.ToList();
            return new ApprovalTimeDto(name, id, list.Count,
                Math.Round(list.Average(d => (d.Decided - d.Received).TotalHours), 2),
                list.Count(d => d.Decided > d.Due));
        }

        var byStage = rows.GroupBy(r => r.StageName)
            .Select(g => Time(g.Key, null, g.Select(r => (r.ReceivedAt, r.DecidedAt, r.DueAt))))
            .OrderBy(t => t.Name, StringComparer.CurrentCulture).ToList();
        var byApprover = rows.Where(r => r.DecidedById != null).GroupBy(r => r.DecidedById!.Value)
            .Select(g => Time(names.User(g.Key) ?? "", g.Key, g.Select(r => (r.ReceivedAt, r.DecidedAt, r.DueAt))))
            .OrderBy(t => t.Name, StringComparer.CurrentCulture).ToList();
        return new ApprovalStatisticsDto(byStage, byApprover, first, last);
    }

    /// <summary>The users whose tasks the caller watches (null: everyone), narrowed to a department's tree when asked.</summary>
    private async Task<List<Guid>?> WatchedUsersAsync(AccessContext access, Guid? departmentId, CancellationToken ct)
    {
        var watched = await WatchedDepartmentsAsync(access, ct);
        HashSet<Guid>? departments = watched;
        if (departmentId is { } wanted)
        {
            var all = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ParentId }).ToListAsync(ct);
            var tree = Department.SelfAndDescendants(wanted, all.Select(d => (d.Id, d.ParentId)));
            departments = watched is null ? tree : [.. tree.Where(watched.Contains)];
            if (departments.Count == 0)
                return [];
        }
        if (departments is null)
            return null;
        if (departments.Count == 0)
            return [access.UserId];
        var ids = departments.ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.DepartmentId != null && ids.Contains(u.DepartmentId.Value))
            .OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
        return users;
    }

    private static DateTimeOffset Utc(DateTime instant) => new(DateTime.SpecifyKind(instant, DateTimeKind.Utc));
}
