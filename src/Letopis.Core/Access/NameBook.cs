using System.Collections.Frozen;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

/// <summary>
/// The names lists and cards print beside ids — users' full names and reference-book entries — kept
/// on each node for as long as the database's <see cref="AccessStamp"/> is unchanged (renaming a user
/// or an entry changes it). A directory page or an agenda then reads ids only, instead of looking up
/// six to eleven names per row in SQL.
/// </summary>
public sealed class NameBook
{
    private Snapshot? _current;

    /// <summary>The names as of <paramref name="knownStamp"/> (read from the database when not given).</summary>
    public async Task<Names> GetAsync(LetopisDb db, Guid? knownStamp, CancellationToken ct)
    {
        var stamp = knownStamp ?? await AccessCache.ReadStampAsync(db);
        if (Volatile.Read(ref _current) is { } current && current.Stamp == stamp)
            return current.Names;
        // Read after the stamp, so the names are at least as new as the stamp they are filed under.
        var users = await db.Users.AsNoTracking().Select(u => new IdName(u.Id, u.FullName)).ToListAsync(ct);
        var items = await db.ReferenceItems.AsNoTracking().Select(r => new IdName(r.Id, r.Name)).ToListAsync(ct);
        var names = new Names(
            users.ToFrozenDictionary(u => u.Id, u => u.Name),
            items.ToFrozenDictionary(r => r.Id, r => r.Name));
        Volatile.Write(ref _current, new Snapshot(stamp, names));
        return names;
    }

    /// <summary>Whether a change touches what the book keeps (the access stamp then changes too).</summary>
    internal static bool Affects(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) => entry.State switch
    {
        EntityState.Added or EntityState.Deleted => entry.Entity is ReferenceItem,
        EntityState.Modified => entry.Entity switch
        {
            AppUser => entry.Property(nameof(AppUser.FullName)).IsModified,
            ReferenceItem => entry.Property(nameof(ReferenceItem.Name)).IsModified,
            _ => false,
        },
        _ => false,
    };

    // A named type, not a tuple: Npgsql would read a tuple as a PostgreSQL ROW.
    private sealed record IdName(Guid Id, string Name);

    private sealed record Snapshot(Guid Stamp, Names Names);
}

/// <summary>One consistent set of names.</summary>
public sealed class Names(FrozenDictionary<Guid, string> users, FrozenDictionary<Guid, string> referenceItems)
{
    public string? User(Guid? id) => id is { } key ? users.GetValueOrDefault(key) : null;

    public string? Reference(Guid? id) => id is { } key ? referenceItems.GetValueOrDefault(key) : null;
}
