using Letopis.Core.Access;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>Whom a user may plan activities for: themselves; a head, the people of the departments they head; an admin, anyone.</summary>
public static class PlanAuthority
{
    /// <summary>The ids the caller may plan for, or null for anyone (an administrator).</summary>
    public static async Task<HashSet<Guid>?> UsersAsync(LetopisDb db, AccessContext access, CancellationToken ct)
    {
        if (access.IsAdmin)
            return null;
        var result = new HashSet<Guid> { access.UserId };
        var headed = await db.Departments.AsNoTracking().Where(d => d.HeadId == access.UserId).Select(d => d.Id).ToListAsync(ct);
        if (headed.Count == 0)
            return result;
        var all = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ParentId }).ToListAsync(ct);
        var tree = new HashSet<Guid>();
        foreach (var id in headed)
            tree.UnionWith(Department.SelfAndDescendants(id, all.Select(d => (d.Id, d.ParentId))));
        var members = await db.Users.AsNoTracking()
            .Where(u => u.DepartmentId != null && tree.Contains(u.DepartmentId.Value))
            .Select(u => u.Id).ToListAsync(ct);
        result.UnionWith(members);
        return result;
    }
}
