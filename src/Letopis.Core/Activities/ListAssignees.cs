using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>Someone the caller may plan an activity for.</summary>
public sealed record AssigneeDto(Guid Id, string FullName, string? DepartmentName);

/// <summary>
/// The people the plan form offers as assignees: the caller first, then everyone the caller may plan
/// for by the same rule <see cref="PlanActivity"/> applies, so the form never offers a choice the handler refuses.
/// </summary>
public sealed class ListAssignees(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company)
{
    /// <summary>More than a plan form's list can usefully show; an administrator of a large company types to narrow it.</summary>
    public const int Limit = 500;

    public async Task<List<AssigneeDto>> HandleAsync(AccessContext access, CancellationToken ct)
    {
        // Deputyships run on the company's days, as everywhere.
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var query = db.Users.AsNoTracking().Where(u => u.IsActive);
        var scope = access.ScopeFor(Activity.EntityKind, PermissionAction.Create);
        if (scope != AccessScope.All)
        {
            var candidates = new HashSet<Guid> { viewer.Me, viewer.RealUserId };
            candidates.UnionWith(viewer.Principals);
            candidates.UnionWith(viewer.Headed);
            if (scope is AccessScope.Department or AccessScope.DepartmentTree)
                candidates.UnionWith(access.UsersIn(scope));
            var ids = candidates.ToList();
            query = query.Where(u => ids.Contains(u.Id));
        }
        var people = await query
            .OrderBy(u => u.FullName).ThenBy(u => u.Id)
            .Select(u => new
            {
                u.Id,
                u.FullName,
                Department = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            })
            .Take(Limit)
            .ToListAsync(ct);
        return [.. people
            .Where(p => viewer.MayPlanFor(p.Id))
            .OrderBy(p => p.Id != viewer.Me)
            .Select(p => new AssigneeDto(p.Id, p.FullName, p.Department))];
    }
}
