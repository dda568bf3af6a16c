using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Crm;

/// <summary>
/// A named set of list filters («Мои фильтры»). The filter is kept as the list's query string
/// (<c>regionId=…&amp;tag=VIP&amp;sort=-createdAt</c>), so filter kinds added later are saved without a
/// schema change. Private to its owner unless shared; a shared filter stays its owner's to change.
/// </summary>
public class SavedFilter : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OwnerId { get; set; }

    /// <summary>The list it belongs to: <see cref="ManageSavedFilters.Entities"/>.</summary>
    public string Entity { get; set; } = "";

    public string Name { get; set; } = "";

    public string Query { get; set; } = "";

    public bool IsShared { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

internal sealed class SavedFilterConfiguration : IEntityTypeConfiguration<SavedFilter>
{
    public void Configure(EntityTypeBuilder<SavedFilter> e)
    {
        e.ToTable("SavedFilters");
        e.Property(f => f.Entity).HasMaxLength(40).IsRequired();
        e.Property(f => f.Name).HasMaxLength(ManageSavedFilters.MaxNameLength).IsRequired();
        e.Property(f => f.Query).HasMaxLength(ManageSavedFilters.MaxQueryLength).IsRequired();
        e.Property(f => f.Version).IsConcurrencyToken();
        e.HasOne<AppUser>().WithMany().HasForeignKey(f => f.OwnerId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => new { f.OwnerId, f.Entity });
        e.HasIndex(f => new { f.Entity, f.IsShared });
    }
}

/// <summary>A saved filter as its menu shows it; <c>canEdit</c> is true for the owner only.</summary>
public sealed record SavedFilterDto(
    Guid Id, string Entity, string Name, string Query, bool IsShared, Guid OwnerId, string? OwnerName, bool CanEdit, int Version);

/// <summary>The fields of a create or merge-patch request.</summary>
public sealed record SavedFilterFields(Optional<string?> Name, Optional<string?> Query, Optional<bool?> IsShared);

/// <summary>Lists, saves, renames, shares and deletes saved filters.</summary>
public sealed class ManageSavedFilters(LetopisDb db, TimeProvider time)
{
    public const int MaxNameLength = 100;
    public const int MaxQueryLength = 2000;

    /// <summary>Lists that have saved filters.</summary>
    public static readonly IReadOnlySet<string> Entities = new HashSet<string> { Counterparty.EntityKind };

    // Paging belongs to the moment, not to the filter.
    private static readonly HashSet<string> Transient = new(StringComparer.OrdinalIgnoreCase) { "page", "pageSize" };

    /// <summary>The caller's own filters and those others share, own first, each group by name.</summary>
    public async Task<Result<List<SavedFilterDto>>> ListAsync(AccessContext access, string? entity, CancellationToken ct)
    {
        if (entity is null || !Entities.Contains(entity))
            return Error.Validation(("entity", entity is null ? FieldErrors.Required : FieldErrors.Invalid));
        var me = access.UserId;
        var rows = await db.Set<SavedFilter>().AsNoTracking()
            .Where(f => f.Entity == entity && (f.OwnerId == me || f.IsShared))
            .Select(f => new { Filter = f, OwnerName = db.Users.Where(u => u.Id == f.OwnerId).Select(u => u.FullName).FirstOrDefault() })
            .ToListAsync(ct);
        return rows
            .OrderBy(r => r.Filter.OwnerId == me ? 0 : 1).ThenBy(r => r.Filter.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => ToDto(r.Filter, r.OwnerName, me))
            .ToList();
    }

    public async Task<Result<SavedFilterDto>> CreateAsync(AccessContext access, string? entity, SavedFilterFields fields, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (entity is null || !Entities.Contains(entity))
            errors.Add(("entity", entity is null ? FieldErrors.Required : FieldErrors.Invalid));
        var filter = new SavedFilter { OwnerId = access.UserId, Entity = entity ?? "", CreatedAt = time.GetUtcNow().UtcDateTime };
        await ApplyAsync(filter, fields with { Query = fields.Query.HasValue ? fields.Query : "" }, errors, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        db.Set<SavedFilter>().Add(filter);
        await db.SaveChangesAsync(ct);
        return await LoadAsync(filter.Id, access.UserId, ct);
    }

    /// <summary>Only the owner changes a filter: someone else's shared filter answers forbidden, a private one not found.</summary>
    public async Task<Result<SavedFilterDto>> UpdateAsync(AccessContext access, Guid id, SavedFilterFields fields, int? version, CancellationToken ct)
    {
        var (filter, error) = await FindOwnAsync(access, id, ct);
        if (error is not null)
            return error;
        if (VersionCheck.Fails(filter!.Version, version, null) is { } stale)
            return stale;
        var errors = new List<(string, string)>();
        await ApplyAsync(filter, fields, errors, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return await LoadAsync(id, access.UserId, ct);
    }

    public async Task<Result<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var (filter, error) = await FindOwnAsync(access, id, ct);
        if (error is not null)
            return error;
        db.Set<SavedFilter>().Remove(filter!);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The query string as it is stored: without a leading «?» and without paging.</summary>
    public static string CleanQuery(string query) =>
        string.Join('&', query.Trim().TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !Transient.Contains(Uri.UnescapeDataString(pair.Split('=')[0]))));

    private async Task<(SavedFilter?, Error?)> FindOwnAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var filter = await db.Set<SavedFilter>().SingleOrDefaultAsync(f => f.Id == id, ct);
        if (filter is null || (filter.OwnerId != access.UserId && !filter.IsShared))
            return (null, Error.NotFound());
        return filter.OwnerId != access.UserId ? (null, Error.Forbidden()) : (filter, null);
    }

    private async Task ApplyAsync(SavedFilter filter, SavedFilterFields fields, List<(string, string)> errors, CancellationToken ct)
    {
        var name = fields.Name.HasValue ? TagRules.Clean(fields.Name.Value ?? "") : filter.Name;
        if (name.Length == 0)
            errors.Add(("name", FieldErrors.Required));
        else if (name.Length > MaxNameLength)
            errors.Add(("name", FieldErrors.TooLong));
        else if (TextRules.Check(name, "name", errors) && name != filter.Name)
        {
            // One owner, one list: names are unique regardless of case, so the menu never shows two alike.
            var mine = await db.Set<SavedFilter>().AsNoTracking()
                .Where(f => f.OwnerId == filter.OwnerId && f.Entity == filter.Entity && f.Id != filter.Id)
                .Select(f => f.Name).ToListAsync(ct);
            if (mine.Any(n => string.Equals(n, name, StringComparison.CurrentCultureIgnoreCase)))
                errors.Add(("name", FieldErrors.Duplicate));
        }

        var query = fields.Query.HasValue ? CleanQuery(fields.Query.Value ?? "") : filter.Query;
        if (query.Length > MaxQueryLength)
            errors.Add(("query", FieldErrors.TooLong));
        else
            TextRules.Check(query, "query", errors);

        if (errors.Count > 0)
            return;
        filter.Name = name;
        filter.Query = query;
        if (fields.IsShared is { HasValue: true, Value: { } shared })
            filter.IsShared = shared;
    }

    private async Task<SavedFilterDto> LoadAsync(Guid id, Guid me, CancellationToken ct)
    {
        var row = await db.Set<SavedFilter>().AsNoTracking().Where(f => f.Id == id)
            .Select(f => new { Filter = f, OwnerName = db.Users.Where(u => u.Id == f.OwnerId).Select(u => u.FullName).FirstOrDefault() })
            .SingleAsync(ct);
        return ToDto(row.Filter, row.OwnerName, me);
    }

    private static SavedFilterDto ToDto(SavedFilter f, string? ownerName, Guid me) =>
        new(f.Id, f.Entity, f.Name, f.Query, f.IsShared, f.OwnerId, ownerName, f.OwnerId == me, f.Version);
}
