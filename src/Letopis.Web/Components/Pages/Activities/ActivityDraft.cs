using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Web.Auth;
using Letopis.Web.Components.Shared;

namespace Letopis.Web.Components.Pages.Activities;

/// <summary>A counterparty chosen in the plan form.</summary>
public sealed record PickedCounterparty(Guid Id, string Name, string? Detail = null)
{
    public override string ToString() => Name;
}

/// <summary>What the plan form holds while the user types: a day and a time of day, people and counterparties as picked.</summary>
public sealed class ActivityDraft
{
    public ActivityKind Kind { get; set; } = ActivityKind.Call;

    public string? Subject { get; set; }

    public string? Description { get; set; }

    /// <summary>The day (the time part is ignored), as the date picker gives it.</summary>
    public DateTime? Date { get; set; }

    public TimeSpan? Time { get; set; }

    public int? DurationMinutes { get; set; }

    public string? Place { get; set; }

    /// <summary>Null: the caller.</summary>
    public PickedUser? Assignee { get; set; }

    public PickedCounterparty? Counterparty { get; set; }

    public Guid? ContactId { get; set; }

    public int? RemindBeforeMinutes { get; set; } = 15;

    /// <summary>The lead the activity is planned on (from the lead's card).</summary>
    public Guid? LeadId { get; set; }

    /// <summary>The deal the activity is planned on (from the deal's card).</summary>
    public Guid? DealId { get; set; }

    /// <summary>The zone the date and time are entered in: the viewer's.</summary>
    public required TimeZoneInfo Zone { get; init; }

    public bool IsMeeting => Kind == ActivityKind.Meeting;

    /// <summary>
    /// A fresh draft for a day. For a later day: 10:00. For today (or an earlier day): no date or time
    /// yet, so that the plan form fills in the next working hour (<see cref="ActivityStartDefaults"/>).
    /// A meeting lasts an hour unless changed.
    /// </summary>
    public static ActivityDraft For(DateOnly day, ViewerClock clock, ActivityKind kind = ActivityKind.Call)
    {
        var draft = new ActivityDraft
        {
            Kind = kind,
            Zone = clock.Zone,
            DurationMinutes = kind == ActivityKind.Meeting ? Activity.DefaultMeetingMinutes : null,
        };
        if (day > clock.Today)
        {
            draft.Date = day.ToDateTime(TimeOnly.MinValue);
            draft.Time = new TimeSpan(10, 0, 0);
        }
        return draft;
    }

    /// <summary>Fills an empty date and time with the next working hour of the viewer (the form's default).</summary>
    public async Task StartAtNextWorkingHourAsync(UiActions ui)
    {
        if (Date is not null && Time is not null)
            return;
        var zone = Zone;
        Use(await ui.RunAsync<ActivityStartDefaults, DateTime>(h => h.NextAsync(zone, CancellationToken.None)));
    }

    /// <summary>
    /// The next contact after <paramref name="done"/>: same kind, people and topic, on the next working
    /// day at the same time (10:00 if it was outside working hours), by the production calendar.
    /// </summary>
    public static async Task<ActivityDraft> FollowUpOfAsync(ActivityDto done, ViewerClock clock, UiActions ui)
    {
        var zone = clock.Zone;
        var start = await ui.RunAsync<ActivityStartDefaults, DateTime>(h => h.FollowUpAsync(zone, done.PlannedAt, CancellationToken.None));
        var draft = new ActivityDraft
        {
            Zone = clock.Zone,
            Kind = done.Kind,
            Subject = done.Subject,
            DurationMinutes = done.DurationMinutes,
            Place = done.Place,
            Assignee = new PickedUser(done.AssigneeId, done.AssigneeName),
            Counterparty = done.CounterpartyId is { } id ? new PickedCounterparty(id, done.CounterpartyName ?? "") : null,
            ContactId = done.ContactId,
            RemindBeforeMinutes = done.RemindBeforeMinutes,
        };
        draft.Use(start);
        return draft;
    }

    private void Use(DateTime local)
    {
        Date = local.Date;
        Time = new TimeSpan(local.Hour, local.Minute, 0);
    }

    /// <summary>The activity as it stands, to edit or move it.</summary>
    public static ActivityDraft Of(ActivityDto a, ViewerClock clock)
    {
        var start = clock.Local(a.PlannedAt);
        return new ActivityDraft
        {
            Zone = clock.Zone,
            Kind = a.Kind,
            Subject = a.Subject,
            Description = a.Description,
            Date = start.Date,
            Time = new TimeSpan(start.Hour, start.Minute, 0),
            DurationMinutes = a.DurationMinutes,
            Place = a.Place,
            Assignee = new PickedUser(a.AssigneeId, a.AssigneeName),
            Counterparty = a.CounterpartyId is { } id ? new PickedCounterparty(id, a.CounterpartyName ?? "") : null,
            ContactId = a.ContactId,
            RemindBeforeMinutes = a.RemindBeforeMinutes,
        };
    }

    /// <summary>A merge patch with only what differs from <paramref name="before"/>.</summary>
    public ActivityFields ChangesFrom(ActivityDto before)
    {
        var request = ToRequest();
        return new ActivityFields(
            Kind: Kind != before.Kind ? request.Kind : default,
            Subject: Subject != before.Subject ? Subject : default,
            Description: Description != before.Description ? Description : default,
            PlannedAt: PlannedAt is { } at && at.UtcDateTime != DateTime.SpecifyKind(before.PlannedAt, DateTimeKind.Utc) ? at : default,
            DurationMinutes: DurationMinutes != before.DurationMinutes ? DurationMinutes : default,
            Place: request.Place != before.Place ? request.Place : default,
            AssigneeId: request.AssigneeId is { } assignee && assignee != before.AssigneeId ? assignee : default,
            CounterpartyId: request.CounterpartyId != before.CounterpartyId ? request.CounterpartyId : default,
            ContactId: request.ContactId != before.ContactId ? request.ContactId : default,
            RemindBeforeMinutes: RemindBeforeMinutes != before.RemindBeforeMinutes ? RemindBeforeMinutes : default);
    }

    /// <summary>The moment entered (a wall-clock time of <see cref="Zone"/>), or null while the date or the time is missing.</summary>
    public DateTimeOffset? PlannedAt =>
        Date is { } day && Time is { } time ? TimeZones.WithOffset(day.Date + new TimeSpan(time.Hours, time.Minutes, 0), Zone) : null;

    public PlanActivityRequest ToRequest() => new(
        ActivityText.Code(Kind),
        Subject,
        Description,
        PlannedAt,
        DurationMinutes,
        null,
        IsMeeting ? Place : null,
        Assignee?.Id,
        Counterparty?.Id,
        Counterparty is null ? null : ContactId,
        RemindBeforeMinutes,
        LeadId,
        DealId);
}
