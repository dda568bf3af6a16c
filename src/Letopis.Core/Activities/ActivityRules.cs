using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>Wording of activity reminders in the language of the person reminded (the web layer has the texts).</summary>
public interface IActivityWording
{
    string ReminderTitle(string? culture, ActivityKind kind, string subject, bool overdue);
}

/// <summary>Who acts: the signed-in user, and the colleague they stand in for (recorded with both names).</summary>
internal sealed record ActingActor(Guid? UserId, Guid? OnBehalfOfId) : ICurrentActor;

/// <summary>
/// What one caller may see and do with activities. Besides the role's scope over the assignee
/// (the permission matrix, <c>activity</c> row), the assignee and the planner always see theirs,
/// a department head sees their department's, and a deputy sees the absent colleague's.
/// </summary>
internal sealed class ActivityViewer
{
    private readonly AccessContext _access;

    private ActivityViewer(AccessContext access, Guid realUserId, Guid? onBehalfOfId, HashSet<Guid> principals, HashSet<Guid> headed)
    {
        _access = access;
        RealUserId = realUserId;
        OnBehalfOfId = onBehalfOfId;
        Principals = principals;
        Headed = headed;
    }

    /// <summary>The person at the keyboard (the deputy, when one acts).</summary>
    public Guid RealUserId { get; }

    /// <summary>The colleague the request acts for (<c>X-On-Behalf-Of</c>), if any.</summary>
    public Guid? OnBehalfOfId { get; }

    /// <summary>Colleagues the person at the keyboard stands in for today.</summary>
    public HashSet<Guid> Principals { get; }

    /// <summary>Users of the departments (and below) the effective user heads.</summary>
    public HashSet<Guid> Headed { get; }

    public Guid Me => _access.UserId;

    public static async Task<ActivityViewer> LoadAsync(LetopisDb db, AccessContext access, ICurrentActor actor, DateOnly today, CancellationToken ct)
    {
        var real = actor.UserId ?? access.UserId;
        var principals = (await db.Deputyships.AsNoTracking()
            .Where(d => d.DeputyId == real && d.EndsOn >= today && d.StartsOn <= today)
            .Select(d => d.PrincipalId).ToListAsync(ct)).ToHashSet();
        var headed = new HashSet<Guid>();
        var me = access.UserId;
        if (await db.Departments.AnyAsync(d => d.HeadId == me, ct))
        {
            var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ParentId, d.HeadId }).ToListAsync(ct);
            var tree = new HashSet<Guid>();
            foreach (var d in departments.Where(d => d.HeadId == me))
                tree.UnionWith(Department.SelfAndDescendants(d.Id, departments.Select(x => (x.Id, x.ParentId))));
            headed = (await db.Users.AsNoTracking().Where(u => u.DepartmentId != null && tree.Contains(u.DepartmentId.Value))
                .Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        }
        return new ActivityViewer(access, real, actor.OnBehalfOfId, principals, headed);
    }

    /// <summary>The activities this caller may see; hidden ones do not exist for them (404).</summary>
    public IQueryable<Activity> Visible(IQueryable<Activity> query)
    {
        var scope = _access.ScopeFor(Activity.EntityKind, PermissionAction.Read);
        if (scope == AccessScope.All)
            return query;
        var assignees = new HashSet<Guid> { Me, RealUserId };
        if (scope is AccessScope.Department or AccessScope.DepartmentTree)
            assignees.UnionWith(_access.UsersIn(scope));
        assignees.UnionWith(Principals);
        assignees.UnionWith(Headed);
        var list = assignees.ToList();
        var me = Me;
        var real = RealUserId;
        return query.Where(a => list.Contains(a.AssigneeId) || a.PlannedById == me || a.PlannedById == real);
    }

    /// <summary>Whose activities this caller may see as a whole (another user's agenda or calendar).</summary>
    public bool SeesAllOf(Guid userId) =>
        userId == Me || userId == RealUserId || Principals.Contains(userId) || Headed.Contains(userId)
        || _access.Allows(Activity.EntityKind, PermissionAction.Read, userId);

    /// <summary>Whether the caller may plan for this user: themselves, as their head, with the right, or as their deputy.</summary>
    public bool MayPlanFor(Guid assigneeId) =>
        assigneeId == Me || assigneeId == RealUserId || Principals.Contains(assigneeId) || Headed.Contains(assigneeId)
        || _access.Allows(Activity.EntityKind, PermissionAction.Create, assigneeId);

    /// <summary>Whether the caller may move, edit, complete, cancel or annotate a (visible) activity.</summary>
    public bool MayChange(Activity activity) =>
        activity.PlannedById == Me || activity.PlannedById == RealUserId || MayWorkFor(activity.AssigneeId);

    private bool MayWorkFor(Guid assigneeId) =>
        assigneeId == Me || assigneeId == RealUserId || Principals.Contains(assigneeId) || Headed.Contains(assigneeId)
        || _access.Allows(Activity.EntityKind, PermissionAction.Edit, assigneeId);

    /// <summary>
    /// Who a write is recorded as: the request's deputy switch if set; otherwise a deputy working on
    /// the absent colleague's activity still acts for them, and both names are kept.
    /// </summary>
    public ICurrentActor ActingOn(Guid assigneeId) =>
        new ActingActor(RealUserId, OnBehalfOfId ?? (assigneeId != RealUserId && Principals.Contains(assigneeId) ? assigneeId : null));
}

