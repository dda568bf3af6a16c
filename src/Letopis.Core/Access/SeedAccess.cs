using System.Security.Cryptography;
using Letopis.Core.Calendar;
using Letopis.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

/// <summary>
/// What an empty database needs before anyone can sign in: built-in roles with their default
/// permissions, the first administrator, and the current production calendar.
/// </summary>
public sealed class SeedAccess(LetopisDb db, UserManager<AppUser> users, RoleManager<AppRole> roles, TimeProvider time)
{
    /// <summary>Returns the generated admin password when one had to be made up, so the host prints it once.</summary>
    public async Task<string?> HandleAsync(string? adminPassword, CancellationToken ct)
    {
        foreach (var name in BuiltInRoles.All)
        {
            if (await roles.FindByNameAsync(name) is not null)
                continue;
            var role = new AppRole { Id = Guid.CreateVersion7(), Name = name, IsBuiltIn = true, DisplayName = name };
            await roles.CreateAsync(role);
            foreach (var (kind, action, scope) in DefaultPermissions.For(name))
                db.RolePermissions.Add(new RolePermission { RoleId = role.Id, EntityKind = kind, Action = action, Scope = scope });
            await db.SaveChangesAsync(ct);
        }

        if (!await db.CalendarDays.AnyAsync(ct))
        {
            db.CalendarDays.AddRange(WorkingDays.Russia2026());
            await db.SaveChangesAsync(ct);
        }

        if (await db.Users.AnyAsync(ct))
            return null;

        var generated = string.IsNullOrEmpty(adminPassword);
        var password = generated ? GeneratePassword() : adminPassword!;
        var admin = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = "admin",
            FullName = "Администратор",
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
            throw new InvalidOperationException("The admin password is not acceptable: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, BuiltInRoles.Admin);
        return generated ? password : null;
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 14);
        // The password policy wants a digit and a lower-case letter; make sure both are there.
        chars[3] = RandomNumberGenerator.GetItems<char>("23456789", 1)[0];
        chars[7] = RandomNumberGenerator.GetItems<char>("abcdefghijkmnpqrstuvwxyz", 1)[0];
        return new string(chars);
    }
}
