using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>Free links between documents («see also», «replaces»), both ends visible to the caller.</summary>
public sealed class ManageDocumentLinks(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public async Task<Result<List<DocumentLinkDto>>> ListAsync(AccessContext access, Guid documentId, CancellationToken ct) =>
        await db.VisibleDocuments(access).AnyAsync(d => d.Id == documentId, ct)
            ? await DocumentProjection.LinksAsync(db, access, documentId, ct)
            : Error.NotFound();

    /// <param name="kind"><c>see_also</c> (default) or <c>replaces</c>.</param>
    public async Task<Result<DocumentLinkDto>> AddAsync(AccessContext access, Guid documentId, Guid? toId, string? kind, CancellationToken ct)
    {
        var (document, co) = await DocumentWrites.LoadAsync(db, access, documentId, ct);
        if (document is null)
            return Error.NotFound();
        if (!DocumentAccess.Allows(access, PermissionAction.Edit, document.ResponsibleId, co))
            return Error.Forbidden();
        var errors = new List<(string, string)>();
        var linkKind = string.IsNullOrWhiteSpace(kind) ? DocumentLinkKind.SeeAlso : ApiNames.Parse<DocumentLinkKind>(kind);
        if (linkKind is null)
            errors.Add(("kind", FieldErrors.Invalid));
        if (toId is not { } target)
            errors.Add(("toId", FieldErrors.Required));
        else if (target == documentId)
            errors.Add(("toId", FieldErrors.Cycle));
        else if (!await db.VisibleDocuments(access).AnyAsync(d => d.Id == target, ct))
            errors.Add(("toId", FieldErrors.NotFound));
        else if (linkKind is { } k && await db.DocumentLinks.AnyAsync(l => l.FromId == documentId && l.ToId == target && l.Kind == k, ct))
            errors.Add(("toId", FieldErrors.Duplicate));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var now = time.GetUtcNow().UtcDateTime;
        var link = new DocumentLink { FromId = documentId, ToId = toId!.Value, Kind = linkKind!.Value, CreatedAt = now, CreatedById = access.UserId };
        db.DocumentLinks.Add(link);
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, documentId, now, actor, ChangeOperation.Created,
            "link." + ApiNames.Of(link.Kind), null, link.ToId.ToString()));
        await db.SaveChangesAsync(ct);
        return (await DocumentProjection.LinksAsync(db, access, documentId, ct)).Single(l => l.Id == link.Id);
    }

    /// <summary>Removes the link to <paramref name="toId"/> (of that kind, or of any kind when null), in either direction.</summary>
    public async Task<Result<int>> RemoveAsync(AccessContext access, Guid documentId, Guid? toId, string? kind, CancellationToken ct)
    {
        var (document, co) = await DocumentWrites.LoadAsync(db, access, documentId, ct);
        if (document is null)
            return Error.NotFound();
        if (!DocumentAccess.Allows(access, PermissionAction.Edit, document.ResponsibleId, co))
            return Error.Forbidden();
        if (toId is not { } other)
            return Error.Validation(("toId", FieldErrors.Required));
        DocumentLinkKind? linkKind = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            linkKind = ApiNames.Parse<DocumentLinkKind>(kind);
            if (linkKind is null)
                return Error.Validation(("kind", FieldErrors.Invalid));
        }
        var links = await db.DocumentLinks
            .Where(l => (l.FromId == documentId && l.ToId == other) || (l.FromId == other && l.ToId == documentId))
            .Where(l => linkKind == null || l.Kind == linkKind)
            .ToListAsync(ct);
        if (links.Count == 0)
            return Error.NotFound();
        var now = time.GetUtcNow().UtcDateTime;
        db.DocumentLinks.RemoveRange(links);
        foreach (var link in links)
            db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, documentId, now, actor, ChangeOperation.Deleted,
                "link." + ApiNames.Of(link.Kind), other.ToString(), null));
        await db.SaveChangesAsync(ct);
        return links.Count;
    }
}
