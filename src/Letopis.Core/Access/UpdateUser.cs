using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

public sealed record UpdateUserRequest(
    Optional<string?> FullName,
    Optional<string?> Email,
    Optional<Guid?> DepartmentId,
    Optional<IReadOnlyList<string>?> Roles,
    Optional<bool?> IsActive,
    Optional<string?> Culture,
    Optional<string?> Password,
    int? Version,
    int? IfMatchVersion,
    Optional<string?> TimeZone = default,
    bool RevokeApiTokens = false,
    Optional<string?> Position = default);

/// <summary>An administrator edits a user; <see cref="UpdateOwnProfile"/> covers what users change themselves.</summary>
public sealed class UpdateUser(LetopisDb db, UserManager<AppUser> users, TimeProvider time, ICurrentActor actor)
{
    public async Task<Result<UserDto>> HandleAsync(AccessContext access, Guid id, UpdateUserRequest request, CancellationToken ct)
    {
        if (!access.IsAdmin)
            return Error.Forbidden();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
            return Error.NotFound();
        if (VersionCheck.Fails(user.Version, request.Version, request.IfMatchVersion) is { } stale)
            return stale;

        var errors = new List<(string, string)>();
        await UserRules.ValidateCommonAsync(db, errors,
            request.FullName.HasValue ? request.FullName.Value ?? "" : null,
            request.Email.Value, request.DepartmentId.Value,
            request.Roles.HasValue ? request.Roles.Value ?? [] : null, ct);
        if (request.Culture is { HasValue: true, Value: var culture } && culture is not ("ru" or "en"))
            errors.Add(("culture", FieldErrors.Invalid));
        UserRules.ValidateTimeZone(errors, request.TimeZone);
        var position = request.Position.HasValue ? TextRules.Field(request.Position.Value, "position", TextLimits.Name, errors) : user.Position;
        if (request.Roles is { HasValue: true, Value: { Count: 0 } or null })
            errors.Add(("roles", FieldErrors.Required));
        if (request.IsActive is { HasValue: true, Value: false } && id == access.UserId)
            errors.Add(("isActive", "cannot_deactivate_self"));
        if (request.Roles.HasValue && id == access.UserId && !(request.Roles.Value ?? []).Contains(BuiltInRoles.Admin))
            errors.Add(("roles", "cannot_remove_own_admin"));
        if (request.Password is { HasValue: true, Value: { } pw })
        {
            foreach (var validator in users.PasswordValidators)
            {
                if (!(await validator.ValidateAsync(users, user, pw)).Succeeded)
                {
                    errors.Add(("password", FieldErrors.PasswordTooWeak));
                    break;
                }
            }
        }
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (request.FullName.HasValue)
            user.FullName = request.FullName.Value!.Trim();
        if (request.Email.HasValue)
        {
            user.Email = string.IsNullOrWhiteSpace(request.Email.Value) ? null : request.Email.Value.Trim();
            user.NormalizedEmail = user.Email?.ToUpperInvariant();
        }
        if (request.DepartmentId.HasValue)
            user.DepartmentId = request.DepartmentId.Value;
        user.Position = position;
        // A deactivation, a password reset and a role change end the user's sessions: a cookie or an
        // access token issued before must not keep the old password's or the old roles' reach.
        var endSessions = false;
        if (request.IsActive is { HasValue: true, Value: { } active } && active != user.IsActive)
        {
            user.IsActive = active;
            endSessions = true;
        }
        if (request.Culture is { HasValue: true, Value: { } c })
            user.Culture = c;
        if (request.TimeZone.HasValue)
            user.TimeZone = UserRules.StoredTimeZone(request.TimeZone.Value);
        if (request.Password is { HasValue: true, Value: { } password })
        {
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            endSessions = true;
            await SignInAttempt.ClearAsync(db, SignInAttempt.KeyOf(user.NormalizedUserName ?? ""), ct);
            db.ChangeRecords.Add(Record(user.Id, "password", null, "***"));
        }
        if (request.Roles is { HasValue: true, Value: { } roles })
        {
            var before = (await users.GetRolesAsync(user)).Order().ToList();
            var result = await UserRules.SetRolesAsync(users, user, roles);
            if (!result.Succeeded)
                return IdentityErrors.ToError(result);
            var after = roles.Distinct().Order().ToList();
            if (!before.SequenceEqual(after))
            {
                db.ChangeRecords.Add(Record(user.Id, "roles", string.Join(", ", before), string.Join(", ", after)));
                endSessions = true;
            }
            // A role change touches only the join table: bump the version so clients see the card changed.
            db.Entry(user).Property(u => u.Version).IsModified = true;
        }
        if (endSessions)
            user.EndSessions();
        if (request.RevokeApiTokens)
        {
            // Personal API tokens are credentials of their own and outlive a password change, unless the administrator says so.
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var token in await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ToListAsync(ct))
                token.RevokedAt = now;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return (await UserProjection.LoadAsync(db, user.Id, time.GetUtcNow().UtcDateTime, ct))!;
    }

    private ChangeRecord Record(Guid userId, string field, string? oldValue, string? newValue) =>
        ChangeRecord.Of(EntityKinds.User, userId, time.GetUtcNow().UtcDateTime, actor, ChangeOperation.Updated, field, oldValue, newValue);
}
