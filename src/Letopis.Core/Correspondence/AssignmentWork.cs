using Letopis.Core.Access;
using Letopis.Core.Calendar;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Letopis.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Correspondence;

/// <summary>
/// What every assignment use case shares: loading an assignment the caller may see, the people's
/// rights on it, keeping the executors' inbox index in step, the reminders (the working day before
/// the due date at 09:00 to the executors; the day after it, an overdue notice to the executors and
/// the controller), the notices, the letter's history and the counterparty's timeline, and the card.
/// A use case stages through it and commits once; <see cref="PublishAsync"/> then pushes the notices.
/// </summary>
public sealed class AssignmentWork(
    LetopisDb db, TimeProvider time, CompanyTimeZone company, WorkingCalendar calendar, INotificationPublisher publisher, ICurrentActor actor,
    ICorrespondenceWording? wording = null)
{
    private readonly List<Notification> _fresh = [];
    private readonly Dictionary<Guid, string> _typeNames = [];

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => company.Today(time);

    public static bool IsClosed(Assignment a) => a.Status is AssignmentStatus.Done or AssignmentStatus.Cancelled;

    /// <summary>The assignment tracked for a change, with its letter, when the caller sees the letter.</summary>
    public async Task<(Assignment? Assignment, Document? Document)> LoadAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (assignment is null)
            return (null, null);
        var document = await db.VisibleDocuments(access).SingleOrDefaultAsync(d => d.Id == assignment.DocumentId, ct);
        return document is null ? (null, null) : (assignment, document);
    }

    public async Task<List<AssignmentExecutor>> ExecutorsAsync(Guid assignmentId, CancellationToken ct) =>
        await db.AssignmentExecutors.Where(x => x.AssignmentId == assignmentId).OrderByDescending(x => x.Lead).ThenBy(x => x.UserId).ToListAsync(ct);

    public static bool IsExecutor(AccessContext access, IEnumerable<AssignmentExecutor> executors) => executors.Any(x => x.UserId == access.UserId);

    public static bool IsController(AccessContext access, Assignment a) => a.ControllerId == access.UserId || access.IsAdmin;

    /// <summary>Who decides on a later date: the controller; not on control, the resolution's author.</summary>
    public static bool DecidesExtension(AccessContext access, Assignment a) =>
        access.IsAdmin || (a.ControllerId is { } c ? c == access.UserId : a.AuthorId == access.UserId);

    /// <summary>Whoever may edit the letter acts for the office: writes resolutions and cancels assignments.</summary>
    public async Task<bool> EditsLetterAsync(AccessContext access, Document document, CancellationToken ct)
    {
        var co = await db.DocumentCoResponsibles.Where(c => c.DocumentId == document.Id).Select(c => c.UserId).ToListAsync(ct);
        return DocumentAccess.Allows(access, PermissionAction.Edit, document.ResponsibleId, co);
    }

    /// <summary>Keeps the inbox index (open flag and due date) of every executor row in step with the assignment.</summary>
    public static void Sync(Assignment a, IEnumerable<AssignmentExecutor> executors)
    {
        foreach (var x in executors)
        {
            x.Open = !IsClosed(a);
            x.DueOn = a.DueOn;
        }
    }

    /// <summary>Closes an assignment: status, closure, who and when, the inbox index, and no more reminders.</summary>
    public async Task CloseAsync(Assignment a, AssignmentStatus status, AssignmentClosure? closure, IEnumerable<AssignmentExecutor> executors, CancellationToken ct)
    {
        a.Status = status;
        a.Closure = closure;
        a.ClosedAt = Now;
        a.ClosedById = actor.UserId;
        a.ExtensionRequestedTo = null;
        a.ExtensionReason = null;
        Sync(a, executors);
        await DisarmAsync(a.Id, ct);
    }

    /// <summary>Cancels the reminders of an assignment not yet fired (those staged in this unit of work too).</summary>
    public async Task DisarmAsync(Guid assignmentId, CancellationToken ct)
    {
        var now = Now;
        var pending = await db.Reminders
            .Where(r => r.EntityKind == Assignment.EntityKind && r.EntityId == assignmentId && r.FiredAt == null && r.CancelledAt == null)
            .OrderBy(r => r.Id).ToListAsync(ct);
        pending.AddRange(db.ChangeTracker.Entries<Reminder>()
            .Where(e => e.State == EntityState.Added && e.Entity.EntityKind == Assignment.EntityKind && e.Entity.EntityId == assignmentId)
            .Select(e => e.Entity).Where(r => !pending.Contains(r)));
        foreach (var reminder in pending)
        {
            if (db.Entry(reminder).State == EntityState.Added)
                db.Reminders.Remove(reminder);
            else
                reminder.CancelledAt = now;
        }
    }

    /// <summary>
    /// (Re-)arms the reminders of an open assignment: the working day before the due date at 09:00
    /// company time to each executor, and at the start of the day after it an overdue notice to the
    /// executors and the controller. Moments already past are not armed again (each fires once).
    /// </summary>
    public async Task ArmAsync(Assignment a, Document document, IEnumerable<Guid> executorIds, CancellationToken ct)
    {
        await DisarmAsync(a.Id, ct);
        if (IsClosed(a))
            return;
        var now = Now;
        var what = await WhatAsync(document, ct);
        var executors = executorIds.Distinct().ToList();
        var people = await CulturesAsync(executors.Append(a.ControllerId ?? Guid.Empty), ct);

        var remindDay = await calendar.AddWorkingDaysAsync(a.DueOn, -1, ct);
        var remindAt = company.ReminderUtc(remindDay);
        if (remindAt > now)
        {
            foreach (var userId in executors.Where(people.ContainsKey))
                db.Reminders.Add(NewReminder(a, document, userId, remindAt, Say(people[userId], CorrespondenceNotices.Reminder, what, CorrespondenceNotices.Day(a.DueOn))));
        }
        var overdueAt = company.OverdueFromUtc(a.DueOn);
        if (overdueAt > now)
        {
            var told = executors.ToList();
            if (a.ControllerId is { } controller && !told.Contains(controller))
                told.Add(controller);
            foreach (var userId in told.Where(people.ContainsKey))
                db.Reminders.Add(NewReminder(a, document, userId, overdueAt, Say(people[userId], CorrespondenceNotices.Overdue, what, CorrespondenceNotices.Day(a.DueOn))));
        }
    }

    /// <summary>Stages a notice to each of these (active) people, except the one who acts.</summary>
    public async Task TellAsync(IEnumerable<Guid> userIds, string key, Assignment a, Document document, string? body, CancellationToken ct, params object[] more)
    {
        var ids = userIds.Where(id => id != actor.UserId).Distinct().ToList();
        if (ids.Count == 0)
            return;
        var what = await WhatAsync(document, ct);
        var people = await CulturesAsync(ids, ct);
        foreach (var userId in ids.Where(people.ContainsKey))
        {
            var notice = new Notification
            {
                UserId = userId,
                CreatedAt = Now,
                Title = Say(people[userId], key, [what, .. more]),
                Body = Clip(body ?? a.Text),
                Link = CorrespondenceNotices.Link(document.Id),
            };
            db.Notifications.Add(notice);
            _fresh.Add(notice);
        }
    }

    /// <summary>A line on the letter's history (and, with <paramref name="timelineKind"/>, on the counterparty's timeline).</summary>
    public async Task RecordAsync(Document document, string field, string text, string? timelineKind, CancellationToken ct)
    {
        var now = Now;
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, document.Id, now, actor, ChangeOperation.Updated, field, null, Clip(text)));
        if (timelineKind is not null && document.CounterpartyId is { } counterpartyId)
            Timeline.Add(db, counterpartyId, now, actor, timelineKind, Clip(await WhatAsync(document, ct) + "\n" + text), Document.EntityKind, document.Id);
    }

    /// <summary>How an assignment reads on the history: «№ 2 Иванов И. И. (до 20.12.2026): text — status».</summary>
    public async Task<string> LineAsync(Assignment a, string what, CancellationToken ct)
    {
        var name = await db.Users.Where(u => u.Id == a.ExecutorId).Select(u => u.FullName).SingleOrDefaultAsync(ct);
        return $"№ {a.Number} {name} ({CorrespondenceNotices.Day(a.DueOn)}): {a.Text} — {what}";
    }

    /// <summary>Pushes the notices committed by the caller to the users connected to this node.</summary>
    public async Task PublishAsync(CancellationToken ct)
    {
        foreach (var n in _fresh)
        {
            try
            {
                await publisher.PublishAsync(n.UserId, new NotificationDto(n.Id, n.CreatedAt, n.Title, n.Body, n.Link, false), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Committed already: the other nodes' relays and the next page load show it.
            }
        }
        _fresh.Clear();
    }

    /// <summary>Forgets what was staged (the caller's write failed).</summary>
    public void Reset() => _fresh.Clear();

    public async Task<string> WhatAsync(Document document, CancellationToken ct)
    {
        if (!_typeNames.TryGetValue(document.TypeId, out var typeName))
            _typeNames[document.TypeId] = typeName = await db.DocumentTypes.Where(t => t.Id == document.TypeId).Select(t => t.Name).SingleAsync(ct);
        return DocumentTimeline.Text(typeName, document);
    }

    /// <summary>The cards of these assignments as the caller sees them, in the given order.</summary>
    public async Task<List<AssignmentDto>> CardsAsync(AccessContext access, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return [];
        var today = Today;
        var rows = await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var documentIds = rows.Select(a => a.DocumentId).Distinct().ToList();
        var documents = await db.Documents.AsNoTracking().Where(d => documentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Number, d.Title, d.ResponsibleId }).ToDictionaryAsync(d => d.Id, ct);
        var co = (await db.DocumentCoResponsibles.AsNoTracking().Where(c => documentIds.Contains(c.DocumentId)).ToListAsync(ct))
            .ToLookup(c => c.DocumentId, c => c.UserId);
        var replyIds = rows.Where(a => a.ReplyDocumentId != null).Select(a => a.ReplyDocumentId!.Value).Distinct().ToList();
        var replies = replyIds.Count == 0 ? [] : await db.Documents.AsNoTracking().Where(d => replyIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Number }).ToDictionaryAsync(d => d.Id, d => d.Number, ct);
        var executors = (await db.AssignmentExecutors.AsNoTracking().Where(x => ids.Contains(x.AssignmentId)).ToListAsync(ct))
            .ToLookup(x => x.AssignmentId);
        var reports = (await db.AssignmentReports.AsNoTracking().Where(r => ids.Contains(r.AssignmentId)).ToListAsync(ct))
            .OrderBy(r => r.At).ThenBy(r => r.Id).ToLookup(r => r.AssignmentId);
        var reportIds = reports.SelectMany(g => g).Select(r => r.Id).ToList();
        var files = reportIds.Count == 0 ? Enumerable.Empty<(Guid ReportId, AssignmentFileDto File)>().ToLookup(f => f.ReportId, f => f.File) : (await (
                from f in db.AssignmentReportFiles.AsNoTracking()
                join v in db.DocumentFileVersions on f.FileVersionId equals v.Id
                where reportIds.Contains(f.ReportId)
                select new { f.ReportId, v.FileId, VersionId = v.Id, v.Version, f.Name, v.Size }).ToListAsync(ct))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToLookup(f => f.ReportId, f => new AssignmentFileDto(f.FileId, f.VersionId, f.Version, f.Name, f.Size));

        var userIds = new HashSet<Guid>();
        foreach (var a in rows)
        {
            userIds.Add(a.ExecutorId);
            foreach (var id in new[] { a.ControllerId, a.AuthorId, a.ClosedById })
            {
                if (id is { } u)
                    userIds.Add(u);
            }
            foreach (var x in executors[a.Id])
                userIds.Add(x.UserId);
            foreach (var r in reports[a.Id])
            {
                if (r.AuthorId is { } ra)
                    userIds.Add(ra);
                if (r.ReviewedById is { } rv)
                    userIds.Add(rv);
            }
        }
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        DocumentPersonDto? Person(Guid? id) => id is { } u ? new DocumentPersonDto(u, names.GetValueOrDefault(u, "")) : null;

        var byId = rows.ToDictionary(a => a.Id);
        var cards = new List<AssignmentDto>(ids.Count);
        foreach (var id in ids)
        {
            if (!byId.TryGetValue(id, out var a))
                continue;
            var document = documents[a.DocumentId];
            var mine = executors[a.Id].Any(x => x.UserId == access.UserId);
            var closed = IsClosed(a);
            var actions = new List<string>();
            if (mine && a.Status == AssignmentStatus.Open)
                actions.Add("report");
            if (mine && !closed)
                actions.Add("attach");
            if (IsController(access, a) && a.Status == AssignmentStatus.Reported)
                actions.AddRange(["accept", "return"]);
            if (mine && !closed && a.ExtensionRequestedTo is null)
                actions.Add("request_extension");
            if (!closed && a.ExtensionRequestedTo is not null && DecidesExtension(access, a))
                actions.Add("decide_extension");
            if (!closed && (a.AuthorId == access.UserId || IsController(access, a)
                            || DocumentAccess.Allows(access, PermissionAction.Edit, document.ResponsibleId, co[a.DocumentId])))
                actions.Add("cancel");
            cards.Add(new AssignmentDto(
                a.Id, a.DocumentId, document.Number, document.Title, a.ResolutionId, a.Number, a.Text,
                Person(a.ExecutorId)!,
                executors[a.Id].Where(x => !x.Lead).Select(x => Person(x.UserId)!).OrderBy(p => p.FullName, StringComparer.CurrentCulture).ToList(),
                Person(a.ControllerId), Person(a.AuthorId), a.DueOn, !closed && a.DueOn < today,
                ApiNames.Of(a.Status), a.Closure is { } closure ? ApiNames.Of(closure) : null, a.ClosedAt, Person(a.ClosedById),
                a.ReplyDocumentId, a.ReplyDocumentId is { } rd ? replies.GetValueOrDefault(rd) : null, a.ExtensionRequestedTo, a.ExtensionReason,
                reports[a.Id].Select(r => new AssignmentReportDto(
                    r.Id, Person(r.AuthorId), r.Text, r.At, r.Outcome is { } o ? ApiNames.Of(o) : null, r.ReviewComment, r.ReviewedAt,
                    Person(r.ReviewedById), files[r.Id].ToList())).ToList(),
                actions, a.CreatedAt, a.Version));
        }
        return cards;
    }

    public async Task<AssignmentDto> CardAsync(AccessContext access, Guid id, CancellationToken ct) => (await CardsAsync(access, [id], ct)).Single();

    private string Say(string? culture, string key, params object[] args) => CorrespondenceNotices.Say(wording, culture, key, args);

    private async Task<Dictionary<Guid, string?>> CulturesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Where(id => id != Guid.Empty).Distinct().ToList();
        return await db.Users.Where(u => list.Contains(u.Id) && u.IsActive).ToDictionaryAsync(u => u.Id, u => (string?)u.Culture, ct);
    }

    private Reminder NewReminder(Assignment a, Document document, Guid userId, DateTime at, string title) => new()
    {
        UserId = userId,
        DueAt = at,
        Title = title,
        Body = Clip(a.Text),
        Link = CorrespondenceNotices.Link(document.Id),
        EntityKind = Assignment.EntityKind,
        EntityId = a.Id,
        CreatedAt = Now,
    };

    public static string Clip(string text) => text.Length > TextLimits.Long ? text[..TextLimits.Long] : text;
}
