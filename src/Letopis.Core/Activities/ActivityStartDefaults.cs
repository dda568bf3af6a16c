using Letopis.Core.Calendar;
using Letopis.Core.Common;

namespace Letopis.Core.Activities;

/// <summary>
/// When a new activity starts if nobody says: the next whole working hour, and a follow-up on the
/// next working day at the finished contact's time (10:00 if that was outside working hours), in
/// the zone given, by the production calendar. The plan form, the follow-up form and the API agree.
/// </summary>
public sealed class ActivityStartDefaults(WorkingCalendar calendar, TimeProvider time)
{
    /// <summary>The default start of a new activity, as a wall-clock time of <paramref name="zone"/>.</summary>
    public Task<DateTime> NextAsync(TimeZoneInfo zone, CancellationToken ct) =>
        calendar.NextWorkingHourAsync(TimeZones.ToLocal(time.GetUtcNow().UtcDateTime, zone), ct);

    /// <summary>The default start of the follow-up of an activity planned at <paramref name="doneAtUtc"/>, as a wall-clock time of <paramref name="zone"/>.</summary>
    public Task<DateTime> FollowUpAsync(TimeZoneInfo zone, DateTime doneAtUtc, CancellationToken ct) =>
        calendar.FollowUpStartAsync(TimeZones.Today(time, zone), TimeOnly.FromDateTime(TimeZones.ToLocal(doneAtUtc, zone)), ct);
}
