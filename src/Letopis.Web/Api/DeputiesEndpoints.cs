using System.ComponentModel;
using Letopis.Core.Access;
using Letopis.Core.Data;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

public static class DeputiesEndpoints
{
    public static void MapDeputiesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/deputyships").WithTags("Deputies").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists deputyships");
        group.MapPost("", Create)
            .WithSummary("Names a deputy for an absent user over a period");
        group.MapDelete("/{id:guid}", End)
            .WithSummary("Ends a deputyship");
    }

    /// <summary>The caller's own deputyships; with <c>managed=true</c>, those of the people the caller manages (a head's department, an administrator's everyone).</summary>
    internal static async Task<Ok<List<DeputyshipDto>>> List(
        [Description("Also list deputyships that have ended.")] bool? includePast,
        [Description("true: the deputyships of the people the caller manages instead of the caller's own.")] bool? managed,
        CurrentActor actor, LetopisDb db, ListDeputyships handler, CancellationToken ct) =>
        TypedResults.Ok(managed == true
            ? await handler.ManagedAsync(await AccessContext.LoadAsync(db, actor.UserId!.Value, ct), includePast ?? false, ct)
            : await handler.HandleAsync(actor.UserId!.Value, includePast ?? false, ct));

    internal static async Task<Results<Created<DeputyshipDto>, ProblemHttpResult>> Create(
        SetDeputyRequest request, CurrentActor actor, LetopisDb db, SetDeputy handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await AccessContext.LoadAsync(db, actor.UserId!.Value, ct), request, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/deputyships/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> End(
        Guid id, CurrentActor actor, LetopisDb db, EndDeputyship handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await AccessContext.LoadAsync(db, actor.UserId!.Value, ct), id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }
}
