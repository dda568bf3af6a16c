using Letopis.Core.Access;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Execution;

/// <summary>How control points are shown: names, amounts in the contract's currency, the overdue and «no act» flags.</summary>
internal static class ControlPointViews
{
    public static bool IsOverdue(ControlPoint p, DateOnly today) => p.Status == ControlPointStatus.Open && p.DueOn < today;

    public static bool LacksAct(ControlPoint p) => p.Status == ControlPointStatus.Done && p.ActRequired && p.ClosingDocumentId == null;

    public static decimal Money(long minor) => Document.FromMinor(minor)!.Value;

    public static async Task<List<ControlPointDto>> ToDtosAsync(LetopisDb db, IReadOnlyList<ControlPoint> points, DateOnly today, CancellationToken ct)
    {
        if (points.Count == 0)
            return [];
        var documentIds = points.Select(p => p.DocumentId)
            .Concat(points.Where(p => p.ClosingDocumentId != null).Select(p => p.ClosingDocumentId!.Value)).Distinct().ToList();
        var documents = await db.Documents.AsNoTracking().Where(d => documentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Number, d.Title, d.Currency }).ToDictionaryAsync(d => d.Id, ct);
        var counterpartyIds = points.Where(p => p.CounterpartyId != null).Select(p => p.CounterpartyId!.Value).Distinct().ToList();
        var counterparties = counterpartyIds.Count == 0 ? []
            : await db.Counterparties.AsNoTracking().Where(c => counterpartyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var userIds = points.Where(p => p.ResponsibleId != null).Select(p => p.ResponsibleId!.Value).Distinct().ToList();
        var users = userIds.Count == 0 ? []
            : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        return points.Select(p =>
        {
            var document = documents.GetValueOrDefault(p.DocumentId);
            var closing = p.ClosingDocumentId is { } c ? documents.GetValueOrDefault(c) : null;
            return new ControlPointDto(
                p.Id, p.DocumentId, document?.Number, document?.Title, p.CounterpartyId,
                p.CounterpartyId is { } cp ? counterparties.GetValueOrDefault(cp) : null,
                ApiNames.Of(p.Kind), p.Title, p.DueOn, Document.FromMinor(p.PlannedMinor), Money(p.PaidMinor), Money(p.ActedMinor),
                p.PlannedMinor is { } planned ? Money(planned - p.PaidMinor) : null, document?.Currency ?? "RUB",
                p.ResponsibleId, p.ResponsibleId is { } r ? users.GetValueOrDefault(r) : null, p.DepartmentId, ApiNames.Of(p.Status), p.DoneOn,
                IsOverdue(p, today), p.ActRequired, LacksAct(p), p.ClosingDocumentId, closing?.Number, closing?.Title,
                p.MissReason, p.Note, p.Order, p.Version);
        }).ToList();
    }

    /// <summary>The document as a plan is written to: 404 when hidden, 403 when only readable.</summary>
    public static async Task<(Document? Document, Common.Error? Error)> EditableAsync(LetopisDb db, AccessContext access, Guid documentId, CancellationToken ct)
    {
        var document = await db.VisibleDocuments(access).AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
            return (null, Common.Error.NotFound());
        if (!await db.VisibleDocuments(access, PermissionAction.Edit).AnyAsync(d => d.Id == documentId, ct))
            return (null, Common.Error.Forbidden());
        return (document, null);
    }
}
