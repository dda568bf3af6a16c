using System.Collections.Frozen;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

/// <summary>
/// The names lists and cards print beside ids — users' full names and reference-book entries — kept
/// on each node for as long as the database's <see cref="AccessStamp"/> is unchanged (renaming a user
/// or an entry changes it). A directory page or an agenda then reads ids only, instead of looking up
/// six to eleven names per row in SQL. It also keeps the time zones users chose, which every screen
/// showing a time or a day needs (see <see cref="Common.UserClock"/>).
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
        var users = await db.Users.AsNoTracking().Select(u => new UserRow(u.Id, u.FullName, u.TimeZone)).ToListAsync(ct);
        var items = await db.ReferenceItems.AsNoTracking().Select(r => new IdName(r.Id, r.Name)).ToListAsync(ct);
        var names = new Names(
            users.ToFrozenDictionary(u => u.Id, u => u.Name),
            items.ToFrozenDictionary(r => r.Id, r => r.Name),
            users.Where(u => u.TimeZone is not null).ToFrozenDictionary(u => u.Id, u => u.TimeZone!));
        Volatile.Write(ref _current, new Snapshot(stamp, names));
        return names;
    }

    /// <summary>Whether a change touches what the book keeps (the access stamp then changes too).</summary>
    internal static bool Affects(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) => entry.State switch
    {
        EntityState.Added or EntityState.Deleted => entry.Entity is ReferenceItem,
        EntityState.Modified => entry.Entity switch
        {
            AppUser => entry.Property(nameof(AppUser.FullName)).IsModified || entry.Property(nameof(AppUser.TimeZone)).IsModified,
            ReferenceItem => entry.Property(nameof(ReferenceItem.Name)).IsModified,
            _ => false,
        },
        _ => false,
    };

    // A named type, not a tuple: Npgsql would read a tuple as a PostgreSQL ROW.
    private sealed record IdName(Guid Id, string Name);

    private sealed record UserRow(Guid Id, string Name, string? TimeZone);

    private sealed record Snapshot(Guid Stamp, Names Names);
}

/// <summary>One consistent set of names.</summary>
public sealed class Names(
    FrozenDictionary<Guid, string> users, FrozenDictionary<Guid, string> referenceItems, FrozenDictionary<Guid, string>? timeZones = null)
{
    public string? User(Guid? id) => id is { } key ? users.GetValueOrDefault(key) : null;

    /// <summary>The IANA id of the zone the user chose; null: the company's.</summary>
    public string? TimeZoneOf(Guid id) => timeZones?.GetValueOrDefault(id);

    public string? Reference(Guid? id) => id is { } key ? referenceItems.GetValueOrDefault(key) : null;
}
