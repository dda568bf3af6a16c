using System.Net.Mail;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

/// <summary>Checks shared by creating and editing users, run before anything is written.</summary>
internal static class UserRules
{
    public static bool IsValidEmail(string email) =>
        email.Length <= 254 && TextRules.IsAllowed(email) && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal);

    public static bool IsValidLogin(string login) =>
        login.Length is >= 2 and <= 64 && login.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@');

    public static async Task ValidateCommonAsync(
        LetopisDb db, List<(string, string)> errors, string? fullName, string? email, Guid? departmentId,
        IReadOnlyList<string>? roles, CancellationToken ct)
    {
        if (fullName is not null)
        {
            if (string.IsNullOrWhiteSpace(fullName))
                errors.Add(("fullName", FieldErrors.Required));
            else if (fullName.Length > TextLimits.Name)
                errors.Add(("fullName", FieldErrors.TooLong));
            else
                TextRules.Check(fullName, "fullName", errors);
        }
        if (!string.IsNullOrEmpty(email) && !IsValidEmail(email))
            errors.Add(("email", FieldErrors.Invalid));
        if (departmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d, ct))
            errors.Add(("departmentId", FieldErrors.NotFound));
        if (roles is not null)
        {
            var known = await db.Roles.Select(r => r.Name!).ToListAsync(ct);
            if (roles.Any(r => !known.Contains(r)))
                errors.Add(("roles", FieldErrors.NotFound));
        }
    }

    /// <summary>A chosen zone must be an IANA id this machine knows; empty or null means the company's.</summary>
    public static void ValidateTimeZone(List<(string, string)> errors, Optional<string?> timeZone)
    {
        if (timeZone is { HasValue: true, Value: { } id } && !string.IsNullOrWhiteSpace(id) && !TimeZones.TryFind(id, out _))
            errors.Add(("timeZone", FieldErrors.Invalid));
    }

    /// <summary>The id to store: the zone's canonical spelling, or null for the company's.</summary>
    public static string? StoredTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZones.TryFind(id, out var zone) ? zone.Id : null;

    public static async Task<IdentityResult> SetRolesAsync(UserManager<AppUser> users, AppUser user, IReadOnlyList<string> roles)
    {
        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current.Except(roles));
        if (!removed.Succeeded)
            return removed;
        return await users.AddToRolesAsync(user, roles.Except(current).Distinct());
    }
}
