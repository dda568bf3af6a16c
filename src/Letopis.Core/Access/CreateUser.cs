using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

/// <summary>A new user account.</summary>
/// <param name="Login">Sign-in name: Latin letters, digits, <c>. _ - @</c>.</param>
/// <param name="Password">At least 8 characters with a letter and a digit.</param>
/// <param name="FullName">Full name as colleagues see it.</param>
/// <param name="Email">Where reminders are e-mailed.</param>
/// <param name="DepartmentId">The department the user belongs to.</param>
/// <param name="Roles">Role names: <c>admin</c>, <c>head</c>, <c>employee</c> or custom ones.</param>
/// <param name="TimeZone">IANA time zone id (<c>Asia/Novosibirsk</c>); absent: the company's.</param>
/// <param name="Position">The position held («Менеджер по продажам»), up to 300 characters.</param>
public sealed record CreateUserRequest(
    string? Login,
    string? Password,
    string? FullName,
    string? Email,
    Guid? DepartmentId,
    IReadOnlyList<string>? Roles,
    string? TimeZone = null,
    string? Position = null);

public sealed class CreateUser(LetopisDb db, UserManager<AppUser> users, TimeProvider time, ICurrentActor actor)
{
    public async Task<Result<UserDto>> HandleAsync(AccessContext access, CreateUserRequest request, CancellationToken ct)
    {
        if (!access.IsAdmin)
            return Error.Forbidden();

        var errors = new List<(string, string)>();
        var login = request.Login?.Trim() ?? "";
        if (login.Length == 0)
            errors.Add(("login", FieldErrors.Required));
        else if (!UserRules.IsValidLogin(login))
            errors.Add(("login", FieldErrors.Invalid));
        else if (await db.Users.AnyAsync(u => u.NormalizedUserName == login.ToUpperInvariant(), ct))
            errors.Add(("login", FieldErrors.Duplicate));
        if (string.IsNullOrEmpty(request.Password))
            errors.Add(("password", FieldErrors.Required));
        else if (!await PasswordIsAcceptableAsync(request.Password))
            errors.Add(("password", FieldErrors.PasswordTooWeak));
        await UserRules.ValidateCommonAsync(db, errors, request.FullName ?? "", request.Email, request.DepartmentId, request.Roles, ct);
        UserRules.ValidateTimeZone(errors, request.TimeZone);
        var position = TextRules.Field(request.Position, "position", TextLimits.Name, errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = login,
            FullName = request.FullName!.Trim(),
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
            DepartmentId = request.DepartmentId,
            Position = position,
            TimeZone = UserRules.StoredTimeZone(request.TimeZone),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var roles = request.Roles is { Count: > 0 } r ? r.Distinct().ToList() : [BuiltInRoles.Employee];

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
            return IdentityErrors.ToError(created);
        var addedRoles = await users.AddToRolesAsync(user, roles);
        if (!addedRoles.Succeeded)
            return IdentityErrors.ToError(addedRoles);
        db.ChangeRecords.Add(ChangeRecord.Of(EntityKinds.User, user.Id, time.GetUtcNow().UtcDateTime, actor,
            ChangeOperation.Created, "roles", null, string.Join(", ", roles.Order())));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        return (await UserProjection.LoadAsync(db, user.Id, time.GetUtcNow().UtcDateTime, ct))!;
    }

    private async Task<bool> PasswordIsAcceptableAsync(string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            if (!(await validator.ValidateAsync(users, new AppUser(), password)).Succeeded)
                return false;
        }
        return true;
    }
}

internal static class IdentityErrors
{
    public static Error ToError(IdentityResult result)
    {
        var field = result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password"
            : result.Errors.Any(e => e.Code.Contains("UserName", StringComparison.Ordinal)) ? "login"
            : result.Errors.Any(e => e.Code.Contains("Email", StringComparison.Ordinal)) ? "email"
            : "roles";
        var code = field == "password" ? FieldErrors.PasswordTooWeak
            : result.Errors.Any(e => e.Code.StartsWith("Duplicate", StringComparison.Ordinal)) ? FieldErrors.Duplicate
            : FieldErrors.Invalid;
        return Error.Validation((field, code));
    }
}
