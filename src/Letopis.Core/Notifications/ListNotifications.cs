using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Notifications;

/// <summary>A notification as the bell and the API show it.</summary>
public sealed record NotificationDto(Guid Id, DateTime CreatedAt, string Title, string? Body, string? Link, bool IsRead);

public sealed class ListNotifications(LetopisDb db)
{
    public async Task<PageOf<NotificationDto>> HandleAsync(Guid userId, bool unreadOnly, PageRequest page, CancellationToken ct)
    {
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        if (unreadOnly)
            query = query.Where(n => n.ReadAt == null);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(n => new NotificationDto(n.Id, n.CreatedAt, n.Title, n.Body, n.Link, n.ReadAt != null))
            .ToListAsync(ct);
        return new PageOf<NotificationDto>(items, total, page.Page, page.PageSize);
    }

    public Task<int> UnreadCountAsync(Guid userId, CancellationToken ct) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
}

public sealed class MarkNotificationsRead(LetopisDb db, TimeProvider time)
{
    /// <summary>Marks one notification (or, with no id, all of them) read; another user's id is not found.</summary>
    public async Task<Result<int>> HandleAsync(Guid userId, Guid? id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var query = db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null);
        if (id is { } one)
        {
            if (!await db.Notifications.AnyAsync(n => n.Id == one && n.UserId == userId, ct))
                return Error.NotFound();
            query = query.Where(n => n.Id == one);
        }
        return await query.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
