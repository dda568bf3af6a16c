using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>Moves a document along its life cycle (<see cref="DocumentStatuses"/>); the comment goes to the history and the timeline.</summary>
public sealed class ChangeDocumentStatus(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public async Task<Result<DocumentDto>> HandleAsync(
        AccessContext access, Guid id, string? status, string? comment, int? version, int? ifMatch, CancellationToken ct)
    {
        var (document, co) = await DocumentWrites.LoadAsync(db, access, id, ct);
        if (document is null)
            return Error.NotFound();
        if (!DocumentAccess.Allows(access, PermissionAction.Edit, document.ResponsibleId, co))
            return Error.Forbidden();
        if (VersionCheck.Fails(document.Version, version, ifMatch) is { } stale)
            return stale;

        var errors = new List<(string, string)>();
        var next = DocumentStatuses.Parse(status);
        if (next is null)
            errors.Add(("status", string.IsNullOrWhiteSpace(status) ? FieldErrors.Required : FieldErrors.Invalid));
        else if (!DocumentStatuses.CanChange(document.Status, next.Value))
            errors.Add(("status", DocumentStatuses.NotAllowed));
        else if (await RouteDecidesAsync(document, next.Value, ct))
            errors.Add(("status", DocumentStatuses.ByRoute));
        var note = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (note is { Length: > TextLimits.Long })
            errors.Add(("comment", FieldErrors.TooLong));
        else
            TextRules.Check(note, "comment", errors, multiLine: true);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var now = time.GetUtcNow().UtcDateTime;
        document.Status = next!.Value;
        if (note is not null)
            db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, id, now, actor, ChangeOperation.Updated, "statusComment", null, note));
        if (document.CounterpartyId is { } counterpartyId)
        {
            var typeName = await db.DocumentTypes.Where(t => t.Id == document.TypeId).Select(t => t.Name).SingleAsync(ct);
            Timeline.Add(db, counterpartyId, now, actor, TimelineKinds.DocumentStatus,
                DocumentTimeline.StatusText(typeName, document, note), Document.EntityKind, id);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return (await DocumentProjection.LoadAsync(db, access, id, ct))!;
    }

    /// <summary>Whether an approval route moves this document to <paramref name="next"/> (<see cref="DocumentStatuses.RouteDecides"/>).</summary>
    private async Task<bool> RouteDecidesAsync(Document document, DocumentStatus next, CancellationToken ct)
    {
        var live = await db.ApprovalRoutes.AnyAsync(r => r.DocumentId == document.Id
            && (r.Status == Approvals.ApprovalRouteStatus.Running || r.Status == Approvals.ApprovalRouteStatus.Rework), ct);
        var scheme = !live && await db.ApprovalSchemes.AnyAsync(s => s.DocumentTypeId == document.TypeId && s.PublishedVersionId != null, ct);
        return DocumentStatuses.RouteDecides(next, live, scheme);
    }
}
