using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>Edits a document card (JSON merge patch); the number and the type never change, the status has its own handler.</summary>
public sealed class UpdateDocument(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public async Task<Result<DocumentDto>> HandleAsync(
        AccessContext access, Guid id, DocumentFields fields, int? version, int? ifMatch, CancellationToken ct)
    {
        var (document, co) = await DocumentWrites.LoadAsync(db, access, id, ct);
        if (document is null)
            return Error.NotFound();
        if (!DocumentAccess.Allows(access, PermissionAction.Edit, document.ResponsibleId, co))
            return Error.Forbidden();
        if (VersionCheck.Fails(document.Version, version, ifMatch) is { } stale)
            return stale;
        // Handing the document to someone outside one's own reach would be a way round the permissions.
        if (fields.ResponsibleId is { HasValue: true, Value: var newResponsible } && newResponsible != document.ResponsibleId
            && !access.Allows(Document.EntityKind, PermissionAction.Edit, newResponsible))
            return Error.Forbidden();

        var type = await db.DocumentTypes.AsNoTracking().SingleAsync(t => t.Id == document.TypeId, ct);
        var oldParent = document.ParentId;
        var oldRoot = document.RootId;
        var now = time.GetUtcNow().UtcDateTime;
        var (errors, parent, wantedCo) = await DocumentRules.ApplyAsync(
            db, access, document, type, fields, isNew: false, DateOnly.FromDateTime(now), co, ct);
        var custom = await CustomValues.PrepareAsync(db, access, CustomFieldEntities.Document, id, isNew: false, fields.CustomFields, type.CustomFieldModeOf(), ct);
        errors.AddRange(custom.Errors);
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Error.Validation([.. errors]);
        }

        if (wantedCo is not null)
            await DocumentWrites.ReplaceCoResponsibleAsync(db, document, co, wantedCo, now, actor, ct);
        if (custom.Apply(db, id, Document.EntityKind, now, actor) is { Count: > 0 })
            db.Entry(document).Property(d => d.Version).IsModified = true;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (document.ParentId != oldParent)
        {
            document.RootId = parent?.RootId ?? document.Id;
            if (document.RootId != oldRoot)
                await DocumentWrites.MoveSubtreeAsync(db, document, oldRoot, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        await transaction.CommitAsync(ct);
        return (await DocumentProjection.LoadAsync(db, access, id, ct))!;
    }
}
