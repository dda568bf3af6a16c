using System.Collections.Concurrent;
using Letopis.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Access;

/// <summary>
/// One row whose value changes whenever anything an <see cref="AccessContext"/> is built from
/// changes: roles, permission cells, role membership, departments, users' departments — and the
/// names <see cref="NameBook"/> keeps (users' full names, reference-book entries). Every node
/// compares it with the value its cached contexts were built under, so a change made on any node
/// takes effect on the next request everywhere, without re-reading the permission matrix each time.
/// </summary>
public class AccessStamp
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    /// <summary>A fresh random value per change: concurrent changes can never end on a value a node already cached.</summary>
    public Guid Value { get; set; }

    /// <summary>Marks the stamp changed in this save when an entry affects access contexts.</summary>
    internal static void BumpIfNeeded(DbContext db)
    {
        if (!db.ChangeTracker.Entries().Any(e => AffectsAccess(e) || NameBook.Affects(e)))
            return;
        var stamp = db.ChangeTracker.Entries<AccessStamp>().FirstOrDefault()?.Entity;
        if (stamp is null)
        {
            stamp = new AccessStamp { Id = SingletonId };
            db.Attach(stamp);
        }
        stamp.Value = Guid.NewGuid();
        db.Entry(stamp).Property(s => s.Value).IsModified = true;
    }

    private static bool AffectsAccess(EntityEntry entry) => entry.State switch
    {
        EntityState.Added or EntityState.Deleted => entry.Entity is AppUser or AppRole or IdentityUserRole<Guid> or RolePermission or Department,
        EntityState.Modified => entry.Entity switch
        {
            AppUser => entry.Property(nameof(AppUser.DepartmentId)).IsModified,
            Department => entry.Property(nameof(Department.ParentId)).IsModified,
            AppRole or RolePermission or IdentityUserRole<Guid> => true,
            _ => false,
        },
        _ => false,
    };
}

internal sealed class AccessStampConfiguration : IEntityTypeConfiguration<AccessStamp>
{
    public void Configure(EntityTypeBuilder<AccessStamp> e)
    {
        e.Property(s => s.Id).ValueGeneratedNever();
        e.HasData(new AccessStamp { Id = AccessStamp.SingletonId, Value = new Guid("00000000-0000-0000-0000-000000000001") });
    }
}

/// <summary>What every authenticated request needs to know about its user, read in one round trip.</summary>
/// <param name="IsActive">Whether the account may act at all.</param>
/// <param name="Stamp">The database's <see cref="AccessStamp"/> value.</param>
/// <param name="SecurityStamp">
/// The user's Identity security stamp: a sign-in (cookie or access token) carries the value it was
/// issued under, and a password change, a reset, a role change or a deactivation moves it.
/// </param>
public sealed record UserAccessState(bool IsActive, Guid Stamp, string? SecurityStamp)
{
    /// <summary>Whether a sign-in issued under <paramref name="issuedUnder"/> still holds.</summary>
    public bool Holds(string? issuedUnder) => IsActive && issuedUnder is not null && string.Equals(issuedUnder, SecurityStamp, StringComparison.Ordinal);
}

/// <summary>
/// Access contexts kept per user for as long as the database's <see cref="AccessStamp"/> is
/// unchanged. A request pays one primary-key read instead of the six queries of a full load.
/// </summary>
public sealed class AccessCache
{
    private static readonly PerModel<Func<LetopisDb, Guid, Task<UserAccessState?>>> ReadStateQuery = new(() =>
        EF.CompileAsyncQuery((LetopisDb d, Guid id) => d.Users
            .Where(u => u.Id == id)
            .Select(u => new UserAccessState(u.IsActive, d.AccessStamps.Where(s => s.Id == AccessStamp.SingletonId).Select(s => s.Value).FirstOrDefault(), u.SecurityStamp))
            .FirstOrDefault()));

    private static readonly PerModel<Func<LetopisDb, Task<Guid>>> ReadStampQuery = new(() =>
        EF.CompileAsyncQuery((LetopisDb d) => d.AccessStamps.Where(s => s.Id == AccessStamp.SingletonId).Select(s => s.Value).FirstOrDefault()));

    private readonly ConcurrentDictionary<Guid, (Guid Stamp, AccessContext Access)> _contexts = new();

    /// <summary>Whether the user exists and is active, their security stamp and the current access stamp; null for an unknown user.</summary>
    public static Task<UserAccessState?> ReadUserStateAsync(LetopisDb db, Guid userId) => ReadStateQuery.For(db)(db, userId);

    /// <summary>The current stamp value.</summary>
    internal static Task<Guid> ReadStampAsync(LetopisDb db) => ReadStampQuery.For(db)(db);

    /// <summary>The user's access context under <paramref name="knownStamp"/> (read from the database when not given).</summary>
    public async Task<AccessContext> GetAsync(LetopisDb db, Guid userId, Guid? knownStamp, CancellationToken ct)
    {
        var stamp = knownStamp ?? await ReadStampAsync(db);
        if (_contexts.TryGetValue(userId, out var cached) && cached.Stamp == stamp)
            return cached.Access;
        // Loaded after the stamp was read, so it is at least as new as the stamp it is filed under.
        var access = await AccessContext.LoadAsync(db, userId, ct);
        access.Stamp = stamp;
        _contexts[userId] = (stamp, access);
        return access;
    }
}
