using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>The co-responsible users of a document; every change goes to its history.</summary>
public sealed class ManageCoResponsible(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    /// <summary>Replaces the whole set.</summary>
    public async Task<Result<DocumentDto>> SetAsync(
        AccessContext access, Guid documentId, IReadOnlyList<Guid> userIds, int? version, int? ifMatch, CancellationToken ct)
    {
        var (document, co) = await DocumentWrites.LoadAsync(db, access, documentId, ct);
        if (document is null)
            return Error.NotFound();
        if (!DocumentAccess.Allows(access, PermissionAction.Edit, document.ResponsibleId, co))
            return Error.Forbidden();
        if (VersionCheck.Fails(document.Version, version, ifMatch) is { } stale)
            return stale;
        var wanted = userIds.Distinct().Where(id => id != document.ResponsibleId).ToList();
        if (wanted.Count > DocumentRules.MaxCoResponsible)
            return Error.Validation(("coResponsibleIds", FieldErrors.TooLong));
        var added = wanted.Except(co).ToList();
        if (added.Count > 0 && await db.Users.CountAsync(u => added.Contains(u.Id) && u.IsActive, ct) != added.Count)
            return Error.Validation(("coResponsibleIds", FieldErrors.NotFound));
        if (await DocumentWrites.ReplaceCoResponsibleAsync(db, document, co, wanted, time.GetUtcNow().UtcDateTime, actor, ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Error.StaleVersion();
            }
        }
        return (await DocumentProjection.LoadAsync(db, access, documentId, ct))!;
    }

    public async Task<Result<DocumentDto>> AddAsync(AccessContext access, Guid documentId, Guid userId, CancellationToken ct)
    {
        var current = await CurrentAsync(access, documentId, ct);
        return current is null ? Error.NotFound() : await SetAsync(access, documentId, [.. current, userId], null, null, ct);
    }

    public async Task<Result<DocumentDto>> RemoveAsync(AccessContext access, Guid documentId, Guid userId, CancellationToken ct)
    {
        var current = await CurrentAsync(access, documentId, ct);
        return current is null ? Error.NotFound() : await SetAsync(access, documentId, current.Where(id => id != userId).ToList(), null, null, ct);
    }

    private async Task<List<Guid>?> CurrentAsync(AccessContext access, Guid documentId, CancellationToken ct) =>
        await db.VisibleDocuments(access).AnyAsync(d => d.Id == documentId, ct)
            ? await db.DocumentCoResponsibles.Where(c => c.DocumentId == documentId).Select(c => c.UserId).ToListAsync(ct)
            : null;
}
