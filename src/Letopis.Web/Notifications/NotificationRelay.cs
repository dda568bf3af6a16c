using System.Collections.Concurrent;
using Letopis.Core.Data;
using Letopis.Core.Notifications;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Notifications;

/// <summary>
/// The backplane through the database: every node polls the notifications created since its
/// last poll and pushes them to its own connected users (SignalR group and the in-process
/// broadcaster), so a reminder fired on node A reaches a user connected to node B. Polls look
/// back an overlap window, because a row may commit a little after its <c>CreatedAt</c> or come
/// from a node whose clock runs behind; a seen-set keeps the overlap from pushing anything twice.
/// </summary>
public sealed class NotificationRelay(
    IServiceScopeFactory scopes,
    IHubContext<NotificationsHub> hub,
    NotificationBroadcaster broadcaster,
    TimeProvider time,
    IOptions<ReminderOptions> options,
    ILogger<NotificationRelay> logger) : BackgroundService
{
    public TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(options.Value.RelayPollSeconds);
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);
    private const int PageSize = 500;

    private readonly ConcurrentDictionary<Guid, DateTime> _seen = new();
    // The first poll looks back one overlap before start: nobody is connected yet, so nothing old is pushed to anyone.
    private DateTime _lastPoll = time.GetUtcNow().UtcDateTime;

    /// <summary>Pushes a notification made on this node now, without waiting for the next poll.</summary>
    public Task DeliverAsync(Guid userId, NotificationDto notification) =>
        _seen.TryAdd(notification.Id, notification.CreatedAt) ? PushAsync(userId, notification) : Task.CompletedTask;

    /// <summary>One poll; returns how many notifications it pushed.</summary>
    public async Task<int> PollOnceAsync(CancellationToken ct)
    {
        var pollStarted = time.GetUtcNow().UtcDateTime;
        var since = _lastPoll - Overlap;
        var pushed = 0;

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
            while (true)
            {
                var rows = await db.Notifications.AsNoTracking()
                    .Where(n => n.CreatedAt >= since)
                    .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
                    .Take(PageSize)
                    .Select(n => new { n.UserId, Dto = new NotificationDto(n.Id, n.CreatedAt, n.Title, n.Body, n.Link, n.ReadAt != null) })
                    .ToListAsync(ct);
                foreach (var row in rows)
                {
                    if (!_seen.TryAdd(row.Dto.Id, row.Dto.CreatedAt))
                        continue;
                    await PushAsync(row.UserId, row.Dto);
                    pushed++;
                }
                if (rows.Count < PageSize)
                    break;
                var last = rows[^1].Dto.CreatedAt;
                // A page full of one instant would never move on: step past it (its rows are all seen).
                since = last > since ? last : since.AddTicks(1);
            }
        }

        _lastPoll = pollStarted;
        var forgetBefore = pollStarted - Overlap - Overlap;
        foreach (var (id, createdAt) in _seen)
        {
            if (createdAt < forgetBefore)
                _seen.TryRemove(id, out _);
        }
        return pushed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PollOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The watermark stays put, so the next poll looks at the same rows again.
                    logger.LogWarning(e, "Notification relay poll failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PushAsync(Guid userId, NotificationDto notification)
    {
        try
        {
            await hub.Clients.Group(NotificationsHub.GroupOf(userId)).SendAsync(NotificationsHub.EventName, notification);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Pushing notification {NotificationId} to the hub failed", notification.Id);
        }
        await broadcaster.PublishAsync(userId, notification);
    }
}

/// <summary>The dispatcher's way to tell this node's users at once; the relay then skips the row.</summary>
public sealed class RelayNotificationPublisher(NotificationRelay relay) : INotificationPublisher
{
    public Task PublishAsync(Guid userId, NotificationDto notification, CancellationToken ct) =>
        relay.DeliverAsync(userId, notification);
}
