using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Execution;

/// <summary>
/// Control points across contracts: the department view of what is overdue. Only points of documents the
/// caller may read; a department includes the departments below it. Earliest control date first.
/// </summary>
public sealed class ListControlPoints(LetopisDb db, TimeProvider time, CompanyTimeZone company)
{
    public async Task<PageOf<ControlPointDto>> HandleAsync(AccessContext access, ControlPointQuery query, PageRequest page, CancellationToken ct)
    {
        var today = company.Today(time);
        var points = await FilteredAsync(access, query, today, ct);
        var found = await points.OrderBy(p => p.DueOn).ThenBy(p => p.Id).ToPageAsync(page, ct);
        return new PageOf<ControlPointDto>(await ControlPointViews.ToDtosAsync(db, found.Items, today, ct), found.Total, found.Page, found.PageSize);
    }

    /// <summary>The same filter counted per responsible person, most points first (the department view's counts).</summary>
    public async Task<IReadOnlyList<ControlPointCountDto>> CountsAsync(AccessContext access, ControlPointQuery query, CancellationToken ct)
    {
        var points = await FilteredAsync(access, query, company.Today(time), ct);
        var counts = await points.GroupBy(p => new { p.ResponsibleId, p.DepartmentId })
            .Select(g => new { g.Key.ResponsibleId, g.Key.DepartmentId, Count = g.Count() }).ToListAsync(ct);
        var userIds = counts.Where(c => c.ResponsibleId != null).Select(c => c.ResponsibleId!.Value).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var departmentIds = counts.Where(c => c.DepartmentId != null).Select(c => c.DepartmentId!.Value).Distinct().ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return counts.Select(c => new ControlPointCountDto(c.ResponsibleId, c.ResponsibleId is { } u ? users.GetValueOrDefault(u) : null,
                c.DepartmentId, c.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null, c.Count))
            .OrderByDescending(c => c.Count).ThenBy(c => c.ResponsibleName, StringComparer.Ordinal).ThenBy(c => c.ResponsibleId).ToList();
    }

    private async Task<IQueryable<ControlPoint>> FilteredAsync(AccessContext access, ControlPointQuery query, DateOnly today, CancellationToken ct)
    {
        var visible = db.VisibleDocuments(access);
        var points = db.ControlPoints.AsNoTracking().Where(p => visible.Any(d => d.Id == p.DocumentId));
        if (query.Overdue == true)
            points = points.Where(p => p.Status == ControlPointStatus.Open && p.DueOn < today);
        if (ApiNames.Parse<ControlPointStatus>(query.Status) is { } status)
            points = points.Where(p => p.Status == status);
        if (query.ResponsibleId is { } responsible)
            points = points.Where(p => p.ResponsibleId == responsible);
        if (query.CounterpartyId is { } counterparty)
            points = points.Where(p => p.CounterpartyId == counterparty);
        if (query.DepartmentId is { } department)
        {
            var all = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ParentId }).ToListAsync(ct);
            var ids = Department.SelfAndDescendants(department, all.Select(d => (d.Id, d.ParentId))).Select(id => (Guid?)id).ToList();
            points = points.Where(p => ids.Contains(p.DepartmentId));
        }
        return points;
    }
}
