using Letopis.Core.Common;

namespace Letopis.Core.Activities;

/// <summary>An activity as lists, the agenda, the calendar and the card show it.</summary>
/// <param name="Phone">The number to dial (E.164, for a <c>tel:</c> link): the contact person's, else the counterparty's.</param>
/// <param name="PhoneFormatted">The same number as people read it.</param>
/// <param name="Overdue">Still planned, and its end has passed.</param>
public sealed record ActivityDto(
    Guid Id,
    ActivityKind Kind,
    ActivityStatus Status,
    string Subject,
    string? Description,
    DateTime PlannedAt,
    int? DurationMinutes,
    DateTime EndsAt,
    string? Place,
    Guid AssigneeId,
    string AssigneeName,
    Guid PlannedById,
    string PlannedByName,
    Guid? PlannedOnBehalfOfId,
    string? PlannedOnBehalfOfName,
    Guid? CounterpartyId,
    string? CounterpartyName,
    Guid? ContactId,
    string? ContactName,
    string? Phone,
    string? PhoneFormatted,
    int? RemindBeforeMinutes,
    DateTime? CompletedAt,
    Guid? CompletedById,
    string? CompletedByName,
    Guid? CompletedOnBehalfOfId,
    string? CompletedOnBehalfOfName,
    string? Result,
    string? NextStep,
    DateTime? CancelledAt,
    Guid? CancelledById,
    string? CancelledByName,
    Guid? CancelledOnBehalfOfId,
    string? CancelledOnBehalfOfName,
    Guid? FollowUpOfId,
    bool Overdue,
    DateTime CreatedAt,
    int Version)
{
    /// <summary>The lead the activity is planned on.</summary>
    public Guid? LeadId { get; init; }

    /// <summary>That lead's title.</summary>
    public string? LeadTitle { get; init; }

    /// <summary>The deal the activity is planned on.</summary>
    public Guid? DealId { get; init; }

    /// <summary>That deal's title.</summary>
    public string? DealTitle { get; init; }
}

/// <summary>One user's planned activities for a day, grouped by kind.</summary>
/// <param name="Date">The day shown.</param>
/// <param name="UserId">Whose agenda it is.</param>
/// <param name="Groups">One group per kind that has activities, in the order of <see cref="ActivityKind"/>.</param>
/// <param name="ActingFor">The agendas of colleagues the caller currently stands in for as a deputy.</param>
/// <param name="TimeZone">The IANA time zone the day is counted in: that of the user whose agenda it is.</param>
public sealed record AgendaDto(DateOnly Date, Guid UserId, IReadOnlyList<AgendaGroupDto> Groups, IReadOnlyList<ActingForDto> ActingFor, string TimeZone);

/// <summary>The activities of one kind: overdue ones from earlier days first, then the day's in time order, those done on the day among them.</summary>
/// <param name="Count">How many are still planned.</param>
public sealed record AgendaGroupDto(ActivityKind Kind, int Count, int OverdueCount, IReadOnlyList<ActivityDto> Items);

/// <summary>An absent colleague's agenda, shown to their deputy as a separate group.</summary>
public sealed record ActingForDto(Guid UserId, string Name, DateOnly EndsOn, IReadOnlyList<AgendaGroupDto> Groups);

/// <summary>A new activity.</summary>
/// <param name="Kind"><c>call</c>, <c>meeting</c>, <c>email</c>, <c>fax</c>, <c>letter</c> or <c>task</c>.</param>
/// <param name="Subject">The topic, up to 300 characters.</param>
/// <param name="Description">The planned conversation in full, up to 4000 characters.</param>
/// <param name="PlannedAt">The start (ISO 8601 with offset); not in the past. Absent: the next whole working hour (09:00–18:00 of a
/// working day of the production calendar) in the assignee's time zone; for a follow-up, the next working day at the completed
/// activity's time of day, or 10:00 if that was outside working hours.</param>
/// <param name="DurationMinutes">How long it takes; a meeting without it or <paramref name="EndsAt"/> lasts 60 minutes.</param>
/// <param name="EndsAt">The end, instead of a duration; must be after the start.</param>
/// <param name="Place">Where a meeting happens.</param>
/// <param name="AssigneeId">Who does it; defaults to the caller. Planning for someone else needs authority over them.</param>
/// <param name="CounterpartyId">The counterparty it concerns.</param>
/// <param name="ContactId">The contact person; must work at the counterparty.</param>
/// <param name="RemindBeforeMinutes">Remind the assignee this many minutes before (0–10080), in the app and by e-mail.</param>
/// <param name="LeadId">The lead it is planned on; must be visible to the caller.</param>
/// <param name="DealId">The deal it is planned on; must be visible to the caller.</param>
public sealed record PlanActivityRequest(
    string? Kind,
    string? Subject,
    string? Description,
    DateTimeOffset? PlannedAt,
    int? DurationMinutes = null,
    DateTimeOffset? EndsAt = null,
    string? Place = null,
    Guid? AssigneeId = null,
    Guid? CounterpartyId = null,
    Guid? ContactId = null,
    int? RemindBeforeMinutes = null,
    Guid? LeadId = null,
    Guid? DealId = null);

