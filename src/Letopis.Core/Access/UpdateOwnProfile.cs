using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

/// <summary>What a user changes about themselves; a new password needs the current one.</summary>
public sealed record UpdateOwnProfileRequest(
    Optional<string?> FullName,
    Optional<string?> Email,
    Optional<string?> Culture,
    string? CurrentPassword,
    string? NewPassword,
    Optional<string?> TimeZone = default);

/// <summary>The saved profile, and the security stamp a password change moved to (null when the password stayed).</summary>
public sealed record OwnProfileSaved(UserDto User, string? NewSecurityStamp);

public sealed class UpdateOwnProfile(LetopisDb db, UserManager<AppUser> users, TimeProvider time, CheckPassword check)
{
    /// <summary>Saves the changes; when the password changed, also the new security stamp the caller's own sign-in is renewed under.</summary>
    public async Task<Result<OwnProfileSaved>> SaveAsync(Guid userId, UpdateOwnProfileRequest request, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
            return Error.NotFound();

        var errors = new List<(string, string)>();
        await UserRules.ValidateCommonAsync(db, errors,
            request.FullName.HasValue ? request.FullName.Value ?? "" : null, request.Email.Value, null, null, ct);
        if (request.Culture is { HasValue: true, Value: var culture } && culture is not ("ru" or "en"))
            errors.Add(("culture", FieldErrors.Invalid));
        UserRules.ValidateTimeZone(errors, request.TimeZone);
        if (request.NewPassword is { } newPassword)
        {
            if (string.IsNullOrEmpty(request.CurrentPassword))
                errors.Add(("currentPassword", FieldErrors.Invalid));
            else if (await check.CheckCurrentAsync(user, request.CurrentPassword, ct) is { } wrong)
                errors.Add(("currentPassword", wrong));
            foreach (var validator in users.PasswordValidators)
            {
                if (!(await validator.ValidateAsync(users, user, newPassword)).Succeeded)
                {
                    errors.Add(("newPassword", FieldErrors.PasswordTooWeak));
                    break;
                }
            }
        }
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        if (request.FullName.HasValue)
            user.FullName = request.FullName.Value!.Trim();
        if (request.Email.HasValue)
        {
            user.Email = string.IsNullOrWhiteSpace(request.Email.Value) ? null : request.Email.Value.Trim();
            user.NormalizedEmail = user.Email?.ToUpperInvariant();
        }
        if (request.Culture is { HasValue: true, Value: { } c })
            user.Culture = c;
        if (request.TimeZone.HasValue)
            user.TimeZone = UserRules.StoredTimeZone(request.TimeZone.Value);
        if (request.NewPassword is { } pw)
        {
            user.PasswordHash = users.PasswordHasher.HashPassword(user, pw);
            // Every other sign-in ends; the one that asked gets a new cookie under the new stamp.
            user.EndSessions();
        }
        await db.SaveChangesAsync(ct);
        var saved = (await UserProjection.LoadAsync(db, user.Id, time.GetUtcNow().UtcDateTime, ct))!;
        return new OwnProfileSaved(saved, request.NewPassword is null ? null : user.SecurityStamp);
    }

    public async Task<Result<UserDto>> HandleAsync(Guid userId, UpdateOwnProfileRequest request, CancellationToken ct)
    {
        var result = await SaveAsync(userId, request, ct);
        if (!result.IsSuccess)
            return result.Error!;
        return result.Value.User;
    }
}
