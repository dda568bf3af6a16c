using Letopis.Core.Access;
using Letopis.Core.Calendar;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Letopis.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Paper;

/// <summary>
/// A document's paper copies and their movements. Seeing them takes reading the document;
/// recording and moving them takes editing it (or the office staff's right). Every movement is a
/// <see cref="PaperMovement"/> row, a line of the document's history and of the counterparty's timeline.
/// </summary>
public sealed class ManagePaperCopies(
    LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, WorkingCalendar calendar, IPaperWording? wording = null)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => company.Today(time);

    public async Task<Result<DocumentCopiesDto>> ListForDocumentAsync(AccessContext access, Guid documentId, CancellationToken ct)
    {
        var (document, editable) = await DocumentAsync(access, documentId, tracked: false, ct);
        if (document is null)
            return Error.NotFound();
        var copies = await db.PaperCopies.AsNoTracking().Where(c => c.DocumentId == documentId)
            .OrderBy(c => c.Kind).ThenBy(c => c.Number).ToListAsync(ct);
        var dtos = await PaperViews.CopiesAsync(db, copies, Today, ct);
        return new DocumentCopiesDto(documentId, PaperViews.Original(dtos), dtos, editable);
    }

    public async Task<Result<PageOf<PaperMovementDto>>> MovementsAsync(AccessContext access, Guid documentId, PageRequest page, CancellationToken ct)
    {
        var (document, _) = await DocumentAsync(access, documentId, tracked: false, ct);
        if (document is null)
            return Error.NotFound();
        var rows = await db.PaperMovements.AsNoTracking().Where(m => m.DocumentId == documentId)
            .OrderByDescending(m => m.At).ThenByDescending(m => m.Id).ToPageAsync(page, ct);
        return new PageOf<PaperMovementDto>(await PaperViews.MovementsAsync(db, rows.Items, ct), rows.Total, rows.Page, rows.PageSize);
    }

    public async Task<Result<PaperCopyDto>> GetAsync(AccessContext access, Guid copyId, CancellationToken ct)
    {
        var copy = await db.PaperCopies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == copyId, ct);
        if (copy is null || (await DocumentAsync(access, copy.DocumentId, tracked: false, ct)).Document is null)
            return Error.NotFound();
        return await DtoAsync(copy, ct);
    }

    public async Task<Result<PaperCopyDto>> CreateAsync(AccessContext access, Guid documentId, CreatePaperCopyRequest request, CancellationToken ct)
    {
        var (document, editable) = await DocumentAsync(access, documentId, tracked: true, ct);
        if (document is null)
            return Error.NotFound();
        if (!editable)
            return Error.Forbidden();
        var errors = new List<(string, string)>();
        var kind = Parse<PaperCopyKind>(request.Kind, "kind", required: true, errors);
        var owner = Parse<PaperCopyOwner>(request.Owner, "owner", required: false, errors) ?? PaperCopyOwner.Ours;
        var place = await PlaceAsync(request.StoragePlaceId, "storagePlaceId", required: true, errors, ct);
        var note = TextRules.Field(request.Note, "note", TextLimits.Long, errors, multiLine: true);
        var number = await NumberAsync(documentId, request.Number, errors, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var copy = new PaperCopy
        {
            DocumentId = documentId,
            Kind = kind!.Value,
            Number = number,
            Owner = owner,
            State = PaperCopyState.InPlace,
            StoragePlaceId = place!.Id,
            Note = note,
            CreatedAt = Now,
            CreatedById = actor.UserId,
        };
        db.PaperCopies.Add(copy);
        await RecordAsync(document, copy, new PaperMovement { Kind = PaperMovementKind.Placed, ToPlaceId = place.Id, Note = note }, place.Path, ct);
        return await SaveAsync(copy, ct);
    }

    public async Task<Result<PaperCopyDto>> HandOutAsync(AccessContext access, Guid copyId, HandOutPaperCopyRequest request, int? ifMatch, CancellationToken ct)
    {
        var (copy, document, denied) = await CopyForEditAsync(access, copyId, request.Version, ifMatch, ct);
        if (denied is not null)
            return denied;
        if (NotInPlace(copy!) is { } busy)
            return busy;

        var errors = new List<(string, string)>();
        AppUser? holder = null;
        if (request.HolderId is not { } holderId)
            errors.Add(("holderId", FieldErrors.Required));
        else if ((holder = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == holderId, ct)) is null)
            errors.Add(("holderId", FieldErrors.NotFound));
        else if (!holder.IsActive)
            errors.Add(("holderId", PaperErrors.Inactive));
        if (request.DueBack is not { } dueBack)
            errors.Add(("dueBack", FieldErrors.Required));
        else if (dueBack < Today)
            errors.Add(("dueBack", PaperErrors.InPast));
        else if (dueBack > DateLimits.Last)
            errors.Add(("dueBack", FieldErrors.OutOfRange));
        var purpose = TextRules.Field(request.Purpose, "purpose", PaperCopy.PurposeMax, errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        copy!.State = PaperCopyState.Out;
        copy.HolderId = holder!.Id;
        copy.HolderDepartmentId = holder.DepartmentId;
        copy.OutSince = Now;
        copy.DueBack = request.DueBack;
        copy.Purpose = purpose;
        var detail = PaperHistory.HandedOut(holder.FullName, request.DueBack!.Value, purpose);
        await RecordAsync(document!, copy, new PaperMovement
        {
            Kind = PaperMovementKind.HandedOut,
            HolderId = holder.Id,
            Purpose = purpose,
            DueBack = request.DueBack,
            FromPlaceId = copy.StoragePlaceId,
        }, detail, ct);
        await ArmRemindersAsync(document!, copy, holder, ct);
        return await SaveAsync(copy, ct);
    }

    public async Task<Result<PaperCopyDto>> ReturnAsync(AccessContext access, Guid copyId, ReturnPaperCopyRequest request, int? ifMatch, CancellationToken ct)
    {
        var (copy, document, denied) = await CopyForEditAsync(access, copyId, request.Version, ifMatch, ct);
        if (denied is not null)
            return denied;
        if (copy!.State == PaperCopyState.InPlace)
            return new Error(PaperErrors.CopyInPlace, "The copy lies in its place: there is nothing to return.");
        if (copy.State == PaperCopyState.Sent)
            return CopySent();
        var errors = new List<(string, string)>();
        var place = await PlaceAsync(request.StoragePlaceId ?? copy.StoragePlaceId, "storagePlaceId", required: true, errors, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var holderId = copy.HolderId;
        var holderName = holderId is { } h ? await db.Users.Where(u => u.Id == h).Select(u => u.FullName).SingleOrDefaultAsync(ct) : null;
        var handOut = await db.PaperMovements.Where(m => m.CopyId == copy.Id && m.Kind == PaperMovementKind.HandedOut && m.ReturnedAt == null)
            .OrderByDescending(m => m.At).ThenByDescending(m => m.Id).FirstOrDefaultAsync(ct);
        if (handOut is not null)
            handOut.ReturnedAt = Now;
        copy.State = PaperCopyState.InPlace;
        copy.StoragePlaceId = place!.Id;
        copy.HolderId = null;
        copy.HolderDepartmentId = null;
        copy.OutSince = null;
        copy.DueBack = null;
        copy.Purpose = null;
        await CancelRemindersAsync(copy.Id, ct);
        await RecordAsync(document!, copy, new PaperMovement { Kind = PaperMovementKind.Returned, HolderId = holderId, ToPlaceId = place.Id },
            PaperHistory.Returned(holderName, place.Path), ct);
        return await SaveAsync(copy, ct);
    }

    public async Task<Result<PaperCopyDto>> MoveAsync(AccessContext access, Guid copyId, MovePaperCopyRequest request, int? ifMatch, CancellationToken ct)
    {
        var (copy, document, denied) = await CopyForEditAsync(access, copyId, request.Version, ifMatch, ct);
        if (denied is not null)
            return denied;
        if (NotInPlace(copy!) is { } busy)
            return busy;
        var errors = new List<(string, string)>();
        var place = await PlaceAsync(request.StoragePlaceId, "storagePlaceId", required: true, errors, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        if (place!.Id == copy!.StoragePlaceId)
            return await DtoAsync(copy, ct);

        var from = copy.StoragePlaceId;
        copy.StoragePlaceId = place.Id;
        await RecordAsync(document!, copy, new PaperMovement { Kind = PaperMovementKind.Moved, FromPlaceId = from, ToPlaceId = place.Id }, place.Path, ct);
        return await SaveAsync(copy, ct);
    }

    public async Task<Result<PaperCopyDto>> SendAsync(AccessContext access, Guid copyId, SendPaperCopyRequest request, int? ifMatch, CancellationToken ct)
    {
        var (copy, document, denied) = await CopyForEditAsync(access, copyId, request.Version, ifMatch, ct);
        if (denied is not null)
            return denied;
        if (NotInPlace(copy!) is { } busy)
            return busy;
        var errors = new List<(string, string)>();
        var method = Parse<DeliveryMethod>(request.Method, "method", required: true, errors);
        var tracking = TextRules.Field(request.TrackingNumber, "trackingNumber", PaperCopy.TrackingMax, errors);
        var at = PastDay(request.SentOn, "sentOn", errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        copy!.State = PaperCopyState.Sent;
        copy.SentMethod = method;
        copy.TrackingNumber = tracking;
        copy.OutSince = at;
        await RecordAsync(document!, copy, new PaperMovement
        {
            Kind = PaperMovementKind.Sent,
            At = at,
            Method = method,
            TrackingNumber = tracking,
            FromPlaceId = copy.StoragePlaceId,
        }, PaperHistory.Sent(method!.Value, tracking), ct);
        return await SaveAsync(copy, ct);
    }

    public async Task<Result<PaperCopyDto>> ReceiveAsync(AccessContext access, Guid copyId, ReceivePaperCopyRequest request, int? ifMatch, CancellationToken ct)
    {
        var (copy, document, denied) = await CopyForEditAsync(access, copyId, request.Version, ifMatch, ct);
        if (denied is not null)
            return denied;
        if (copy!.State != PaperCopyState.Sent)
            return new Error(PaperErrors.CopyNotSent, "The copy is not with the counterparty: there is nothing to receive.");
        var errors = new List<(string, string)>();
        var place = await PlaceAsync(request.StoragePlaceId, "storagePlaceId", required: true, errors, ct);
        var at = PastDay(request.ReceivedOn, "receivedOn", errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var method = copy.SentMethod;
        var tracking = copy.TrackingNumber;
        copy.State = PaperCopyState.InPlace;
        copy.StoragePlaceId = place!.Id;
        copy.SentMethod = null;
        copy.TrackingNumber = null;
        copy.OutSince = null;
        var signed = request.SignedByCounterparty == true;
        await RecordAsync(document!, copy, new PaperMovement
        {
            Kind = PaperMovementKind.Received,
            At = at,
            Method = method,
            TrackingNumber = tracking,
            ToPlaceId = place.Id,
        }, place.Path, ct);
        if (signed)
            await SignedByCounterpartyAsync(document!, DayOf(at), ct);
        return await SaveAsync(copy, ct);
    }

    public async Task<Result<PaperCopyDto>> ReceiveNewAsync(AccessContext access, Guid documentId, ReceiveNewPaperCopyRequest request, CancellationToken ct)
    {
        var (document, editable) = await DocumentAsync(access, documentId, tracked: true, ct);
        if (document is null)
            return Error.NotFound();
        if (!editable)
            return Error.Forbidden();
        var errors = new List<(string, string)>();
        var kind = Parse<PaperCopyKind>(request.Kind, "kind", required: false, errors) ?? PaperCopyKind.Original;
        var owner = Parse<PaperCopyOwner>(request.Owner, "owner", required: false, errors) ?? PaperCopyOwner.Ours;
        var method = Parse<DeliveryMethod>(request.Method, "method", required: false, errors);
        var tracking = TextRules.Field(request.TrackingNumber, "trackingNumber", PaperCopy.TrackingMax, errors);
        var note = TextRules.Field(request.Note, "note", TextLimits.Long, errors, multiLine: true);
        var place = await PlaceAsync(request.StoragePlaceId, "storagePlaceId", required: true, errors, ct);
        var at = PastDay(request.ReceivedOn, "receivedOn", errors);
        var number = await NumberAsync(documentId, null, errors, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var copy = new PaperCopy
        {
            DocumentId = documentId,
            Kind = kind,
            Number = number,
            Owner = owner,
            State = PaperCopyState.InPlace,
            StoragePlaceId = place!.Id,
            Note = note,
            CreatedAt = Now,
            CreatedById = actor.UserId,
        };
        db.PaperCopies.Add(copy);
        await RecordAsync(document, copy, new PaperMovement
        {
            Kind = PaperMovementKind.Received,
            At = at,
            Method = method,
            TrackingNumber = tracking,
            ToPlaceId = place.Id,
            Note = note,
        }, place.Path, ct);
        if (request.SignedByCounterparty ?? kind == PaperCopyKind.Original)
            await SignedByCounterpartyAsync(document, DayOf(at), ct);
        return await SaveAsync(copy, ct);
    }

    // ---- steps ----

    /// <summary>
    /// The document if the caller may see its copies (readers of the document; the office staff see
    /// every document's copies), and whether they may record movements.
    /// </summary>
    private async Task<(Document? Document, bool Editable)> DocumentAsync(AccessContext access, Guid documentId, bool tracked, CancellationToken ct)
    {
        var office = PaperRights.IsOffice(access);
        var query = office ? db.Documents.Where(d => !d.Deleted) : db.VisibleDocuments(access);
        if (!tracked)
            query = query.AsNoTracking();
        var document = await query.SingleOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
            return (null, false);
        if (office)
            return (document, true);
        var co = await db.DocumentCoResponsibles.Where(c => c.DocumentId == documentId).Select(c => c.UserId).ToListAsync(ct);
        return (document, DocumentAccess.Allows(access, PermissionAction.Edit, document.ResponsibleId, co));
    }

    private async Task<(PaperCopy? Copy, Document? Document, Error? Denied)> CopyForEditAsync(
        AccessContext access, Guid copyId, int? version, int? ifMatch, CancellationToken ct)
    {
        var copy = await db.PaperCopies.SingleOrDefaultAsync(c => c.Id == copyId, ct);
        if (copy is null)
            return (null, null, Error.NotFound());
        var (document, editable) = await DocumentAsync(access, copy.DocumentId, tracked: true, ct);
        if (document is null)
            return (null, null, Error.NotFound());
        if (!editable)
            return (null, null, Error.Forbidden());
        if (VersionCheck.Fails(copy.Version, version, ifMatch) is { } stale)
            return (null, null, stale);
        return (copy, document, null);
    }

    private async Task<StoragePlace?> PlaceAsync(Guid? id, string field, bool required, List<(string, string)> errors, CancellationToken ct)
    {
        if (id is not { } placeId)
        {
            if (required)
                errors.Add((field, FieldErrors.Required));
            return null;
        }
        var place = await db.StoragePlaces.AsNoTracking().SingleOrDefaultAsync(p => p.Id == placeId, ct);
        if (place is null)
            errors.Add((field, FieldErrors.NotFound));
        return place;
    }

    private async Task<int> NumberAsync(Guid documentId, int? wanted, List<(string, string)> errors, CancellationToken ct)
    {
        var taken = await db.PaperCopies.Where(c => c.DocumentId == documentId).Select(c => c.Number).ToListAsync(ct);
        if (wanted is not { } number)
            return taken.Count == 0 ? 1 : taken.Max() + 1;
        if (number < 1 || number > 10_000)
            errors.Add(("number", FieldErrors.OutOfRange));
        else if (taken.Contains(number))
            errors.Add(("number", FieldErrors.Duplicate));
        return number;
    }

    private static T? Parse<T>(string? text, string field, bool required, List<(string, string)> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
                errors.Add((field, FieldErrors.Required));
            return null;
        }
        var value = ApiNames.Parse<T>(text);
        if (value is null)
            errors.Add((field, FieldErrors.Invalid));
        return value;
    }

    /// <summary>A day that has come (not after today); the moment it stands for: now for today, the day's start before that.</summary>
    private DateTime PastDay(DateOnly? day, string field, List<(string, string)> errors)
    {
        if (day is not { } d || d == Today)
            return Now;
        if (d > Today)
            errors.Add((field, PaperErrors.InFuture));
        else if (d < DateLimits.First)
            errors.Add((field, FieldErrors.OutOfRange));
        return TimeZones.DayStartUtc(d < DateLimits.First ? DateLimits.First : d, company.Zone);
    }

    private DateOnly DayOf(DateTime utc) => TimeZones.DayOf(utc, company.Zone);

    /// <summary>409 <c>copy_out</c> or <c>copy_sent</c> unless the copy lies in its place.</summary>
    private static Error? NotInPlace(PaperCopy copy) => copy.State switch
    {
        PaperCopyState.Out => CopyOut(),
        PaperCopyState.Sent => CopySent(),
        _ => null,
    };

    private static Error CopyOut() => new(PaperErrors.CopyOut, "The copy is handed out already.");

    private static Error CopySent() => new(PaperErrors.CopySent, "The copy is with the counterparty.");

    /// <summary>The movement row, the document's history line and the counterparty's timeline entry.</summary>
    private async Task RecordAsync(Document document, PaperCopy copy, PaperMovement movement, string detail, CancellationToken ct)
    {
        movement.CopyId = copy.Id;
        movement.DocumentId = document.Id;
        if (movement.At == default)
            movement.At = Now;
        movement.ById = actor.UserId;
        db.PaperMovements.Add(movement);
        var typeName = document.CounterpartyId is null
            ? ""
            : await db.DocumentTypes.Where(t => t.Id == document.TypeId).Select(t => t.Name).SingleAsync(ct);
        PaperHistory.Record(db, document, typeName, copy, movement.Kind, detail, Now, actor);
    }

    /// <summary>
    /// The holder is reminded the working day before the due date at 09:00 company time; on the
    /// day after it the holder and the office staff are told it is overdue. All fire once, through
    /// the reminders engine, and are cancelled when the copy comes back.
    /// </summary>
    private async Task ArmRemindersAsync(Document document, PaperCopy copy, AppUser holder, CancellationToken ct)
    {
        var dueBack = copy.DueBack!.Value;
        var typeName = await db.DocumentTypes.Where(t => t.Id == document.TypeId).Select(t => t.Name).SingleAsync(ct);
        var what = $"{DocumentTimeline.Text(typeName, document)}, № {copy.Number}";
        var link = PaperNotices.Link(document.Id);
        var day = await calendar.AddWorkingDaysAsync(dueBack, -1, ct);
        var remindAt = company.ReminderUtc(day);
        if (remindAt > Now)
            db.Reminders.Add(NewReminder(copy, holder.Id, remindAt, PaperNotices.Title(wording, holder.Culture, PaperNotices.Reminder, what, PaperNotices.Day(dueBack)), link));
        var overdueAt = company.OverdueFromUtc(dueBack);
        db.Reminders.Add(NewReminder(copy, holder.Id, overdueAt, PaperNotices.Title(wording, holder.Culture, PaperNotices.OverdueHolder, what, PaperNotices.Day(dueBack)), link));
        var office = await PaperRights.OfficeStaffAsync(db, ct);
        office.Remove(holder.Id);
        var staff = await db.Users.AsNoTracking().Where(u => office.Contains(u.Id)).Select(u => new { u.Id, u.Culture }).ToListAsync(ct);
        foreach (var user in staff.OrderBy(u => u.Id))
        {
            db.Reminders.Add(NewReminder(copy, user.Id, overdueAt,
                PaperNotices.Title(wording, user.Culture, PaperNotices.OverdueOffice, what, holder.FullName, PaperNotices.Day(dueBack)), link));
        }
    }

    private Reminder NewReminder(PaperCopy copy, Guid userId, DateTime at, string title, string link) => new()
    {
        UserId = userId,
        DueAt = at,
        Title = title,
        Link = link,
        EntityKind = PaperCopy.EntityKind,
        EntityId = copy.Id,
        CreatedAt = Now,
    };

    private async Task CancelRemindersAsync(Guid copyId, CancellationToken ct)
    {
        var pending = await db.Reminders
            .Where(r => r.EntityKind == PaperCopy.EntityKind && r.EntityId == copyId && r.FiredAt == null && r.CancelledAt == null)
            .ToListAsync(ct);
        foreach (var reminder in pending)
            reminder.CancelledAt = Now;
    }

    /// <summary>
    /// A signed original is back: the document records the day the counterparty signed (unless it
    /// knows it already) and becomes signed when its life cycle allows it and no approval route decides.
    /// Both changes land in the document's history by themselves (it is audited).
    /// </summary>
    private async Task SignedByCounterpartyAsync(Document document, DateOnly day, CancellationToken ct)
    {
        document.SignedByCounterpartyOn ??= day;
        if (!DocumentStatuses.CanChange(document.Status, DocumentStatus.Signed))
            return;
        var live = await db.ApprovalRoutes.AnyAsync(r => r.DocumentId == document.Id
            && (r.Status == Approvals.ApprovalRouteStatus.Running || r.Status == Approvals.ApprovalRouteStatus.Rework), ct);
        if (DocumentStatuses.RouteDecides(DocumentStatus.Signed, live, typeHasScheme: false))
            return;
        document.Status = DocumentStatus.Signed;
        if (document.CounterpartyId is { } counterpartyId)
        {
            var typeName = await db.DocumentTypes.Where(t => t.Id == document.TypeId).Select(t => t.Name).SingleAsync(ct);
            Timeline.Add(db, counterpartyId, Now, actor, TimelineKinds.DocumentStatus,
                DocumentTimeline.StatusText(typeName, document, null), Document.EntityKind, document.Id);
        }
    }

    private async Task<Result<PaperCopyDto>> SaveAsync(PaperCopy copy, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone moved the copy meanwhile (two hand-outs at once): only one of them wins.
            db.ChangeTracker.Clear();
            var state = await db.PaperCopies.AsNoTracking().Where(c => c.Id == copy.Id).Select(c => (PaperCopyState?)c.State).SingleOrDefaultAsync(ct);
            return state == PaperCopyState.Out ? CopyOut() : Error.StaleVersion();
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<PaperCopy>().Any(e => e.State == EntityState.Added))
        {
            // Two exemplars recorded under the same number at once: the unique index keeps one.
            db.ChangeTracker.Clear();
            return Error.Validation(("number", FieldErrors.Duplicate));
        }
        return await DtoAsync(copy, ct);
    }

    private async Task<PaperCopyDto> DtoAsync(PaperCopy copy, CancellationToken ct) =>
        (await PaperViews.CopiesAsync(db, [copy], Today, ct)).Single();
}
