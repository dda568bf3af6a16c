using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Calendar;

/// <summary>A day of the working calendar.</summary>
/// <param name="Date">The day.</param>
/// <param name="IsWorkingDay">Whether people work that day.</param>
/// <param name="Name">The holiday or transfer, when the day has one.</param>
/// <param name="IsOverride">The day is set in the editable calendar rather than by the ordinary week and fixed holidays.</param>
public sealed record CalendarDayDto(DateOnly Date, bool IsWorkingDay, string? Name, bool IsOverride);

public sealed class ListCalendarDays(LetopisDb db)
{
    /// <summary>The longest range one request may ask for.</summary>
    public const int MaxDays = 400;

    public async Task<Result<List<CalendarDayDto>>> HandleAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (from is null)
            errors.Add(("from", FieldErrors.Required));
        if (to is null)
            errors.Add(("to", FieldErrors.Required));
        if (from is { } f && to is { } t)
        {
            if (t < f)
                errors.Add(("to", FieldErrors.EndBeforeStart));
            else if (t.DayNumber - f.DayNumber + 1 > MaxDays)
                errors.Add(("to", CalendarErrors.RangeTooLong));
        }
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var rows = await db.CalendarDays.AsNoTracking()
            .Where(d => d.Date >= from!.Value && d.Date <= to!.Value)
            .ToDictionaryAsync(d => d.Date, ct);
        var overrides = rows.ToDictionary(r => r.Key, r => r.Value.IsWorkingDay);
        var days = new List<CalendarDayDto>(to!.Value.DayNumber - from!.Value.DayNumber + 1);
        for (var day = from.Value; day <= to.Value; day = day.AddDays(1))
        {
            rows.TryGetValue(day, out var row);
            days.Add(new CalendarDayDto(day, WorkingDays.IsWorkingDay(day, overrides),
                string.IsNullOrEmpty(row?.Name) ? null : row.Name, row is not null));
        }
        return days;
    }
}

public static class CalendarErrors
{
    public const string RangeTooLong = "range_too_long";
}