/// <summary>Validation of an activity's fields, shared by planning, the follow-up and editing.</summary>
internal static class ActivityRules
{
    /// <summary>A start a little in the past is allowed: the form was filled in a minute ago.</summary>
    public static readonly TimeSpan PastGrace = TimeSpan.FromMinutes(5);

    public const int MaxDurationMinutes = 7 * 24 * 60;
    public const int MaxRemindBeforeMinutes = 7 * 24 * 60;

    public static ActivityKind? ParseKind(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "call" => ActivityKind.Call,
        "meeting" => ActivityKind.Meeting,
        "email" => ActivityKind.Email,
        "fax" => ActivityKind.Fax,
        "letter" => ActivityKind.Letter,
        "task" => ActivityKind.Task,
        _ => null,
    };

    public static ActivityStatus? ParseStatus(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "planned" => ActivityStatus.Planned,
        "done" => ActivityStatus.Done,
        "cancelled" => ActivityStatus.Cancelled,
        _ => null,
    };

    /// <summary>A text field; those as long as <see cref="TextLimits.Long"/> (descriptions, results, notes) may span lines.</summary>
    public static string? Text(string? value, string field, int max, bool required, List<(string, string)> errors, string? prefix = null) =>
        TextRules.Field(value, prefix + field, max, errors, required, multiLine: max >= TextLimits.Long);

    /// <summary>Checks a new activity and builds it, or adds field errors (prefixed for a nested follow-up).</summary>
    /// <param name="defaultStart">The start when the request names none (<see cref="ActivityStartDefaults"/>).</param>
    public static async Task<Activity?> BuildAsync(LetopisDb db, AccessContext access, ActivityViewer viewer, PlanActivityRequest request,
        DateTime now, List<(string, string)> errors, CancellationToken ct, string? prefix = null, DateTime? defaultStart = null)
    {
        var start = errors.Count;
        var kind = ParseKind(request.Kind);
        if (request.Kind is null)
            errors.Add((prefix + "kind", FieldErrors.Required));
        else if (kind is null)
            errors.Add((prefix + "kind", FieldErrors.Invalid));
        var subject = Text(request.Subject, "subject", TextLimits.Name, true, errors, prefix);
        var description = Text(request.Description, "description", TextLimits.Long, false, errors, prefix);
        var place = Text(request.Place, "place", TextLimits.Name, false, errors, prefix);
        var plannedAt = request.PlannedAt?.UtcDateTime ?? defaultStart;
        if (plannedAt is null)
            errors.Add((prefix + "plannedAt", FieldErrors.Required));
        else if (plannedAt < now - PastGrace)
            errors.Add((prefix + "plannedAt", ActivityErrors.InPast));
        var duration = Duration(request.DurationMinutes, request.EndsAt, plannedAt, kind, errors, prefix);
        if (request.RemindBeforeMinutes is { } remind && remind is < 0 or > MaxRemindBeforeMinutes)
            errors.Add((prefix + "remindBeforeMinutes", ActivityErrors.OutOfRange));

        var assigneeId = request.AssigneeId ?? access.UserId;
        await CheckAssigneeAsync(db, viewer, assigneeId, errors, prefix, ct);
        await CheckCounterpartyAsync(db, access, request.CounterpartyId, request.ContactId, errors, prefix, ct);
        await CheckLeadAndDealAsync(db, access, request.LeadId, request.DealId, errors, prefix, ct);
        if (errors.Count > start)
            return null;

        var acting = viewer.ActingOn(assigneeId);
        return new Activity
        {
            Kind = kind!.Value,
            Subject = subject!,
            Description = description,
            PlannedAt = plannedAt!.Value,
            DurationMinutes = duration,
            Place = place,
            AssigneeId = assigneeId,
            PlannedById = acting.UserId!.Value,
            PlannedOnBehalfOfId = acting.OnBehalfOfId,
            CounterpartyId = request.CounterpartyId,
            ContactId = request.ContactId,
            LeadId = request.LeadId,
            DealId = request.DealId,
            RemindBeforeMinutes = request.RemindBeforeMinutes,
            CreatedAt = now,
        };
    }

