using Letopis.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Letopis.Core.Access;

/// <summary>
/// Checks a login and password for every way of signing in (the API's token, the UI's form), and
/// never checks more than <c>Lockout.MaxFailedAccessAttempts</c> passwords of one account per
/// lockout window, however many guesses arrive at once and on however many servers.
/// <para>
/// Identity's own check reads the failure count, verifies the hash (~100 ms) and writes the count
/// back: guesses that arrive together all read the same count, and all but one of their writes
/// were lost, so a burst of 30 guesses was checked without locking the account. Here each check
/// first reserves an attempt with one conditional UPDATE (<c>count &lt; max</c>), which the
/// database serialises; the attempt that takes the last one sets the lockout's end in the same
/// statement. A right password gives the count back to zero, a wrong one keeps its reservation.
/// </para>
/// <para>
/// An unknown, disabled or locked login is answered exactly like a wrong password, after
/// verifying the password against a dummy hash of the same cost: neither the answer nor its time
/// tells whether a login exists or is locked. The counters are written past the change tracker:
/// no version bump, no history row, so failed guesses never make an administrator's edit stale.
/// </para>
/// </summary>
public sealed class CheckPassword(LetopisDb db, UserManager<AppUser> users, IOptions<IdentityOptions> identity, TimeProvider time)
{
    private static string? _dummyHash;

    /// <summary>The user when the login exists, is active, not locked, and the password is right; otherwise null.</summary>
    public async Task<AppUser?> HandleAsync(string login, string password, CancellationToken ct)
    {
        var normalized = users.NormalizeName(login.Trim());
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
        if (user is not { IsActive: true, PasswordHash: { } hash } || !await ReserveAttemptAsync(user, ct))
        {
            _dummyHash ??= users.PasswordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString("N"));
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), _dummyHash, password);
            return null;
        }

        var result = users.PasswordHasher.VerifyHashedPassword(user, hash, password);
        if (result == PasswordVerificationResult.Failed)
            return null;

        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.AccessFailedCount, 0)
            .SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), ct);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // A hash made with older settings is replaced, unless the password changed meanwhile.
            var rehashed = users.PasswordHasher.HashPassword(user, password);
            await db.Users.Where(u => u.Id == user.Id && u.PasswordHash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, rehashed), ct);
        }
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        return user;
    }

    /// <summary>Takes one of the account's attempts in the current window; false when none is left.</summary>
    private async Task<bool> ReserveAttemptAsync(AppUser user, CancellationToken ct)
    {
        if (!user.LockoutEnabled)
            return true;
        var lockout = identity.Value.Lockout;
        var max = lockout.MaxFailedAccessAttempts;
        var (failures, end) = (user.AccessFailedCount, user.LockoutEnd);
        // Each round either takes an attempt or sees the state another request just changed; a few
        // rounds settle any race, and a request that keeps losing is refused like a locked one.
        for (var round = 0; round < 4; round++)
        {
            var now = time.GetUtcNow();
            // SQLite stores DateTimeOffset as text and cannot order it, so the window's end is
            // compared here; the statements below compare only counts and equal values.
            if (end > now)
                return false;
            if (failures >= max)
            {
                // The lockout is over: the first request to see it opens a new window. The end in the
                // condition keeps a late request from wiping a lockout that a new window already set.
                var seenEnd = end;
                await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount >= max && u.LockoutEnd == seenEnd)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(u => u.AccessFailedCount, 0)
                        .SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), ct);
            }
            else
            {
                DateTimeOffset? lockedUntil = now + lockout.DefaultLockoutTimeSpan;
                var reserved = await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount < max)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= max ? lockedUntil : u.LockoutEnd)
                        .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), ct);
                if (reserved == 1)
                    return true;
            }
            var current = await db.Users.AsNoTracking().Where(u => u.Id == user.Id)
                .Select(u => new { u.AccessFailedCount, u.LockoutEnd }).SingleAsync(ct);
            (failures, end) = (current.AccessFailedCount, current.LockoutEnd);
        }
        return false;
    }
}
