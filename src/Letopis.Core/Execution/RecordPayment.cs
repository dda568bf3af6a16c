using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Execution;

/// <summary>
/// Actual payments against a planned point, in kopecks; partial payments allowed, an over-payment only when
/// confirmed. The point's paid sum is kept with every payment, so the settlement adds up rows, not payments.
/// A payment point paid in full is done on the day of its last payment.
/// </summary>
public sealed class RecordPayment(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, ControlPointReminders reminders)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => company.Today(time);

    public async Task<Result<ControlPaymentDto>> RecordAsync(AccessContext access, Guid controlPointId, PaymentRequest request, CancellationToken ct)
    {
        var point = await db.ControlPoints.SingleOrDefaultAsync(p => p.Id == controlPointId, ct);
        if (point is null)
            return Error.NotFound();
        var (document, denied) = await ControlPointViews.EditableAsync(db, access, point.DocumentId, ct);
        if (denied is not null)
            return denied;

        var errors = new List<(string, string)>();
        long amount = 0;
        if (request.Amount is null)
            errors.Add(("amount", FieldErrors.Required));
        else if (ManageControlPoints.Amount(request.Amount, "amount", allowZero: false, errors) is { } minor)
            amount = minor;
        var paidOn = request.PaidOn ?? Today;
        if (paidOn > Today)
            errors.Add(("paidOn", ExecutionErrors.InFuture));
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > TextLimits.Long })
            errors.Add(("note", FieldErrors.TooLong));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var planned = point.PlannedMinor ?? 0;
        var left = planned - point.PaidMinor;
        if (amount > left && request.Confirm != true)
        {
            return new Error(ExecutionErrors.PaymentExceedsPlan, "The payment is more than is left of the plan; confirm to record an over-payment.",
                Extensions: new Dictionary<string, object?>
                {
                    ["planned"] = ControlPointViews.Money(planned),
                    ["paid"] = ControlPointViews.Money(point.PaidMinor),
                    ["left"] = ControlPointViews.Money(left),
                    ["amount"] = ControlPointViews.Money(amount),
                    ["currency"] = document!.Currency,
                });
        }

        var payment = new ControlPayment
        {
            ControlPointId = point.Id,
            DocumentId = point.DocumentId,
            CounterpartyId = point.CounterpartyId,
            AmountMinor = amount,
            PaidOn = paidOn,
            Note = note,
            CreatedAt = Now,
            CreatedById = access.UserId,
        };
        db.ControlPayments.Add(payment);
        point.PaidMinor += amount;
        if (point is { Kind: ControlPointKind.Payment, Status: ControlPointStatus.Open, PlannedMinor: { } full } && point.PaidMinor >= full)
        {
            point.Status = ControlPointStatus.Done;
            point.DoneOn = paidOn;
            await reminders.CancelAsync([point.Id], Now, ct);
        }
        var text = $"{point.Title}: {ExecutionNotices.Money(amount)} {document!.Currency} {paidOn:yyyy-MM-dd}";
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, point.DocumentId, Now, actor, ChangeOperation.Updated,
            ExecutionNotices.HistoryPayment, null, text));
        if (point.CounterpartyId is { } counterpartyId)
            Timeline.Add(db, counterpartyId, Now, actor, ExecutionNotices.TimelinePayment,
                $"{ExecutionNotices.Money(amount)} {document.Currency} — {ManageControlPoints.TimelineText(point, document)}", Document.EntityKind, point.DocumentId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another payment or edit of the point got in first: nothing was written; the caller retries on fresh numbers.
            return Error.StaleVersion();
        }
        return new ControlPaymentDto(payment.Id, point.Id, point.DocumentId, ControlPointViews.Money(amount), document.Currency, paidOn, note,
            payment.CreatedAt, access.UserId, await db.Users.Where(u => u.Id == access.UserId).Select(u => u.FullName).SingleOrDefaultAsync(ct));
    }

    public async Task<Result<IReadOnlyList<ControlPaymentDto>>> ListAsync(AccessContext access, Guid controlPointId, CancellationToken ct)
    {
        var point = await db.ControlPoints.AsNoTracking().Where(p => p.Id == controlPointId).Select(p => new { p.DocumentId }).SingleOrDefaultAsync(ct);
        if (point is null)
            return Error.NotFound();
        var currency = await db.VisibleDocuments(access).Where(d => d.Id == point.DocumentId).Select(d => d.Currency).SingleOrDefaultAsync(ct);
        if (currency is null)
            return Error.NotFound();
        var rows = await db.ControlPayments.AsNoTracking().Where(p => p.ControlPointId == controlPointId)
            .OrderBy(p => p.PaidOn).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .GroupJoin(db.Users, p => p.CreatedById, u => u.Id, (p, u) => new { p, u })
            .SelectMany(x => x.u.DefaultIfEmpty(), (x, u) => new { x.p, Name = u == null ? null : u.FullName })
            .ToListAsync(ct);
        return rows.Select(x => new ControlPaymentDto(x.p.Id, x.p.ControlPointId, x.p.DocumentId, ControlPointViews.Money(x.p.AmountMinor), currency,
            x.p.PaidOn, x.p.Note, x.p.CreatedAt, x.p.CreatedById, x.Name)).ToList();
    }

    /// <summary>Deletes a payment recorded by mistake; a payment point it had closed opens again.</summary>
    public async Task<Result<bool>> DeleteAsync(AccessContext access, Guid paymentId, CancellationToken ct)
    {
        var payment = await db.ControlPayments.SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null)
            return Error.NotFound();
        var (document, denied) = await ControlPointViews.EditableAsync(db, access, payment.DocumentId, ct);
        if (denied is not null)
            return denied;
        var point = await db.ControlPoints.SingleAsync(p => p.Id == payment.ControlPointId, ct);
        point.PaidMinor -= payment.AmountMinor;
        if (point is { Kind: ControlPointKind.Payment, Status: ControlPointStatus.Done, PlannedMinor: { } full } && point.PaidMinor < full
            && point.DoneOn == payment.PaidOn)
        {
            point.Status = ControlPointStatus.Open;
            point.DoneOn = null;
            await reminders.ArmAsync([point], Now, ct);
        }
        db.ControlPayments.Remove(payment);
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, payment.DocumentId, Now, actor, ChangeOperation.Updated,
            ExecutionNotices.HistoryPayment, $"{point.Title}: {ExecutionNotices.Money(payment.AmountMinor)} {document!.Currency} {payment.PaidOn:yyyy-MM-dd}", null));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return true;
    }
}
