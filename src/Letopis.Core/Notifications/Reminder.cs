namespace Letopis.Core.Notifications;

/// <summary>
/// Something to tell a user at a given time. A background service on any node claims due
/// reminders through the database, so each fires exactly once however many nodes run.
/// </summary>
public class Reminder
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public DateTime DueAt { get; set; }

    public string Title { get; set; } = "";

    public string? Body { get; set; }

    /// <summary>A relative link in the UI to the record the reminder is about.</summary>
    public string? Link { get; set; }

    public string? EntityKind { get; set; }

    public Guid? EntityId { get; set; }

    public bool SendEmail { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The node that claimed the reminder and until when its claim holds.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public DateTime? FiredAt { get; set; }

    public DateTime? CancelledAt { get; set; }

    /// <summary>
    /// For a yearly reminder (a birthday, a company's day): the date it recurs on. When it fires,
    /// the dispatcher arms the next year's reminder in the same transaction.
    /// </summary>
    public DateOnly? RepeatYearlyOn { get; set; }

    /// <summary>For a yearly reminder: how many days before the date it fires.</summary>
    public int RepeatDaysBefore { get; set; }

    /// <summary>
    /// The reminder for the yearly date's first occurrence after <paramref name="after"/>, at
    /// <paramref name="at"/> on the recipient's wall clock (<paramref name="zone"/>), as a UTC instant.
    /// </summary>
    public static DateTime YearlyDue(DateOnly date, int daysBefore, TimeOnly at, TimeZoneInfo zone, DateTime after)
    {
        for (var year = after.Year - 1; ; year++)
        {
            var due = Common.TimeZones.ToUtc(YearlyDates.In(date, year).AddDays(-daysBefore).ToDateTime(at), zone);
            if (due > after)
                return due;
        }
    }

    /// <summary>Next year's copy of a fired yearly reminder, or null for a one-off reminder.</summary>
    public Reminder? NextYear(DateTime now)
    {
        if (RepeatYearlyOn is not { } date)
            return null;
        // The same UTC time of day: the recipient's wall-clock time, as Russia's zones keep no summer time.
        var due = YearlyDue(date, RepeatDaysBefore, TimeOnly.FromDateTime(DueAt), TimeZoneInfo.Utc, DueAt > now ? DueAt : now);
        return new Reminder
        {
            UserId = UserId,
            DueAt = due,
            Title = Title,
            Body = Body,
            Link = Link,
            EntityKind = EntityKind,
            EntityId = EntityId,
            SendEmail = SendEmail,
            CreatedAt = now,
            RepeatYearlyOn = date,
            RepeatDaysBefore = RepeatDaysBefore,
        };
    }
}

/// <summary>Dates that come back every year.</summary>
public static class YearlyDates
{
    /// <summary>The date's day in <paramref name="year"/>; 29 February falls on 28 February in common years.</summary>
    public static DateOnly In(DateOnly date, int year) =>
        date is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year) ? new DateOnly(year, 2, 28) : new DateOnly(year, date.Month, date.Day);

    /// <summary>The date's next occurrence on or after <paramref name="today"/>.</summary>
    public static DateOnly Next(DateOnly date, DateOnly today)
    {
        var thisYear = In(date, today.Year);
        return thisYear >= today ? thisYear : In(date, today.Year + 1);
    }
}

/// <summary>An in-app notification shown under the bell.</summary>
public class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public string Title { get; set; } = "";

    public string? Body { get; set; }

    public string? Link { get; set; }

    public Guid? ReminderId { get; set; }

    public DateTime? ReadAt { get; set; }

    public EmailState Email { get; set; }

    public DateTime? EmailedAt { get; set; }

    public string? EmailError { get; set; }
}

public enum EmailState
{
    NotRequested,
    Pending,
    Sending,
    Sent,
    Failed,
    NoAddress,
}
