using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Calendar;

/// <summary>Sets one day of the production calendar.</summary>
/// <param name="IsWorkingDay">Whether the day is worked (a working Saturday) or not (a holiday, a transferred day off).</param>
/// <param name="Name">The holiday or the reason, up to 300 characters.</param>
public sealed record SetCalendarDayRequest(bool? IsWorkingDay, string? Name);

public sealed class SetCalendarDay(LetopisDb db)
{
    /// <summary>Admins only: the calendar moves every deadline in the company.</summary>
    public async Task<Result<CalendarDayDto>> HandleAsync(AccessContext access, DateOnly date, SetCalendarDayRequest request, CancellationToken ct)
    {
        if (!access.IsAdmin)
            return Error.Forbidden();
        var errors = new List<(string, string)>();
        if (request.IsWorkingDay is null)
            errors.Add(("isWorkingDay", FieldErrors.Required));
        var name = request.Name?.Trim() ?? "";
        if (name.Length > TextLimits.Name)
            errors.Add(("name", FieldErrors.TooLong));
        else
            TextRules.Check(name, "name", errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var day = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == date, ct);
        if (day is null)
        {
            day = new CalendarDay { Date = date };
            db.CalendarDays.Add(day);
        }
        day.IsWorkingDay = request.IsWorkingDay!.Value;
        day.Name = name;
        await db.SaveChangesAsync(ct);
        return new CalendarDayDto(day.Date, day.IsWorkingDay, name.Length == 0 ? null : name, true);
    }
}
