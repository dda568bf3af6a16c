using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Notifications;

public sealed class CancelReminder(LetopisDb db, TimeProvider time)
{
    public const string AlreadyFired = "reminder_already_fired";

    /// <summary>Cancels the user's pending reminder; someone else's is not found, a fired one is a conflict.</summary>
    public async Task<Result<bool>> HandleAsync(Guid userId, Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Conditional, so a dispatcher firing it at this very moment and this cancel cannot both win.
        var cancelled = await db.Reminders
            .Where(r => r.Id == id && r.UserId == userId && r.FiredAt == null && r.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelledAt, now), ct);
        if (cancelled == 1)
            return true;

        var state = await db.Reminders.AsNoTracking().Where(r => r.Id == id && r.UserId == userId)
            .Select(r => new { r.FiredAt, r.CancelledAt }).SingleOrDefaultAsync(ct);
        if (state is null)
            return Error.NotFound();
        if (state.FiredAt is not null)
            return new Error(AlreadyFired, "The reminder has already fired.");
        return true;
    }
}
