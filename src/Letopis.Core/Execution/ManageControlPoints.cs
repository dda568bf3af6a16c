using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Execution;

/// <summary>
/// The plan of control points of a contract: add, edit, delete, complete, link acts, miss reasons, copy a plan.
/// Whoever reads the contract reads its plan; whoever may edit the contract changes it. Every change lands on
/// the contract's history; completions and miss reasons on the counterparty's timeline too.
/// </summary>
public sealed class ManageControlPoints(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, ControlPointReminders reminders)
{
    /// <summary>The widest shift of a copied plan, in days (ten years either way).</summary>
    public const int MaxShiftDays = 3660;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => company.Today(time);

    public async Task<Result<IReadOnlyList<ControlPointDto>>> ListAsync(AccessContext access, Guid documentId, CancellationToken ct)
    {
        if (!await db.VisibleDocuments(access).AnyAsync(d => d.Id == documentId, ct))
            return Error.NotFound();
        var points = await db.ControlPoints.AsNoTracking().Where(p => p.DocumentId == documentId)
            .OrderBy(p => p.Order).ThenBy(p => p.DueOn).ThenBy(p => p.Id).ToListAsync(ct);
        return await ControlPointViews.ToDtosAsync(db, points, Today, ct);
    }

    public async Task<Result<ControlPointDto>> CreateAsync(AccessContext access, Guid documentId, ControlPointRequest request, CancellationToken ct)
    {
        var (document, denied) = await ControlPointViews.EditableAsync(db, access, documentId, ct);
        if (denied is not null)
            return denied;
        var errors = new List<(string, string)>();
        var fields = await ValidateAsync(request, document!, null, errors, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var order = await db.ControlPoints.Where(p => p.DocumentId == documentId).MaxAsync(p => (int?)p.Order, ct) ?? 0;
        var point = new ControlPoint
        {
            DocumentId = documentId,
            CounterpartyId = document!.CounterpartyId,
            Status = ControlPointStatus.Open,
            Order = order + 1,
            CreatedAt = Now,
            CreatedById = access.UserId,
        };
        fields.ApplyTo(point);
        db.ControlPoints.Add(point);
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, documentId, Now, actor, ChangeOperation.Updated,
            ExecutionNotices.HistoryPoint, null, Describe(point)));
        await reminders.ArmAsync([point], Now, ct);
        await db.SaveChangesAsync(ct);
        return (await ControlPointViews.ToDtosAsync(db, [point], Today, ct))[0];
    }

    /// <summary>
    /// Replaces the point's fields. An absent <c>responsibleId</c> or <c>actRequired</c> keeps the current one;
    /// an absent amount or note clears it. A new control date or responsible person re-arms the reminders.
    /// </summary>
    public async Task<Result<ControlPointDto>> UpdateAsync(AccessContext access, Guid id, ControlPointRequest request, int? ifMatch, CancellationToken ct)
    {
        var (point, document, denied) = await PointForEditAsync(access, id, ct);
        if (denied is not null)
            return denied;
        if (VersionCheck.Fails(point!.Version, request.Version, ifMatch) is { } stale)
            return stale;
        var errors = new List<(string, string)>();
        var fields = await ValidateAsync(request, document!, point, errors, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var before = Describe(point);
        var (dueOn, responsible, kind) = (point.DueOn, point.ResponsibleId, point.Kind);
        fields.ApplyTo(point);
        var after = Describe(point);
        if (before != after)
            db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, point.DocumentId, Now, actor, ChangeOperation.Updated,
                ExecutionNotices.HistoryPoint, before, after));
        if (point.DueOn != dueOn || point.ResponsibleId != responsible || point.Kind != kind)
            await reminders.ArmAsync([point], Now, ct);
        return await SavedAsync(point, ct);
    }

    /// <summary>Deletes the point with its payments; its pending reminders are cancelled.</summary>
    public async Task<Result<bool>> DeleteAsync(AccessContext access, Guid id, int? version, CancellationToken ct)
    {
        var (point, _, denied) = await PointForEditAsync(access, id, ct);
        if (denied is not null)
            return denied;
        if (VersionCheck.Fails(point!.Version, version, null) is { } stale)
            return stale;
        await reminders.CancelAsync([point.Id], Now, ct);
        db.ControlPayments.RemoveRange(await db.ControlPayments.Where(p => p.ControlPointId == id).ToListAsync(ct));
        db.ControlPoints.Remove(point);
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, point.DocumentId, Now, actor, ChangeOperation.Updated,
            ExecutionNotices.HistoryPoint, Describe(point), null));
        if (!await SaveAsync(ct))
            return Error.StaleVersion();
        return true;
    }

    /// <summary>Marks an open point done (today by default), optionally linking the act or invoice that closes it.</summary>
    public async Task<Result<ControlPointDto>> CompleteAsync(AccessContext access, Guid id, CompleteControlPointRequest request, CancellationToken ct)
    {
        var (point, document, denied) = await PointForEditAsync(access, id, ct);
        if (denied is not null)
            return denied;
        if (VersionCheck.Fails(point!.Version, request.Version, null) is { } stale)
            return stale;
        if (point.Status != ControlPointStatus.Open)
            return new Error(ExecutionErrors.PointClosed, "The control point is already done or cancelled.");
        var errors = new List<(string, string)>();
        var doneOn = request.DoneOn ?? Today;
        if (doneOn > Today)
            errors.Add(("doneOn", ExecutionErrors.InFuture));
        var closing = request.ClosingDocumentId is { } closingId ? await ClosingAsync(access, document!, closingId, errors, ct) : null;
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        point.Status = ControlPointStatus.Done;
        point.DoneOn = doneOn;
        if (closing is not null)
        {
            point.ClosingDocumentId = closing.Id;
            point.ActedMinor = closing.AmountMinor ?? 0;
        }
        await reminders.CancelAsync([point.Id], Now, ct);
        var text = $"{Describe(point)} — {doneOn:yyyy-MM-dd}";
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, point.DocumentId, Now, actor, ChangeOperation.Updated,
            ExecutionNotices.HistoryPoint, null, text));
        if (point.CounterpartyId is { } counterpartyId)
            Timeline.Add(db, counterpartyId, Now, actor, ExecutionNotices.TimelinePointDone, TimelineText(point, document!), Document.EntityKind, point.DocumentId);
        return await SavedAsync(point, ct);
    }

    /// <summary>Links (or with null unlinks) the act or invoice of the contract's tree that closes the point.</summary>
    public async Task<Result<ControlPointDto>> LinkAsync(AccessContext access, Guid id, LinkClosingDocumentRequest request, CancellationToken ct)
    {
        var (point, document, denied) = await PointForEditAsync(access, id, ct);
        if (denied is not null)
            return denied;
        var errors = new List<(string, string)>();
        var closing = request.ClosingDocumentId is { } closingId ? await ClosingAsync(access, document!, closingId, errors, ct) : null;
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var before = await ClosingTextAsync(point!.ClosingDocumentId, ct);
        point.ClosingDocumentId = closing?.Id;
        point.ActedMinor = closing?.AmountMinor ?? 0;
        var after = closing is null ? null : $"{closing.Number} «{closing.Title}»";
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, point.DocumentId, Now, actor, ChangeOperation.Updated,
            ExecutionNotices.HistoryPoint, before is null ? null : $"{point.Title}: {before}", after is null ? null : $"{point.Title}: {after}"));
        return await SavedAsync(point, ct);
    }

    /// <summary>Records why the control date was missed; an empty reason clears it.</summary>
    public async Task<Result<ControlPointDto>> MissReasonAsync(AccessContext access, Guid id, MissReasonRequest request, CancellationToken ct)
    {
        var (point, document, denied) = await PointForEditAsync(access, id, ct);
        if (denied is not null)
            return denied;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (reason is { Length: > TextLimits.Long })
            return Error.Validation(("reason", FieldErrors.TooLong));
        if (reason == point!.MissReason)
            return (await ControlPointViews.ToDtosAsync(db, [point], Today, ct))[0];

        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, point.DocumentId, Now, actor, ChangeOperation.Updated,
            ExecutionNotices.HistoryPoint, point.MissReason is null ? null : $"{point.Title}: {point.MissReason}", reason is null ? null : $"{point.Title}: {reason}"));
        point.MissReason = reason;
        if (reason is not null && point.CounterpartyId is { } counterpartyId)
            Timeline.Add(db, counterpartyId, Now, actor, ExecutionNotices.TimelineMissReason, Clip(TimelineText(point, document!) + ": " + reason),
                Document.EntityKind, point.DocumentId);
        return await SavedAsync(point, ct);
    }

    /// <summary>
    /// Copies the points of another document (a schedule, another contract) into this one as open points, control
    /// dates shifted by <c>shiftDays</c>. Payments, acts and reasons stay behind. Returns the new points.
    /// </summary>
    public async Task<Result<IReadOnlyList<ControlPointDto>>> CopyAsync(AccessContext access, Guid documentId, CopyControlPlanRequest request, CancellationToken ct)
    {
        var (document, denied) = await ControlPointViews.EditableAsync(db, access, documentId, ct);
        if (denied is not null)
            return denied;
        var errors = new List<(string, string)>();
        if (request.FromDocumentId is not { } fromId)
            errors.Add(("fromDocumentId", FieldErrors.Required));
        else if (fromId == documentId || !await db.VisibleDocuments(access).AnyAsync(d => d.Id == fromId, ct))
            errors.Add(("fromDocumentId", FieldErrors.NotFound));
        var shift = request.ShiftDays ?? 0;
        if (Math.Abs(shift) > MaxShiftDays)
            errors.Add(("shiftDays", FieldErrors.OutOfRange));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var source = await db.ControlPoints.AsNoTracking()
            .Where(p => p.DocumentId == request.FromDocumentId!.Value && p.Status != ControlPointStatus.Cancelled)
            .OrderBy(p => p.Order).ThenBy(p => p.DueOn).ThenBy(p => p.Id).ToListAsync(ct);
        var start = ContractStart(document!);
        if (start is { } s && source.Any(p => p.DueOn.AddDays(shift) < s))
            return Error.Validation(("shiftDays", ExecutionErrors.BeforeContractStart));

        var responsibleIds = source.Where(p => p.ResponsibleId != null).Select(p => p.ResponsibleId!.Value).Distinct().ToList();
        var active = await db.Users.Where(u => u.IsActive && responsibleIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DepartmentId, ct);
        var fallback = await DefaultResponsibleAsync(document!, access, ct);
        var order = await db.ControlPoints.Where(p => p.DocumentId == documentId).MaxAsync(p => (int?)p.Order, ct) ?? 0;
        var copies = new List<ControlPoint>();
        foreach (var p in source)
        {
            var responsible = p.ResponsibleId is { } r && active.ContainsKey(r) ? (Guid?)r : fallback.Id;
            copies.Add(new ControlPoint
            {
                DocumentId = documentId,
                CounterpartyId = document!.CounterpartyId,
                Kind = p.Kind,
                Title = p.Title,
                DueOn = p.DueOn.AddDays(shift),
                PlannedMinor = p.PlannedMinor,
                ResponsibleId = responsible,
                DepartmentId = responsible is { } who && active.TryGetValue(who, out var department) ? department : fallback.DepartmentId,
                Status = ControlPointStatus.Open,
                ActRequired = p.ActRequired,
                Note = p.Note,
                Order = ++order,
                CreatedAt = Now,
                CreatedById = access.UserId,
            });
        }
        if (copies.Count == 0)
            return Array.Empty<ControlPointDto>();
        db.ControlPoints.AddRange(copies);
        var from = await db.Documents.AsNoTracking().Where(d => d.Id == request.FromDocumentId!.Value).Select(d => new { d.Number, d.Title }).SingleAsync(ct);
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, documentId, Now, actor, ChangeOperation.Updated,
            ExecutionNotices.HistoryPoint, null, $"{copies.Count} ← {from.Number} «{from.Title}»"));
        await reminders.ArmAsync(copies, Now, ct);
        await db.SaveChangesAsync(ct);
        return await ControlPointViews.ToDtosAsync(db, copies, Today, ct);
    }

    /// <summary>The day a contract starts: in force from, else signed by us; null when neither is known.</summary>
    public static DateOnly? ContractStart(Document document) => document.ValidFrom ?? document.SignedByUsOn;

    private sealed record Fields(ControlPointKind Kind, string Title, DateOnly DueOn, long? PlannedMinor, Guid? ResponsibleId, Guid? DepartmentId,
        bool ActRequired, string? Note)
    {
        public void ApplyTo(ControlPoint p)
        {
            p.Kind = Kind;
            p.Title = Title;
            p.DueOn = DueOn;
            p.PlannedMinor = PlannedMinor;
            p.ResponsibleId = ResponsibleId;
            p.DepartmentId = DepartmentId;
            p.ActRequired = ActRequired;
            p.Note = Note;
        }
    }

    private async Task<Fields> ValidateAsync(ControlPointRequest r, Document document, ControlPoint? current, List<(string, string)> errors, CancellationToken ct)
    {
        var kind = ControlPointKind.Stage;
        if (string.IsNullOrWhiteSpace(r.Kind))
            errors.Add(("kind", FieldErrors.Required));
        else if (ApiNames.Parse<ControlPointKind>(r.Kind) is { } parsed)
            kind = parsed;
        else
            errors.Add(("kind", FieldErrors.Invalid));
        var title = r.Title?.Trim();
        if (string.IsNullOrEmpty(title))
            errors.Add(("title", FieldErrors.Required));
        else if (title.Length > ControlPoint.TitleMax)
            errors.Add(("title", FieldErrors.TooLong));
        if (r.DueOn is not { } dueOn)
        {
            errors.Add(("dueOn", FieldErrors.Required));
            dueOn = default;
        }
        else if (ContractStart(document) is { } start && dueOn < start)
        {
            errors.Add(("dueOn", ExecutionErrors.BeforeContractStart));
        }
        var planned = Amount(r.Amount, "amount", allowZero: true, errors);
        var note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim();
        if (note is { Length: > TextLimits.Long })
            errors.Add(("note", FieldErrors.TooLong));

        Guid? responsible;
        Guid? department;
        if (r.ResponsibleId is { } wanted)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == wanted).Select(u => new { u.IsActive, u.DepartmentId }).SingleOrDefaultAsync(ct);
            if (user is null)
                errors.Add(("responsibleId", FieldErrors.NotFound));
            else if (!user.IsActive && wanted != current?.ResponsibleId)
                errors.Add(("responsibleId", ExecutionErrors.Inactive));
            responsible = wanted;
            department = user?.DepartmentId;
        }
        else if (current is not null)
        {
            (responsible, department) = (current.ResponsibleId, current.DepartmentId);
        }
        else
        {
            var fallback = await DefaultResponsibleAsync(document, null, ct);
            (responsible, department) = (fallback.Id, fallback.DepartmentId);
        }
        var actRequired = r.ActRequired ?? current?.ActRequired ?? kind is ControlPointKind.Stage or ControlPointKind.WorkOrder;
        return new Fields(kind, title ?? "", dueOn, planned, responsible, department, actRequired, note);
    }

    /// <summary>Kopecks exactly: a sum with more than two decimals, a negative one (or zero unless allowed) is refused.</summary>
    internal static long? Amount(decimal? amount, string field, bool allowZero, List<(string, string)> errors)
    {
        if (amount is not { } a)
            return null;
        if (a < 0)
            errors.Add((field, DocumentErrors.Negative));
        else if (a == 0 && !allowZero)
            errors.Add((field, ExecutionErrors.NotPositive));
        else if (a > 1_000_000_000_000_000m || decimal.Round(a, 2) != a)
            errors.Add((field, FieldErrors.Invalid));
        else
            return Document.ToMinor(a);
        return null;
    }

    /// <summary>The contract's responsible person when active, else the caller.</summary>
    private async Task<(Guid? Id, Guid? DepartmentId)> DefaultResponsibleAsync(Document document, AccessContext? access, CancellationToken ct)
    {
        if (document.ResponsibleId is { } r
            && await db.Users.AsNoTracking().Where(u => u.Id == r && u.IsActive).Select(u => new { u.DepartmentId }).SingleOrDefaultAsync(ct) is { } user)
            return (r, user.DepartmentId);
        var me = access?.UserId ?? actor.UserId;
        if (me is null)
            return (null, null);
        var mine = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.DepartmentId).SingleOrDefaultAsync(ct);
        return (me, mine);
    }

    private async Task<Document?> ClosingAsync(AccessContext access, Document contract, Guid closingId, List<(string, string)> errors, CancellationToken ct)
    {
        var closing = await db.VisibleDocuments(access).AsNoTracking().SingleOrDefaultAsync(d => d.Id == closingId, ct);
        if (closing is null)
            errors.Add(("closingDocumentId", FieldErrors.NotFound));
        else if (closing.Id == contract.Id || closing.RootId != contract.RootId)
            errors.Add(("closingDocumentId", ExecutionErrors.NotInTree));
        else
            return closing;
        return null;
    }

    private async Task<string?> ClosingTextAsync(Guid? id, CancellationToken ct) =>
        id is { } closingId
            ? await db.Documents.AsNoTracking().Where(d => d.Id == closingId).Select(d => d.Number + " «" + d.Title + "»").SingleOrDefaultAsync(ct)
            : null;

    /// <summary>How a point reads in the contract's history: «stage «Этап 1» 2027-03-31 150000.00».</summary>
    internal static string Describe(ControlPoint p)
    {
        var text = $"{ApiNames.Of(p.Kind)} «{p.Title}» {p.DueOn:yyyy-MM-dd}"
            + (p.PlannedMinor is { } planned ? " " + ExecutionNotices.Money(planned) : "");
        return text.Length > TextLimits.Long ? text[..TextLimits.Long] : text;
    }

    private static string Clip(string text) => text.Length > TextLimits.Long ? text[..TextLimits.Long] : text;

    internal static string TimelineText(ControlPoint p, Document document)
    {
        var text = $"{p.Title} — {(document.Number is { } n ? $"№ {n} " : "")}«{document.Title}»";
        return text.Length > TextLimits.Long ? text[..TextLimits.Long] : text;
    }

    /// <summary>A point and its contract for a change: 404 when either is hidden from the caller, 403 when read-only.</summary>
    private async Task<(ControlPoint? Point, Document? Document, Error? Denied)> PointForEditAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var point = await db.ControlPoints.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (point is null)
            return (null, null, Error.NotFound());
        var (document, denied) = await ControlPointViews.EditableAsync(db, access, point.DocumentId, ct);
        return (point, document, denied);
    }

    /// <summary>Saves the change and answers the point as it now reads; 409 when someone changed it meanwhile.</summary>
    private async Task<Result<ControlPointDto>> SavedAsync(ControlPoint point, CancellationToken ct)
    {
        if (!await SaveAsync(ct))
            return Error.StaleVersion();
        return (await ControlPointViews.ToDtosAsync(db, [point], Today, ct))[0];
    }

    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
