using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Letopis.Core.Access;

/// <summary>What a sign-in check found: the user, or why there is none.</summary>
public sealed record PasswordCheck(AppUser? User, bool LockedOut)
{
    /// <summary>The stable error code of a refusal: <c>locked_out</c> or <c>invalid_credentials</c>.</summary>
    public string ErrorCode => LockedOut ? "locked_out" : "invalid_credentials";
}

/// <summary>
/// Checks a login and password for every way of signing in (the API's token, the UI's form), and
/// never checks more than <c>Lockout.MaxFailedAccessAttempts</c> passwords of one login per
/// lockout window, however many guesses arrive at once and on however many servers.
/// <para>
/// Failures are counted per login name in <see cref="SignInAttempt"/>, not in the user row, so an
/// unknown login is counted and locked exactly like a real one. Each check first reserves an
/// attempt with one upsert that the database serialises; the attempt that takes the last one locks
/// the login in the same statement. A right password forgets the login's failures.
/// </para>
/// <para>
/// Unknown, disabled and locked logins verify the password against a dummy hash of the same cost,
/// and a locked login answers <c>locked_out</c> whether or not it exists: neither the answer nor
/// its time tells whether a login exists. Nothing is written to the user row, so failed guesses
/// never make an administrator's edit stale.
/// </para>
/// </summary>
public sealed class CheckPassword(LetopisDb db, UserManager<AppUser> users, IOptions<IdentityOptions> identity, TimeProvider time)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    // Far longer than a password check (~0.1-0.3 s): by then every check that took part in a lock has ended.
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan SettleStep = TimeSpan.FromMilliseconds(100);

    private static string? _dummyHash;

    // Environment.TickCount64 of this node's next sweep of ended windows.
    private static long _nextSweep;

    /// <summary>The user when the login exists, is active, not locked, and the password is right; otherwise why not.</summary>
    public async Task<PasswordCheck> HandleAsync(string login, string password, CancellationToken ct)
    {
        // No login holds a control character or a broken surrogate, and PostgreSQL cannot even
        // compare a NUL: such a login is a wrong one, checked against the dummy hash like any other.
        if (!TextRules.IsAllowed(login))
        {
            VerifyDummy(password);
            return new PasswordCheck(null, false);
        }
        var normalized = users.NormalizeName(login.Trim());
        var key = SignInAttempt.KeyOf(normalized);
        var lockout = identity.Value.Lockout;
        var now = time.GetUtcNow();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
        var failures = await SignInAttempt.ReserveAsync(db, key, lockout.MaxFailedAccessAttempts, now, lockout.DefaultLockoutTimeSpan, ct);
        // Checks still running count against the window too (that is what bounds parallel guesses),
        // so a burst of right passwords (an integration starting its workers) can fill it for a
        // moment: a lock taken in the last seconds may be lifted by one of them. Such a request waits
        // for it, briefly; a lock older than that stands. Known and unknown logins wait alike.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (failures is null && waited.Elapsed < SettleTime
               && await SignInAttempt.LockedAtAsync(db, key, lockout.DefaultLockoutTimeSpan, ct) is var lockedAt
               && (lockedAt is null || now - lockedAt < SettleTime))
        {
            await Task.Delay(SettleStep, ct);
            now = time.GetUtcNow();
            failures = await SignInAttempt.ReserveAsync(db, key, lockout.MaxFailedAccessAttempts, now, lockout.DefaultLockoutTimeSpan, ct);
        }
        await SweepIfDueAsync(now, ct);
        // A wrong password that took the last attempt has locked the login, as a locked one answers.
        var lockedAfterFailure = failures is not { } taken || taken >= lockout.MaxFailedAccessAttempts;

        if (failures is null || user is not { IsActive: true, PasswordHash: { } hash })
        {
            VerifyDummy(password);
            return new PasswordCheck(null, lockedAfterFailure);
        }

        var result = users.PasswordHasher.VerifyHashedPassword(user, hash, password);
        if (result == PasswordVerificationResult.Failed)
            return new PasswordCheck(null, lockedAfterFailure);

        await SignInAttempt.ClearAsync(db, key, ct);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // A hash made with older settings is replaced, unless the password changed meanwhile.
            var rehashed = users.PasswordHasher.HashPassword(user, password);
            await db.Users.Where(u => u.Id == user.Id && u.PasswordHash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, rehashed), ct);
        }
        return new PasswordCheck(user, false);
    }

    /// <summary>
    /// The current password of a signed-in user (a change of their own password), checked under the
    /// same window as sign-in: an open session gives no more guesses than the sign-in page does.
    /// </summary>
    /// <returns>Null when the password is right; otherwise the field's error code.</returns>
    public async Task<string?> CheckCurrentAsync(AppUser user, string password, CancellationToken ct)
    {
        var lockout = identity.Value.Lockout;
        var key = SignInAttempt.KeyOf(user.NormalizedUserName ?? users.NormalizeName(user.UserName) ?? "");
        if (await SignInAttempt.ReserveAsync(db, key, lockout.MaxFailedAccessAttempts, time.GetUtcNow(), lockout.DefaultLockoutTimeSpan, ct) is null)
            return FieldErrors.TooManyAttempts;
        if (user.PasswordHash is not { } hash || users.PasswordHasher.VerifyHashedPassword(user, hash, password) == PasswordVerificationResult.Failed)
            return FieldErrors.Invalid;
        await SignInAttempt.ClearAsync(db, key, ct);
        return null;
    }

    /// <summary>At most once a minute per server, deletes the rows of ended windows, so guessed names do not pile up.</summary>
    private async Task SweepIfDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = Interlocked.Read(ref _nextSweep);
        var tick = Environment.TickCount64;
        if (tick < due || Interlocked.CompareExchange(ref _nextSweep, tick + (long)SweepEvery.TotalMilliseconds, due) != due)
            return;
        await SignInAttempt.DeleteEndedAsync(db, now, ct);
    }

    /// <summary>Spends the time of a real check, so that no answer tells whether a login exists.</summary>
    private void VerifyDummy(string password)
    {
        _dummyHash ??= users.PasswordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString("N"));
        users.PasswordHasher.VerifyHashedPassword(new AppUser(), _dummyHash, password);
    }
}
