using Letopis.Core.Access;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>Someone the caller may plan an activity for.</summary>
public sealed record AssigneeDto(Guid Id, string FullName, string? DepartmentName);

/// <summary>
/// The people the plan form offers as assignees: the caller first, then everyone the caller has
/// authority over (<see cref="PlanAuthority"/>), so the form never offers a choice the handler refuses.
/// </summary>
public sealed class ListAssignees(LetopisDb db)
{
    public async Task<List<AssigneeDto>> HandleAsync(AccessContext access, CancellationToken ct)
    {
        var ids = await PlanAuthority.UsersAsync(db, access, ct);
        var query = db.Users.AsNoTracking().Where(u => u.IsActive || u.Id == access.UserId);
        if (ids is not null)
            query = query.Where(u => ids.Contains(u.Id));
        var people = await query
            .OrderBy(u => u.FullName).ThenBy(u => u.Id)
            .Select(u => new
            {
                u.Id,
                u.FullName,
                Department = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            })
            .Take(500)
            .ToListAsync(ct);
        return [.. people.OrderBy(p => p.Id != access.UserId).Select(p => new AssigneeDto(p.Id, p.FullName, p.Department))];
    }
}
