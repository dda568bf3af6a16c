using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Paper;

/// <summary>The tree of storage places: everyone reads it; the «Делопроизводство» right edits it.</summary>
public sealed class ManageStoragePlaces(LetopisDb db, TimeProvider time)
{
    public async Task<List<StoragePlaceDto>> ListAsync(AccessContext access, CancellationToken ct)
    {
        _ = access;
        var places = await db.StoragePlaces.AsNoTracking().OrderBy(p => p.Path).ThenBy(p => p.Id).ToListAsync(ct);
        var copies = await db.PaperCopies.Where(c => c.StoragePlaceId != null).GroupBy(c => c.StoragePlaceId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var children = places.Where(p => p.ParentId is not null).GroupBy(p => p.ParentId!.Value).ToDictionary(g => g.Key, g => g.Count());
        return [.. places.Select(p => Dto(p, copies.GetValueOrDefault(p.Id), children.GetValueOrDefault(p.Id)))];
    }

    public async Task<Result<StoragePlaceDto>> CreateAsync(AccessContext access, CreateStoragePlaceRequest request, CancellationToken ct)
    {
        if (!PaperRights.Can(access, PermissionAction.Create))
            return Error.Forbidden();
        var errors = new List<(string, string)>();
        var name = TextRules.Field(request.Name, "name", StoragePlace.NameMax, errors, required: true);
        var note = TextRules.Field(request.Note, "note", TextLimits.Long, errors, multiLine: true);
        StoragePlace? parent = null;
        if (request.ParentId is { } parentId && (parent = await db.StoragePlaces.AsNoTracking().SingleOrDefaultAsync(p => p.Id == parentId, ct)) is null)
            errors.Add(("parentId", FieldErrors.NotFound));
        if (name is not null && await SiblingNamedAsync(request.ParentId, name, null, ct))
            errors.Add(("name", FieldErrors.Duplicate));
        var path = name is null ? "" : PathOf(parent?.Path, name);
        if (path.Length > StoragePlace.PathMax)
            errors.Add(("name", FieldErrors.TooLong));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var place = new StoragePlace
        {
            Name = name!,
            ParentId = parent?.Id,
            Path = path,
            Note = note,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.StoragePlaces.Add(place);
        await db.SaveChangesAsync(ct);
        return Dto(place, 0, 0);
    }

    /// <summary>Renames or moves a place; the paths of the place and of every place under it follow.</summary>
    public async Task<Result<StoragePlaceDto>> UpdateAsync(AccessContext access, Guid id, UpdateStoragePlaceRequest request, int? ifMatch, CancellationToken ct)
    {
        if (!PaperRights.Can(access, PermissionAction.Edit))
            return Error.Forbidden();
        var all = await db.StoragePlaces.ToListAsync(ct);
        var place = all.SingleOrDefault(p => p.Id == id);
        if (place is null)
            return Error.NotFound();
        if (VersionCheck.Fails(place.Version, request.Version, ifMatch) is { } stale)
            return stale;

        var errors = new List<(string, string)>();
        var name = TextRules.Field(request.Name, "name", StoragePlace.NameMax, errors, required: true);
        var note = TextRules.Field(request.Note, "note", TextLimits.Long, errors, multiLine: true);
        StoragePlace? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = all.SingleOrDefault(p => p.Id == parentId);
            if (parent is null)
                errors.Add(("parentId", FieldErrors.NotFound));
            else if (Department.SelfAndDescendants(id, all.Select(p => (p.Id, p.ParentId))).Contains(parentId))
                errors.Add(("parentId", FieldErrors.Cycle));
        }
        if (name is not null && all.Any(p => p.Id != id && p.ParentId == request.ParentId && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            errors.Add(("name", FieldErrors.Duplicate));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        place.Name = name!;
        place.ParentId = parent?.Id;
        place.Note = note;
        // Paths from the moved place down, parents before children.
        var byParent = all.Where(p => p.ParentId is not null).ToLookup(p => p.ParentId!.Value);
        var queue = new Queue<StoragePlace>([place]);
        var tooLong = false;
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            var parentPath = node.ParentId is { } pid ? all.Single(p => p.Id == pid).Path : null;
            node.Path = PathOf(parentPath, node.Name);
            tooLong |= node.Path.Length > StoragePlace.PathMax;
            foreach (var child in byParent[node.Id])
                queue.Enqueue(child);
        }
        if (tooLong)
            return Error.Validation(("name", FieldErrors.TooLong));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        var copies = await db.PaperCopies.CountAsync(c => c.StoragePlaceId == id, ct);
        return Dto(place, copies, byParent[id].Count());
    }

    /// <summary>Deletes an empty place; one that copies belong to or places lie under is refused (409).</summary>
    public async Task<Result<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        if (!PaperRights.Can(access, PermissionAction.Delete))
            return Error.Forbidden();
        var place = await db.StoragePlaces.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (place is null)
            return Error.NotFound();
        var copies = await db.PaperCopies.CountAsync(c => c.StoragePlaceId == id, ct);
        var children = await db.StoragePlaces.CountAsync(p => p.ParentId == id, ct);
        if (copies > 0 || children > 0)
            return new Error(PaperErrors.StoragePlaceNotEmpty, "The storage place still holds copies or other places.",
                Extensions: new Dictionary<string, object?> { ["copies"] = copies, ["places"] = children });
        db.StoragePlaces.Remove(place);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A copy or a place was put there meanwhile: the foreign keys refuse the delete.
            return new Error(PaperErrors.StoragePlaceNotEmpty, "The storage place still holds copies or other places.");
        }
        return true;
    }

    // Compared here, not in SQL: SQLite folds the case of Latin letters only.
    private async Task<bool> SiblingNamedAsync(Guid? parentId, string name, Guid? except, CancellationToken ct) =>
        (await db.StoragePlaces.Where(p => p.ParentId == parentId && p.Id != except).Select(p => p.Name).ToListAsync(ct))
            .Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    internal static string PathOf(string? parentPath, string name) => parentPath is null ? name : parentPath + StoragePlace.Separator + name;

    private static StoragePlaceDto Dto(StoragePlace p, int copies, int children) =>
        new(p.Id, p.Name, p.ParentId, p.Path, p.Note, copies, children, p.Version);
}
