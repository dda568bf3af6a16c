using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Calendar;

/// <summary>
/// Working days: Monday to Friday, minus the non-working public holidays of article 112 of the
/// Russian Labour Code, corrected by the editable <see cref="CalendarDay"/> rows (transfers,
/// working Saturdays) that the government's production calendar sets each year.
/// </summary>
public static class WorkingDays
{
    private static readonly (int Month, int Day)[] FixedHolidays =
    [
        (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8),
        (2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4),
    ];

    public static bool IsFixedHoliday(DateOnly day) => FixedHolidays.Contains((day.Month, day.Day));

    public static bool IsWorkingDay(DateOnly day, IReadOnlyDictionary<DateOnly, bool> overrides)
    {
        if (overrides.TryGetValue(day, out var working))
            return working;
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsFixedHoliday(day);
    }

    /// <summary>The day that is <paramref name="days"/> working days after <paramref name="start"/>.</summary>
    public static DateOnly Add(DateOnly start, int days, IReadOnlyDictionary<DateOnly, bool> overrides)
    {
        var step = days >= 0 ? 1 : -1;
        var left = Math.Abs(days);
        var day = start;
        while (left > 0)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day, overrides))
                left--;
        }
        return day;
    }

    /// <summary>The 2026 production calendar (Government decree of 24.09.2025): days off on weekdays.</summary>
    public static IEnumerable<CalendarDay> Russia2026() =>
    [
        new() { Date = new(2026, 1, 1), Name = "Новогодние каникулы" },
        new() { Date = new(2026, 1, 2), Name = "Новогодние каникулы" },
        new() { Date = new(2026, 1, 5), Name = "Новогодние каникулы" },
        new() { Date = new(2026, 1, 6), Name = "Новогодние каникулы" },
        new() { Date = new(2026, 1, 7), Name = "Рождество Христово" },
        new() { Date = new(2026, 1, 8), Name = "Новогодние каникулы" },
        new() { Date = new(2026, 1, 9), Name = "Перенос с 3 января" },
        new() { Date = new(2026, 2, 23), Name = "День защитника Отечества" },
        new() { Date = new(2026, 3, 9), Name = "Перенос с 8 марта" },
        new() { Date = new(2026, 5, 1), Name = "Праздник Весны и Труда" },
        new() { Date = new(2026, 5, 11), Name = "Перенос с 9 мая" },
        new() { Date = new(2026, 6, 12), Name = "День России" },
        new() { Date = new(2026, 11, 4), Name = "День народного единства" },
        new() { Date = new(2026, 12, 31), Name = "Перенос с 4 января" },
    ];
}

/// <summary>Answers working-day questions from the database's calendar rows.</summary>
public sealed class WorkingCalendar(LetopisDb db)
{
    public async Task<bool> IsWorkingDayAsync(DateOnly day, CancellationToken ct) =>
        WorkingDays.IsWorkingDay(day, await OverridesAsync(day, day, ct));

    public async Task<DateOnly> AddWorkingDaysAsync(DateOnly start, int days, CancellationToken ct)
    {
        // Long holidays never stretch a span by more than a few weeks: load a generous window once.
        var span = Math.Abs(days) * 2 + 40;
        var from = days >= 0 ? start : start.AddDays(-span);
        var to = days >= 0 ? start.AddDays(span) : start;
        return WorkingDays.Add(start, days, await OverridesAsync(from, to, ct));
    }

    /// <summary>The next whole working hour after a wall-clock moment (see <see cref="WorkingHours.NextStart"/>).</summary>
    public async Task<DateTime> NextWorkingHourAsync(DateTime localNow, CancellationToken ct)
    {
        var from = DateOnly.FromDateTime(localNow);
        var overrides = await OverridesAsync(from, from.AddDays(WorkingHours.LongestBreakDays + 1), ct);
        return WorkingHours.NextStart(localNow, d => WorkingDays.IsWorkingDay(d, overrides));
    }

    /// <summary>The default start of a follow-up (see <see cref="WorkingHours.FollowUpStart"/>).</summary>
    public async Task<DateTime> FollowUpStartAsync(DateOnly today, TimeOnly timeOfDay, CancellationToken ct)
    {
        var overrides = await OverridesAsync(today, today.AddDays(WorkingHours.LongestBreakDays + 1), ct);
        return WorkingHours.FollowUpStart(today, timeOfDay, d => WorkingDays.IsWorkingDay(d, overrides));
    }

    private async Task<Dictionary<DateOnly, bool>> OverridesAsync(DateOnly from, DateOnly to, CancellationToken ct) =>
        await db.CalendarDays.AsNoTracking()
            .Where(d => d.Date >= from && d.Date <= to)
            .ToDictionaryAsync(d => d.Date, d => d.IsWorkingDay, ct);
}
