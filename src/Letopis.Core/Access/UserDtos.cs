using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

/// <summary>A user as lists and cards show it.</summary>
/// <param name="TimeZone">The IANA time zone the user chose; null: the company's.</param>
/// <param name="Position">The position held («Менеджер по продажам»).</param>
public sealed record UserDto(
    Guid Id,
    string Login,
    string FullName,
    string? Email,
    Guid? DepartmentId,
    string? DepartmentName,
    IReadOnlyList<string> Roles,
    bool IsActive,
    bool LockedOut,
    string Culture,
    string? TimeZone,
    int Version,
    string? Position = null);

internal static class UserProjection
{
    public static async Task<UserDto?> LoadAsync(LetopisDb db, Guid id, DateTime now, CancellationToken ct)
    {
        var list = await LoadManyAsync(db, db.Users.Where(u => u.Id == id), now, ct);
        return list.SingleOrDefault();
    }

    public static async Task<List<UserDto>> LoadManyAsync(LetopisDb db, IQueryable<AppUser> users, DateTime now, CancellationToken ct)
    {
        var rows = await users
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.FullName,
                u.Email,
                u.DepartmentId,
                DepartmentName = u.Department != null ? u.Department.Name : null,
                u.IsActive,
                u.NormalizedUserName,
                u.Culture,
                u.TimeZone,
                u.Version,
                u.Position,
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await db.UserRoles
            .Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        // Sign-in locks are kept per login name (see CheckPassword), not in the user row.
        var keys = rows.Select(r => SignInAttempt.KeyOf(r.NormalizedUserName ?? "")).ToList();
        var nowTicks = now.Ticks;
        var locked = (await db.Set<SignInAttempt>()
            .Where(a => keys.Contains(a.LoginKey) && a.LockedUntil > nowTicks)
            .Select(a => a.LoginKey)
            .ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return rows.Select(r => new UserDto(
            r.Id, r.UserName!, r.FullName, r.Email, r.DepartmentId, r.DepartmentName,
            rolesByUser[r.Id].Order().ToList(), r.IsActive,
            locked.Contains(SignInAttempt.KeyOf(r.NormalizedUserName ?? "")), r.Culture, r.TimeZone, r.Version, r.Position)).ToList();
    }
}