/// <summary>A merge patch of an activity: absent fields stay. Moving it (<c>plannedAt</c>) re-arms its reminders.</summary>
public sealed record ActivityFields(
    Optional<string?> Kind = default,
    Optional<string?> Subject = default,
    Optional<string?> Description = default,
    Optional<DateTimeOffset?> PlannedAt = default,
    Optional<int?> DurationMinutes = default,
    Optional<DateTimeOffset?> EndsAt = default,
    Optional<string?> Place = default,
    Optional<Guid?> AssigneeId = default,
    Optional<Guid?> CounterpartyId = default,
    Optional<Guid?> ContactId = default,
    Optional<int?> RemindBeforeMinutes = default,
    Optional<string?> Result = default,
    Optional<string?> NextStep = default,
    Optional<Guid?> LeadId = default,
    Optional<Guid?> DealId = default);

/// <summary>Completing an activity.</summary>
/// <param name="Result">What was achieved and what failed; required.</param>
/// <param name="NextStep">What is next, in words.</param>
/// <param name="FollowUp">The next activity, planned in the same step (same shape as a new activity).</param>
/// <param name="Version">The version the caller saw; a stale one is a conflict.</param>
public sealed record CompleteActivityRequest(string? Result, string? NextStep = null, PlanActivityRequest? FollowUp = null, int? Version = null);

/// <summary>The completed activity and the follow-up planned with it, if any.</summary>
public sealed record CompletedActivityDto(ActivityDto Activity, ActivityDto? FollowUp);

/// <summary>Cancelling a planned activity.</summary>
/// <param name="Reason">Why, kept as the activity's result.</param>
/// <param name="Version">The version the caller saw.</param>
public sealed record CancelActivityRequest(string? Reason = null, int? Version = null);

/// <summary>Which activities to list (the calendar, a counterparty's card, a user's list).</summary>
/// <param name="From">First day (inclusive).</param>
/// <param name="To">Last day (inclusive).</param>
/// <param name="UserId">Whose activities; absent: every visible user's.</param>
/// <param name="CounterpartyId">Only those of this counterparty.</param>
/// <param name="Status">Only those in this status.</param>
/// <param name="LeadId">Only those planned on this lead.</param>
/// <param name="DealId">Only those planned on this deal.</param>
public sealed record ActivityListQuery(
    DateOnly? From = null, DateOnly? To = null, Guid? UserId = null, Guid? CounterpartyId = null, ActivityStatus? Status = null,
    Guid? LeadId = null, Guid? DealId = null);

/// <summary>A chronicle note of an activity.</summary>
public sealed record ActivityNoteDto(
    Guid Id, Guid ActivityId, DateTime At, string Text, Guid? UserId, string? UserName, Guid? OnBehalfOfId, string? OnBehalfOfName);

/// <summary>Field error and problem codes of activities; the web layer localizes them.</summary>
public static class ActivityErrors
{
    /// <summary>A start in the past (beyond a few minutes' grace).</summary>
    public const string InPast = "in_past";

    /// <summary>The assignee is not someone the caller may plan for.</summary>
    public const string OutsideAuthority = "outside_authority";

    /// <summary>The contact person does not work at the chosen counterparty.</summary>
    public const string ContactNotLinked = "contact_not_linked";

    /// <summary>Completing, cancelling or moving an activity that is already done or cancelled.</summary>
    public const string NotPlanned = "activity_not_planned";

    public const string OutOfRange = "out_of_range";
}