    /// <summary>The duration from minutes or an end (an end must follow the start); a meeting without either lasts an hour.</summary>
    public static int? Duration(int? minutes, DateTimeOffset? endsAt, DateTime? plannedAt, ActivityKind? kind,
        List<(string, string)> errors, string? prefix = null)
    {
        if (endsAt is { } end)
        {
            if (plannedAt is { } s)
            {
                var span = end.UtcDateTime - s;
                if (span <= TimeSpan.Zero)
                {
                    errors.Add((prefix + "endsAt", FieldErrors.EndBeforeStart));
                    return null;
                }
                if (span.TotalMinutes > MaxDurationMinutes)
                {
                    errors.Add((prefix + "endsAt", ActivityErrors.OutOfRange));
                    return null;
                }
                return (int)Math.Ceiling(span.TotalMinutes);
            }
            return null;
        }
        if (minutes is { } m)
        {
            if (m <= 0)
                errors.Add((prefix + "durationMinutes", FieldErrors.EndBeforeStart));
            else if (m > MaxDurationMinutes)
                errors.Add((prefix + "durationMinutes", ActivityErrors.OutOfRange));
            return m;
        }
        return kind == ActivityKind.Meeting ? Activity.DefaultMeetingMinutes : null;
    }

    public static async Task CheckAssigneeAsync(LetopisDb db, ActivityViewer viewer, Guid assigneeId, List<(string, string)> errors,
        string? prefix, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == assigneeId && u.IsActive, ct))
            errors.Add((prefix + "assigneeId", FieldErrors.NotFound));
        else if (!viewer.MayPlanFor(assigneeId))
            errors.Add((prefix + "assigneeId", ActivityErrors.OutsideAuthority));
    }

    /// <summary>The counterparty must exist and be visible; the contact must work there.</summary>
    public static async Task CheckCounterpartyAsync(LetopisDb db, AccessContext access, Guid? counterpartyId, Guid? contactId,
        List<(string, string)> errors, string? prefix, CancellationToken ct)
    {
        if (counterpartyId is { } cp
            && !await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).AnyAsync(c => c.Id == cp, ct))
        {
            errors.Add((prefix + "counterpartyId", FieldErrors.NotFound));
            return;
        }
        if (contactId is not { } contact)
            return;
        if (counterpartyId is null)
            errors.Add((prefix + "counterpartyId", FieldErrors.Required));
        else if (!await db.ContactPersons.AnyAsync(c => c.Id == contact, ct))
            errors.Add((prefix + "contactId", FieldErrors.NotFound));
        else if (!await db.CounterpartyContacts.AnyAsync(l => l.CounterpartyId == counterpartyId && l.ContactId == contact, ct))
            errors.Add((prefix + "contactId", ActivityErrors.ContactNotLinked));
    }

    /// <summary>A lead or deal an activity is planned on must exist and be visible to the caller.</summary>
    public static async Task CheckLeadAndDealAsync(LetopisDb db, AccessContext access, Guid? leadId, Guid? dealId,
        List<(string, string)> errors, string? prefix, CancellationToken ct)
    {
        if (leadId is { } lead && !await db.Leads.VisibleTo(access, Leads.Lead.EntityKind).AnyAsync(l => l.Id == lead, ct))
            errors.Add((prefix + "leadId", FieldErrors.NotFound));
        if (dealId is { } deal && !await db.Deals.VisibleTo(access, Deals.Deal.EntityKind).AnyAsync(d => d.Id == deal, ct))
            errors.Add((prefix + "dealId", FieldErrors.NotFound));
    }

    /// <summary>The collected field errors (a follow-up's are named <c>followUp.plannedAt</c> and so on).</summary>
    public static Error Validation(List<(string, string)> errors) => Error.Validation([.. errors]);

    public static Error NotPlanned(ActivityStatus status) =>
        new(ActivityErrors.NotPlanned, status == ActivityStatus.Done
            ? "The activity is already done."
            : "The activity is cancelled.", Extensions: new Dictionary<string, object?> { ["status"] = status.ToString().ToLowerInvariant() });
}

