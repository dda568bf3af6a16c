namespace Letopis.Core.Calendar;

/// <summary>
/// The office day a new contact is planned into when nobody names a time: 09:00 to 18:00 of a
/// working day, in the zone of the person who does it. A call planned at 05:00 on a Sunday is
/// one nobody makes.
/// </summary>
public static class WorkingHours
{
    public static readonly TimeOnly Opens = new(9, 0);

    public static readonly TimeOnly Closes = new(18, 0);

    /// <summary>The follow-up's time when the finished contact was outside working hours.</summary>
    public static readonly TimeOnly FollowUpFallback = new(10, 0);

    /// <summary>No calendar has this many days off in a row; stops the search if a misedited one has.</summary>
    public const int LongestBreakDays = 60;

    public static bool Within(TimeOnly time) => time >= Opens && time < Closes;

    /// <summary>The next whole hour after <paramref name="localNow"/> that falls within working hours of a working day.</summary>
    public static DateTime NextStart(DateTime localNow, Func<DateOnly, bool> isWorkingDay)
    {
        var next = localNow.Date.AddHours(localNow.Hour + 1);
        var day = DateOnly.FromDateTime(next);
        var time = TimeOnly.FromDateTime(next);
        if (isWorkingDay(day) && Within(time))
            return next;
        if (!isWorkingDay(day) || time >= Closes)
            day = NextWorkingDay(day, isWorkingDay);
        return day.ToDateTime(Opens);
    }

    /// <summary>
    /// The follow-up of a contact held at <paramref name="timeOfDay"/>: the next working day after
    /// <paramref name="today"/>, at the same time if that was within working hours, else at 10:00.
    /// </summary>
    public static DateTime FollowUpStart(DateOnly today, TimeOnly timeOfDay, Func<DateOnly, bool> isWorkingDay) =>
        NextWorkingDay(today, isWorkingDay).ToDateTime(Within(timeOfDay) ? new TimeOnly(timeOfDay.Hour, timeOfDay.Minute) : FollowUpFallback);

    private static DateOnly NextWorkingDay(DateOnly after, Func<DateOnly, bool> isWorkingDay)
    {
        for (var i = 1; i <= LongestBreakDays; i++)
        {
            if (isWorkingDay(after.AddDays(i)))
                return after.AddDays(i);
        }
        return after.AddDays(1);
    }
}
