using System.ComponentModel;
using Letopis.Core.Common;
using Letopis.Core.Notifications;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>How many notifications are unread.</summary>
public sealed record UnreadCountResponse(int Count);

/// <summary>How many notifications a call marked read.</summary>
public sealed record MarkedReadResponse(int Marked);

public static class NotificationsEndpoints
{
    public static void MapNotificationsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists the caller's notifications, newest first");
        group.MapGet("/unread-count", UnreadCount)
            .WithSummary("Counts the caller's unread notifications");
        group.MapPost("/{id:guid}/read", MarkRead)
            .WithSummary("Marks a notification as read");
        group.MapPost("/read-all", MarkAllRead)
            .WithSummary("Marks all the caller's notifications as read");
    }

    // Notifications are the signed-in person's own, also while they act as someone's deputy.
    internal static async Task<Ok<PageOf<NotificationDto>>> List(
        [Description("true: only unread notifications.")] bool? unread, int? page, int? pageSize, CurrentActor actor, ListNotifications handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(actor.UserId!.Value, unread ?? false, PageRequest.From(page, pageSize), ct));

    internal static async Task<Ok<UnreadCountResponse>> UnreadCount(CurrentActor actor, ListNotifications handler, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCountResponse(await handler.UnreadCountAsync(actor.UserId!.Value, ct)));

    internal static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(
        Guid id, CurrentActor actor, MarkNotificationsRead handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(actor.UserId!.Value, id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<MarkedReadResponse>, ProblemHttpResult>> MarkAllRead(
        CurrentActor actor, MarkNotificationsRead handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(actor.UserId!.Value, null, ct);
        return result.IsSuccess ? TypedResults.Ok(new MarkedReadResponse(result.Value)) : problems.Result(result.Error!);
    }
}
