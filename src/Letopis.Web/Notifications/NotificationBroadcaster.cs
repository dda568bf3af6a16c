using System.Collections.Concurrent;
using System.Collections.Immutable;
using Letopis.Core.Notifications;

namespace Letopis.Web.Notifications;

/// <summary>
/// In-process fan-out of new notifications to the components of this node (the Blazor bell):
/// a component subscribes for its user while it is on screen and disposes the subscription after.
/// </summary>
public sealed class NotificationBroadcaster(ILogger<NotificationBroadcaster> logger)
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Func<NotificationDto, Task>>> _subscribers = new();

    public IDisposable Subscribe(Guid userId, Func<NotificationDto, Task> onNew)
    {
        _subscribers.AddOrUpdate(userId, _ => [onNew], (_, list) => list.Add(onNew));
        return new Subscription(this, userId, onNew);
    }

    public bool HasSubscribers(Guid userId) => _subscribers.TryGetValue(userId, out var list) && !list.IsEmpty;

    public async Task PublishAsync(Guid userId, NotificationDto notification)
    {
        if (!_subscribers.TryGetValue(userId, out var handlers))
            return;
        foreach (var handler in handlers)
        {
            try
            {
                await handler(notification);
            }
            catch (Exception e)
            {
                // One broken component (a closed circuit) must not keep the others from hearing.
                logger.LogWarning(e, "A notification subscriber of user {UserId} failed", userId);
            }
        }
    }

    private void Unsubscribe(Guid userId, Func<NotificationDto, Task> onNew)
    {
        while (_subscribers.TryGetValue(userId, out var list))
        {
            var next = list.Remove(onNew);
            if (next.IsEmpty
                ? _subscribers.TryRemove(new KeyValuePair<Guid, ImmutableList<Func<NotificationDto, Task>>>(userId, list))
                : _subscribers.TryUpdate(userId, next, list))
                return;
        }
    }

    private sealed class Subscription(NotificationBroadcaster owner, Guid userId, Func<NotificationDto, Task> onNew) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Unsubscribe(userId, onNew);
        }
    }
}
