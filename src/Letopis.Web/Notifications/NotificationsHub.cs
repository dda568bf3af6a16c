using Letopis.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Letopis.Web.Notifications;

/// <summary>
/// Live notifications at <c>/hubs/notifications</c>: each connection joins its user's group and
/// receives <c>notification</c> events carrying a <see cref="Core.Notifications.NotificationDto"/>.
/// </summary>
[Authorize]
public sealed class NotificationsHub : Hub
{
    public const string Path = "/hubs/notifications";
    public const string EventName = "notification";

    public static string GroupOf(Guid userId) => "user:" + userId.ToString("N");

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(Context.User!.UserId()));
        await base.OnConnectedAsync();
    }
}
