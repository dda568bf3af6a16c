using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Access;

/// <summary>
/// The failed sign-ins of one login name, whether or not a user has that login: counting by the
/// name, not by the user row, is what lets an unknown login be locked exactly like a real one.
/// Instants are UTC ticks, which both databases compare as integers.
/// </summary>
public class SignInAttempt
{
    /// <summary>The longest key kept: Identity's user names are at most this long; longer logins share the cut key.</summary>
    public const int KeyLength = 256;

    /// <summary>The login as Identity normalizes user names.</summary>
    public string LoginKey { get; set; } = "";

    /// <summary>Passwords checked (and not yet answered by a right one) in the current window.</summary>
    public int Failures { get; set; }

    /// <summary>Ticks: the window ends this long after its latest attempt; a later attempt starts a new one.</summary>
    public long WindowEndsAt { get; set; }

    /// <summary>Ticks: set when the attempt that takes the last check is reserved; until then null.</summary>
    public long? LockedUntil { get; set; }

    /// <summary>The key of a login as typed: trimmed, normalized, cut to <see cref="KeyLength"/>.</summary>
    public static string KeyOf(string normalizedLogin) =>
        normalizedLogin.Length > KeyLength ? normalizedLogin[..KeyLength] : normalizedLogin;

    /// <summary>
    /// Takes one check of the login's window with one statement, which the database serialises on
    /// SQLite and PostgreSQL alike: the row is created with one failure, or its count is raised
    /// while below <paramref name="max"/>, or restarted at one once the window has ended. The
    /// attempt that takes the last check sets the lock's end in the same statement. A locked row is
    /// left as it is (the upsert's condition is false) and no row comes back.
    /// </summary>
    /// <returns>The failures counted with this attempt, or null when the login is locked.</returns>
    internal static async Task<int?> ReserveAsync(LetopisDb db, string key, int max, DateTimeOffset now, TimeSpan window, CancellationToken ct)
    {
        var nowTicks = now.UtcTicks;
        var ends = (now + window).UtcTicks;
        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        var rows = await db.Database.SqlQuery<int>($"""
            INSERT INTO "SignInAttempts" ("LoginKey", "Failures", "WindowEndsAt", "LockedUntil")
            VALUES ({key}, 1, {ends}, CASE WHEN 1 >= {max} THEN {ends} ELSE NULL END)
            ON CONFLICT ("LoginKey") DO UPDATE SET
                "Failures" = CASE WHEN "SignInAttempts"."WindowEndsAt" <= {nowTicks} THEN 1 ELSE "SignInAttempts"."Failures" + 1 END,
                "LockedUntil" = CASE
                    WHEN "SignInAttempts"."WindowEndsAt" <= {nowTicks} THEN CASE WHEN 1 >= {max} THEN {ends} ELSE NULL END
                    WHEN "SignInAttempts"."Failures" + 1 >= {max} THEN {ends}
                    ELSE NULL END,
                "WindowEndsAt" = {ends}
            WHERE "SignInAttempts"."WindowEndsAt" <= {nowTicks} OR "SignInAttempts"."Failures" < {max}
            RETURNING "Failures" AS "Value"
            """).ToListAsync(ct);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>When the login's lock was taken (its end less the window); null when it has no row or no lock.</summary>
    internal static async Task<DateTimeOffset?> LockedAtAsync(LetopisDb db, string key, TimeSpan window, CancellationToken ct)
    {
        var until = await db.Set<SignInAttempt>().AsNoTracking().Where(a => a.LoginKey == key).Select(a => a.LockedUntil).FirstOrDefaultAsync(ct);
        return until is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) - window : null;
    }

    /// <summary>Forgets the login's failures and lock: a right password, or an administrator's new one.</summary>
    internal static async Task ClearAsync(LetopisDb db, string key, CancellationToken ct)
    {
        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "SignInAttempts" WHERE "LoginKey" = {key}""", ct);
    }

    /// <summary>Deletes the rows whose window has ended: they mean the same as no row.</summary>
    internal static async Task DeleteEndedAsync(LetopisDb db, DateTimeOffset now, CancellationToken ct)
    {
        var nowTicks = now.UtcTicks;
        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "SignInAttempts" WHERE "WindowEndsAt" < {nowTicks}""", ct);
    }
}

internal sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttempt>
{
    public void Configure(EntityTypeBuilder<SignInAttempt> e)
    {
        e.ToTable("SignInAttempts");
        e.HasKey(a => a.LoginKey);
        e.Property(a => a.LoginKey).HasMaxLength(SignInAttempt.KeyLength);
        // The sweep of ended windows reads this index instead of the whole table.
        e.HasIndex(a => a.WindowEndsAt);
    }
}
