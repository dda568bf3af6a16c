using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Calendar;

public sealed class RemoveCalendarDay(LetopisDb db)
{
    /// <summary>Admins only: drops the day's override, so the ordinary week and fixed holidays decide again.</summary>
    public async Task<Result<bool>> HandleAsync(AccessContext access, DateOnly date, CancellationToken ct)
    {
        if (!access.IsAdmin)
            return Error.Forbidden();
        var removed = await db.CalendarDays.Where(d => d.Date == date).ExecuteDeleteAsync(ct);
        return removed == 0 ? Error.NotFound() : true;
    }
}
