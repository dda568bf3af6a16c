using Letopis.Core.Access;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Paper;

/// <summary>
/// The «Делопроизводство» settings right: Create/Edit/Delete of the storage places tree; Edit
/// makes a user one of «the office staff», who see every copy, print acts for any copies and are
/// told of overdue returns.
/// </summary>
public static class PaperRights
{
    public static bool Can(AccessContext access, PermissionAction action) =>
        access.IsAdmin || access.ScopeFor(EntityKinds.Paper, action) != AccessScope.None;

    public static bool IsOffice(AccessContext access) => Can(access, PermissionAction.Edit);

    /// <summary>The active members of the roles holding the right to edit paper (and the administrators).</summary>
    public static async Task<List<Guid>> OfficeStaffAsync(LetopisDb db, CancellationToken ct)
    {
        var roles = db.RolePermissions
            .Where(p => p.EntityKind == EntityKinds.Paper && p.Action == PermissionAction.Edit && p.Scope != AccessScope.None)
            .Select(p => p.RoleId)
            .Union(db.Roles.Where(r => r.Name == BuiltInRoles.Admin).Select(r => r.Id));
        return await db.UserRoles.Where(ur => roles.Contains(ur.RoleId))
            .Join(db.Users.Where(u => u.IsActive), ur => ur.UserId, u => u.Id, (ur, u) => u.Id)
            .Distinct().ToListAsync(ct);
    }
}
