using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

/// <summary>A record whose visibility follows its responsible person (and so that person's department).</summary>
public interface IScopedRecord
{
    Guid? ResponsibleId { get; }
}

/// <summary>
/// What the signed-in user (or the colleague a deputy stands in for) may see and do.
/// Built once per request; every list, card, search and file query goes through it.
/// </summary>
public sealed class AccessContext
{
    private readonly Dictionary<(string Kind, PermissionAction Action), AccessScope> _scopes;
    private readonly HashSet<Guid> _departmentUsers;
    private readonly HashSet<Guid> _departmentTreeUsers;

    public AccessContext(
        Guid userId,
        Guid? departmentId,
        IReadOnlyCollection<string> roles,
        Dictionary<(string Kind, PermissionAction Action), AccessScope> scopes,
        HashSet<Guid> departmentUsers,
        HashSet<Guid> departmentTreeUsers)
    {
        UserId = userId;
        DepartmentId = departmentId;
        Roles = roles;
        _scopes = scopes;
        _departmentUsers = departmentUsers;
        _departmentTreeUsers = departmentTreeUsers;
    }

    public Guid UserId { get; }

    /// <summary>The <see cref="AccessStamp"/> value this context was built under, when it came from <see cref="AccessCache"/>.</summary>
    public Guid? Stamp { get; internal set; }

    public Guid? DepartmentId { get; }

    public IReadOnlyCollection<string> Roles { get; }

    public bool IsAdmin => Roles.Contains(BuiltInRoles.Admin);

    public AccessScope ScopeFor(string kind, PermissionAction action) =>
        IsAdmin ? AccessScope.All : _scopes.GetValueOrDefault((kind, action), AccessScope.None);

    /// <summary>The users whose records fall into a department-based scope (always includes the user).</summary>
    public IReadOnlySet<Guid> UsersIn(AccessScope scope) => scope switch
    {
        AccessScope.Department => _departmentUsers,
        AccessScope.DepartmentTree => _departmentTreeUsers,
        _ => new HashSet<Guid> { UserId },
    };

    /// <summary>Whether a record with this responsible person may be acted on.</summary>
    public bool Allows(string kind, PermissionAction action, Guid? responsibleId, IEnumerable<Guid>? coResponsibleIds = null)
    {
        var scope = ScopeFor(kind, action);
        return scope switch
        {
            AccessScope.All => true,
            AccessScope.None => false,
            _ => responsibleId == UserId
                 || (coResponsibleIds?.Contains(UserId) ?? false)
                 || (responsibleId is { } r && UsersIn(scope).Contains(r)),
        };
    }

    /// <summary>Loads the access context of a user: roles, permission matrix, department members.</summary>
    public static async Task<AccessContext> LoadAsync(LetopisDb db, Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.DepartmentId })
            .SingleAsync(ct);

        var roleIds = await db.UserRoles.Where(ur => ur.UserId == userId).Select(ur => ur.RoleId).ToListAsync(ct);
        var roles = await db.Roles.Where(r => roleIds.Contains(r.Id)).Select(r => r.Name!).ToListAsync(ct);

        var scopes = new Dictionary<(string, PermissionAction), AccessScope>();
        var cells = await db.RolePermissions.AsNoTracking().Where(p => roleIds.Contains(p.RoleId)).ToListAsync(ct);
        foreach (var cell in cells)
        {
            var key = (cell.EntityKind, cell.Action);
            if (!scopes.TryGetValue(key, out var existing) || cell.Scope > existing)
                scopes[key] = cell.Scope;
        }

        var departmentUsers = new HashSet<Guid> { userId };
        var treeUsers = new HashSet<Guid> { userId };
        if (user.DepartmentId is { } departmentId)
        {
            var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ParentId }).ToListAsync(ct);
            var tree = Department.SelfAndDescendants(departmentId, departments.Select(d => (d.Id, d.ParentId)));
            var members = await db.Users.AsNoTracking()
                .Where(u => u.DepartmentId != null && tree.Contains(u.DepartmentId.Value))
                .Select(u => new { u.Id, u.DepartmentId })
                .ToListAsync(ct);
            foreach (var m in members)
            {
                treeUsers.Add(m.Id);
                if (m.DepartmentId == departmentId)
                    departmentUsers.Add(m.Id);
            }
        }

        return new AccessContext(userId, user.DepartmentId, roles, scopes, departmentUsers, treeUsers);
    }
}

public static class AccessQueryExtensions
{
    /// <summary>
    /// The generic visibility filter: keeps only the records this user may act on with
    /// <paramref name="action"/>. Hidden records simply do not exist for the caller (404).
    /// </summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, AccessContext access, string kind,
        PermissionAction action = PermissionAction.Read)
        where T : class, IScopedRecord
    {
        var scope = access.ScopeFor(kind, action);
        var me = access.UserId;
        switch (scope)
        {
            case AccessScope.All:
                return query;
            case AccessScope.None:
                return query.Where(_ => false);
            case AccessScope.Own:
                return query.Where(r => r.ResponsibleId == me);
            default:
                var users = access.UsersIn(scope).ToList();
                return query.Where(r => r.ResponsibleId != null && users.Contains(r.ResponsibleId.Value));
        }
    }
}
