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
        var found = await points.OrderBy(p => p.DueOn).ThenBy(p => p.Id).ToPageAsync(page, ct);
        return new PageOf<ControlPointDto>(await ControlPointViews.ToDtosAsync(db, found.Items, today, ct), found.Total, found.Page, found.PageSize);
    }
}
