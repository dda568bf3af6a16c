using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>An entry of a reference book.</summary>
public sealed record ReferenceItemDto(Guid Id, string Name, bool IsArchived, int Version);

/// <summary>
/// Reads and edits the classifier books. Everyone reads them; editing needs the right to edit
/// counterparties (a reference book is part of running the directory, not an admin chore).
/// </summary>
public sealed class ManageReferenceBooks(LetopisDb db)
{
    public async Task<List<ReferenceItemDto>> ListAsync(ReferenceBook book, bool includeArchived, CancellationToken ct)
    {
        var query = db.ReferenceItems.AsNoTracking().Where(r => r.Book == book);
        if (!includeArchived)
            query = query.Where(r => !r.IsArchived);
        return await query.OrderBy(r => r.NameNormalized)
            .Select(r => new ReferenceItemDto(r.Id, r.Name, r.IsArchived, r.Version)).ToListAsync(ct);
    }

    public async Task<Result<ReferenceItemDto>> CreateAsync(AccessContext access, ReferenceBook book, string? name, CancellationToken ct)
    {
        if (access.ScopeFor(Counterparty.EntityKind, PermissionAction.Edit) == AccessScope.None)
            return Error.Forbidden();
        if (await ValidateNameAsync(book, null, name, ct) is { } invalid)
            return invalid;
        var item = new ReferenceItem { Book = book, Name = name!.Trim(), NameNormalized = name.Trim().ToUpperInvariant() };
        db.ReferenceItems.Add(item);
        await db.SaveChangesAsync(ct);
        return new ReferenceItemDto(item.Id, item.Name, item.IsArchived, item.Version);
    }

    public async Task<Result<ReferenceItemDto>> UpdateAsync(
        AccessContext access, ReferenceBook book, Guid id, Optional<string?> name, Optional<bool?> archived, CancellationToken ct)
    {
        if (access.ScopeFor(Counterparty.EntityKind, PermissionAction.Edit) == AccessScope.None)
            return Error.Forbidden();
        var item = await db.ReferenceItems.SingleOrDefaultAsync(r => r.Id == id && r.Book == book, ct);
        if (item is null)
            return Error.NotFound();
        if (name.HasValue)
        {
            if (await ValidateNameAsync(book, id, name.Value, ct) is { } invalid)
                return invalid;
            item.Name = name.Value!.Trim();
            item.NameNormalized = item.Name.ToUpperInvariant();
        }
        if (archived is { HasValue: true, Value: { } a })
            item.IsArchived = a;
        await db.SaveChangesAsync(ct);
        return new ReferenceItemDto(item.Id, item.Name, item.IsArchived, item.Version);
    }

    /// <summary>Deletes an entry no record uses; one in use must be archived instead.</summary>
    public async Task<Result<bool>> DeleteAsync(AccessContext access, ReferenceBook book, Guid id, CancellationToken ct)
    {
        if (access.ScopeFor(Counterparty.EntityKind, PermissionAction.Delete) == AccessScope.None)
            return Error.Forbidden();
        var item = await db.ReferenceItems.SingleOrDefaultAsync(r => r.Id == id && r.Book == book, ct);
        if (item is null)
            return Error.NotFound();
        var inUse = await db.Counterparties.AnyAsync(c => c.RegionId == id || c.CategoryId == id || c.GroupId == id
                                                          || c.ActivityTypeId == id || c.AdSourceId == id, ct);
        if (inUse)
            return new Error("reference_in_use", "The entry is used by counterparties; archive it instead.");
        db.ReferenceItems.Remove(item);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<Error?> ValidateNameAsync(ReferenceBook book, Guid? id, string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
            return Error.Validation(("name", FieldErrors.Required));
        if (name.Trim().Length > TextLimits.Name)
            return Error.Validation(("name", FieldErrors.TooLong));
        if (!TextRules.IsAllowed(name.Trim()))
            return Error.Validation(("name", TextRules.ControlCharacters));
        var normalized = name.Trim().ToUpperInvariant();
        if (await db.ReferenceItems.AnyAsync(r => r.Book == book && r.NameNormalized == normalized && r.Id != id, ct))
            return Error.Validation(("name", FieldErrors.Duplicate));
        return null;
    }
}
