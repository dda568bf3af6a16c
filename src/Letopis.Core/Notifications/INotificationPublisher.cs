namespace Letopis.Core.Notifications;

/// <summary>
/// Pushes a freshly created notification to the users connected to this node at once; other
/// nodes pick it up from the database through their relay.
/// </summary>
public interface INotificationPublisher
{
    Task PublishAsync(Guid userId, NotificationDto notification, CancellationToken ct);
}
