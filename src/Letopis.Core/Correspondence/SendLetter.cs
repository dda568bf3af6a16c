using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Correspondence;

/// <summary>
/// Records that an outgoing letter was sent: the day, the method and the tracking number land on its
/// card (and so in its history). A reply («в ответ на») closes the answered letter's open and reported
/// assignments with closure <c>reply</c>, in the same transaction.
/// </summary>
public sealed class SendLetter(LetopisDb db, AssignmentWork work, ICurrentActor actor)
{
    public async Task<Result<DocumentDto>> HandleAsync(AccessContext access, Guid documentId, SendLetterRequest request, CancellationToken ct)
    {
        var (document, co) = await DocumentWrites.LoadAsync(db, access, documentId, ct);
        if (document is null)
            return Error.NotFound();
        if (!DocumentAccess.Allows(access, PermissionAction.Edit, document.ResponsibleId, co))
            return Error.Forbidden();
        var kind = await db.DocumentTypes.Where(t => t.Id == document.TypeId).Select(t => t.Kind).SingleAsync(ct);
        if (kind != DocumentKind.OutgoingLetter)
            return new Error(CorrespondenceNotices.NotOutgoing, "Only an outgoing letter is sent.");

        var errors = new List<(string, string)>();
        var sentOn = request.SentOn ?? work.Today;
        if (!DateLimits.Contains(sentOn) || sentOn > work.Today.AddDays(1))
            errors.Add(("sentOn", FieldErrors.OutOfRange));
        var method = document.DeliveryMethod;
        if (!string.IsNullOrWhiteSpace(request.DeliveryMethod))
        {
            method = ApiNames.Parse<Paper.DeliveryMethod>(request.DeliveryMethod);
            if (method is null)
                errors.Add(("deliveryMethod", FieldErrors.Invalid));
        }
        var tracking = string.IsNullOrWhiteSpace(request.TrackingNumber) ? document.TrackingNumber : request.TrackingNumber.Trim();
        if (tracking is { Length: > Paper.PaperCopy.TrackingMax })
            errors.Add(("trackingNumber", FieldErrors.TooLong));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        document.SentOn = sentOn;
        document.DeliveryMethod = method;
        document.TrackingNumber = tracking;
        var now = work.Now;
        if (document.CounterpartyId is { } counterpartyId)
            Timeline.Add(db, counterpartyId, now, actor, CorrespondenceNotices.TimelineSent,
                AssignmentWork.Clip(await work.WhatAsync(document, ct) + "\n" + CorrespondenceNotices.Day(sentOn)
                    + (method is { } m ? " " + ApiNames.Of(m) : "") + (tracking is null ? "" : " " + tracking)),
                Document.EntityKind, document.Id);

        if (document.ReplyToId is { } answeredId
            && await db.Documents.SingleOrDefaultAsync(d => d.Id == answeredId && !d.Deleted, ct) is { } answered)
        {
            var open = await db.Assignments
                .Where(a => a.DocumentId == answeredId && (a.Status == AssignmentStatus.Open || a.Status == AssignmentStatus.Reported))
                .OrderBy(a => a.Number).ToListAsync(ct);
            var reply = await work.WhatAsync(document, ct);
            foreach (var assignment in open)
            {
                var executors = await work.ExecutorsAsync(assignment.Id, ct);
                await work.CloseAsync(assignment, AssignmentStatus.Done, AssignmentClosure.Reply, executors, ct);
                assignment.ReplyDocumentId = document.Id;
                await work.RecordAsync(answered, CorrespondenceNotices.HistoryAssignment, await work.LineAsync(assignment, "reply: " + reply, ct), null, ct);
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return (await DocumentProjection.LoadAsync(db, access, documentId, ct))!;
    }
}
