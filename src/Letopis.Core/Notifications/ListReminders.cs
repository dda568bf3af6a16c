using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Notifications;

public sealed class ListReminders(LetopisDb db)
{
    /// <summary>The user's reminders that have neither fired nor been cancelled, soonest first.</summary>
    public async Task<PageOf<ReminderDto>> HandleAsync(Guid userId, PageRequest page, CancellationToken ct)
    {
        var query = db.Reminders.AsNoTracking()
            .Where(r => r.UserId == userId && r.FiredAt == null && r.CancelledAt == null);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            .Skip(page.Skip).Take(page.PageSize)
            .ToListAsync(ct);
        return new PageOf<ReminderDto>(items.Select(CreateReminder.ToDto).ToList(), total, page.Page, page.PageSize);
    }
}
