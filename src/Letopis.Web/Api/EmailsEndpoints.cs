using System.ComponentModel;
using Letopis.Core.Common;
using Letopis.Core.Mail;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

public static class EmailsEndpoints
{
    public static void MapEmailsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/emails").WithTags("Emails").RequireAuthorization().WithProblems();
        group.MapPost("", Send).Accepts<SendEmailRequest>("application/json")
            .WithSummary("Writes a letter to a client and queues it for sending")
            .WithDescription("Logs an e-mail activity on the counterparty's timeline and queues the letter with its attachments "
                + "(`documentFileIds`: current versions of document files; `generatedKeys`: files generated from templates). "
                + "`to` defaults to the contact person's e-mail. 409 `smtp_not_configured` when no SMTP server is set up; "
                + "413 `attachments_too_large` with `limit` and `size` (bytes); 404 for a hidden counterparty, deal, document, contact or file.");
        group.MapGet("", List)
            .WithSummary("Lists letters to clients, newest first");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a letter and its delivery state");
        group.MapPost("/{id:guid}/retry", Retry)
            .WithSummary("Queues a letter whose delivery failed once more")
            .WithDescription("409 `email_not_failed` when the letter is queued or sent.");
    }

    internal static async Task<Results<Created<OutgoingEmailDto>, ProblemHttpResult>> Send(
        SendEmailRequest request, CurrentActor actor, SendEmail handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), request, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/emails/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PageOf<OutgoingEmailDto>>, ProblemHttpResult>> List(
        [Description("Only letters on this counterparty's timeline.")] Guid? counterpartyId,
        [Description("queued, sent or failed.")] string? status,
        [Description("Page number, from 1.")] int? page,
        [Description("Items per page (default 50, at most 500).")] int? pageSize,
        CurrentActor actor, ReadEmails handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.ListAsync(await actor.AccessAsync(ct), counterpartyId, status, PageRequest.From(page, pageSize), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<OutgoingEmailDto>, ProblemHttpResult>> Get(
        Guid id, CurrentActor actor, ReadEmails handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<OutgoingEmailDto>, ProblemHttpResult>> Retry(
        Guid id, CurrentActor actor, RetryEmail handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : problems.Result(result.Error!);
    }
}