/// <summary>The reminders of an activity through the foundation's engine: N minutes before, and on overdue.</summary>
internal static class ActivityReminders
{
    /// <summary>Cancels the unfired reminders of the activity, in the caller's coming save.</summary>
    public static async Task CancelAsync(LetopisDb db, Guid activityId, DateTime now, CancellationToken ct)
    {
        var pending = await db.Reminders
            .Where(r => r.EntityKind == Activity.EntityKind && r.EntityId == activityId && r.FiredAt == null && r.CancelledAt == null)
            .ToListAsync(ct);
        foreach (var r in pending)
            r.CancelledAt = now;
    }

    /// <summary>Arms the reminders of a planned activity (after cancelling the old ones, when moved).</summary>
    public static async Task ArmAsync(LetopisDb db, Activity activity, DateTime now, IActivityWording? wording, CancellationToken ct)
    {
        if (activity.Status != ActivityStatus.Planned)
            return;
        var assignee = await db.Users.AsNoTracking().Where(u => u.Id == activity.AssigneeId)
            .Select(u => new { u.Culture }).SingleAsync(ct);
        var body = await BodyAsync(db, activity, ct);
        if (activity.RemindBeforeMinutes is { } before && activity.PlannedAt.AddMinutes(-before) > now)
            db.Reminders.Add(New(activity, activity.PlannedAt.AddMinutes(-before), Title(wording, assignee.Culture, activity, false), body, now));
        db.Reminders.Add(New(activity, activity.EndsAt + Activity.OverdueAfter, Title(wording, assignee.Culture, activity, true), body, now));
    }

    private static string Title(IActivityWording? wording, string? culture, Activity a, bool overdue)
    {
        var title = wording?.ReminderTitle(culture, a.Kind, a.Subject, overdue)
            ?? $"{(overdue ? "Overdue: " : "")}{a.Kind}: {a.Subject}";
        return title.Length > TextLimits.Name ? title[..TextLimits.Name] : title;
    }

    private static async Task<string?> BodyAsync(LetopisDb db, Activity a, CancellationToken ct)
    {
        var parts = new List<string>();
        if (a.CounterpartyId is { } cp && await db.Counterparties.Where(c => c.Id == cp).Select(c => new { c.Name, c.Phone }).SingleOrDefaultAsync(ct) is { } c)
        {
            parts.Add(c.Name);
            var contact = a.ContactId is { } id
                ? await db.ContactPersons.Where(p => p.Id == id).Select(p => new { p.FullName, Phone = p.Phone ?? p.Phone2 }).SingleOrDefaultAsync(ct)
                : null;
            if (contact is not null)
                parts.Add(contact.FullName);
            if ((contact?.Phone ?? c.Phone) is { } phone)
                parts.Add(Phones.Format(phone));
        }
        if (a.Place is not null)
            parts.Add(a.Place);
        if (a.Description is not null)
            parts.Add(a.Description);
        var body = parts.Count == 0 ? null : string.Join("\n", parts);
        return body?.Length > TextLimits.Long ? body[..TextLimits.Long] : body;
    }

    private static Reminder New(Activity a, DateTime due, string title, string? body, DateTime now) => new()
    {
        UserId = a.AssigneeId,
        DueAt = due,
        Title = title,
        Body = body,
        Link = $"/activities/{a.Id}",
        EntityKind = Activity.EntityKind,
        EntityId = a.Id,
        SendEmail = true,
        CreatedAt = now,
    };
}

/// <summary>Timeline entries of activities on their counterparty's, lead's and deal's timelines.</summary>
internal static class ActivityTimeline
{
    public static void Add(LetopisDb db, Activity activity, DateTime now, ICurrentActor actor, string kind, string? detail = null)
    {
        if (activity.CounterpartyId is null && activity.LeadId is null && activity.DealId is null)
            return;
        var text = detail is null ? activity.Subject : activity.Subject + "\n" + detail;
        if (text.Length > TextLimits.Long)
            text = text[..TextLimits.Long];
        // One row on every timeline the activity belongs to: the counterparty's, the lead's, the deal's.
        db.TimelineEvents.Add(new TimelineEvent
        {
            CounterpartyId = activity.CounterpartyId,
            LeadId = activity.LeadId,
            DealId = activity.DealId,
            At = now,
            Kind = kind,
            Text = text,
            UserId = actor.UserId,
            OnBehalfOfId = actor.OnBehalfOfId,
            EntityKind = Activity.EntityKind,
            EntityId = activity.Id,
        });
    }
}

/// <summary>The calendar days of activities, in the zone of the person whose day it is (see <see cref="UserClock"/>).</summary>
internal static class ActivityDays
{
    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone) => TimeZones.Today(time, zone);

    /// <summary>The UTC instant a day starts in the zone.</summary>
    public static DateTime StartUtc(DateOnly day, TimeZoneInfo zone) => TimeZones.DayStartUtc(day, zone);
}
