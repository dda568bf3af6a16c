using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

public sealed record RoleDto(Guid Id, string Name, string DisplayName, bool IsBuiltIn, int UserCount);

/// <summary>One cell of the permission matrix.</summary>
/// <param name="EntityKind">Record kind: <c>counterparty</c>, <c>contact</c>, <c>lead</c>, <c>deal</c>, <c>activity</c>, <c>document</c>;
/// or the setting <c>customField</c> (any scope but <c>none</c> allows the action; everyone reads definitions).</param>
/// <param name="Action"><c>read</c>, <c>create</c>, <c>edit</c> or <c>delete</c>.</param>
/// <param name="Scope"><c>none</c>, <c>own</c>, <c>department</c>, <c>departmentTree</c> or <c>all</c>.</param>
public sealed record PermissionDto(string EntityKind, PermissionAction Action, AccessScope Scope);

/// <summary>A custom role; permissions are set separately.</summary>
/// <param name="Name">Machine name: lower-case Latin letters, digits and dashes.</param>
/// <param name="DisplayName">The name people see.</param>
public sealed record CreateRoleRequest(string? Name, string? DisplayName);

public sealed class ListRoles(LetopisDb db)
{
    public async Task<List<RoleDto>> HandleAsync(CancellationToken ct) =>
        await db.Roles.AsNoTracking()
            .OrderByDescending(r => r.IsBuiltIn).ThenBy(r => r.Name)
            .Select(r => new RoleDto(r.Id, r.Name!, r.DisplayName, r.IsBuiltIn, db.UserRoles.Count(ur => ur.RoleId == r.Id)))
            .ToListAsync(ct);

    public async Task<Result<List<PermissionDto>>> PermissionsAsync(Guid roleId, CancellationToken ct)
    {
        if (!await db.Roles.AnyAsync(r => r.Id == roleId, ct))
            return Error.NotFound();
        var cells = await db.RolePermissions.AsNoTracking().Where(p => p.RoleId == roleId).ToListAsync(ct);
        // Every kind and action is listed, so a client sees the whole matrix including "none".
        return EntityKinds.InMatrix
            .SelectMany(k => Enum.GetValues<PermissionAction>().Select(a => new PermissionDto(k, a,
                cells.FirstOrDefault(c => c.EntityKind == k && c.Action == a)?.Scope ?? AccessScope.None)))
            .ToList();
    }
}

public sealed class CreateRole(LetopisDb db)
{
    public async Task<Result<RoleDto>> HandleAsync(AccessContext access, CreateRoleRequest request, CancellationToken ct)
    {
        if (!access.IsAdmin)
            return Error.Forbidden();
        var name = request.Name?.Trim() ?? "";
        var errors = new List<(string, string)>();
        if (name.Length == 0)
            errors.Add(("name", FieldErrors.Required));
        else if (name.Length > 50 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            errors.Add(("name", FieldErrors.Invalid));
        else if (await db.Roles.AnyAsync(r => r.NormalizedName == name.ToUpperInvariant(), ct))
            errors.Add(("name", FieldErrors.Duplicate));
        if (request.DisplayName?.Length > TextLimits.Name)
            errors.Add(("displayName", FieldErrors.TooLong));
        else
            TextRules.Check(request.DisplayName?.Trim(), "displayName", errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        var role = new AppRole
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? name : request.DisplayName.Trim(),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        db.Roles.Add(role);
        await db.SaveChangesAsync(ct);
        return new RoleDto(role.Id, role.Name, role.DisplayName, false, 0);
    }
}

public sealed class DeleteRole(LetopisDb db)
{
    public async Task<Result<bool>> HandleAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        if (!access.IsAdmin)
            return Error.Forbidden();
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (role is null)
            return Error.NotFound();
        if (role.IsBuiltIn)
            return new Error("role_built_in", "Built-in roles cannot be deleted.");
        if (await db.UserRoles.AnyAsync(ur => ur.RoleId == id, ct))
            return new Error("role_in_use", "The role is still given to users.");
        db.Roles.Remove(role);
        await db.SaveChangesAsync(ct);
        return true;
    }
}

/// <summary>Replaces the permission matrix of one role (cells not listed keep their scope).</summary>
public sealed class SetRolePermissions(LetopisDb db, ListRoles list, TimeProvider time, ICurrentActor actor)
{
    public async Task<Result<List<PermissionDto>>> HandleAsync(AccessContext access, Guid roleId, IReadOnlyList<PermissionDto>? cells, CancellationToken ct)
    {
        if (!access.IsAdmin)
            return Error.Forbidden();
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == roleId, ct);
        if (role is null)
            return Error.NotFound();
        if (cells is null)
            return Error.Validation(("permissions", FieldErrors.Required));
        if (cells.Any(c => !EntityKinds.IsInMatrix(c.EntityKind)))
            return Error.Validation(("entityKind", FieldErrors.Invalid));
        if (role.Name == BuiltInRoles.Admin)
            return new Error("role_admin_fixed", "The admin role always sees everything.");

        var existing = await db.RolePermissions.Where(p => p.RoleId == roleId).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var cell in cells)
        {
            var row = existing.FirstOrDefault(p => p.EntityKind == cell.EntityKind && p.Action == cell.Action);
            var old = row?.Scope ?? AccessScope.None;
            if (old == cell.Scope)
                continue;
            if (row is null)
            {
                row = new RolePermission { RoleId = roleId, EntityKind = cell.EntityKind, Action = cell.Action };
                db.RolePermissions.Add(row);
                existing.Add(row);
            }
            row.Scope = cell.Scope;
            db.ChangeRecords.Add(ChangeRecord.Of(EntityKinds.Role, roleId, now, actor, ChangeOperation.Updated,
                $"{cell.EntityKind}.{cell.Action.ToString().ToLowerInvariant()}", old.ToString(), cell.Scope.ToString()));
        }
        await db.SaveChangesAsync(ct);
        return await list.PermissionsAsync(roleId, ct);
    }
}
