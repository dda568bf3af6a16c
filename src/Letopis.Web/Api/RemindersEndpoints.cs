using Letopis.Core.Common;
using Letopis.Core.Notifications;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

public static class RemindersEndpoints
{
    public static void MapRemindersEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reminders").WithTags("Reminders").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists the caller's reminders");
        group.MapPost("", Create)
            .WithSummary("Sets a reminder");
        group.MapDelete("/{id:guid}", Cancel)
            .WithSummary("Cancels a reminder");
    }

    internal static async Task<Ok<PageOf<ReminderDto>>> List(
        int? page, int? pageSize, CurrentActor actor, ListReminders handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(actor.UserId!.Value, PageRequest.From(page, pageSize), ct));

    internal static async Task<Results<Created<ReminderDto>, ProblemHttpResult>> Create(
        CreateReminderRequest request, CurrentActor actor, CreateReminder handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(actor.UserId!.Value, request, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/reminders/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Cancel(
        Guid id, CurrentActor actor, CancelReminder handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(actor.UserId!.Value, id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }
}
