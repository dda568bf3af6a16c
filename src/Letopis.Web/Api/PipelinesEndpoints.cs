using System.ComponentModel;
using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Deals;
using Letopis.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Letopis.Web.Api;

/// <summary>A new deal pipeline.</summary>
/// <param name="Name">Its name («Тендеры»).</param>
/// <param name="Stages">Its stages, left to right: names of open stages (<c>"Переговоры"</c>), or objects
/// <c>{"name","semantic":"open|won|lost","color"?}</c>. Given only open stages, «Сделка успешна» (won) and
/// «Сделка провалена» (lost) are added at the end; otherwise exactly one won and one lost stage are required.</param>
public sealed record PipelineRequest(string? Name, IReadOnlyList<JsonNode?>? Stages);

/// <summary>A pipeline's editable fields (merge patch).</summary>
/// <param name="Name">New name.</param>
/// <param name="Order">Position among the deal pipelines (tabs of the board).</param>
/// <param name="Archived">An archived pipeline keeps its deals but takes no new ones.</param>
public sealed record PipelinePatchRequest(string? Name, int? Order, bool? Archived);

/// <summary>A stage to add to a pipeline (always an open stage).</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Color">The column's colour as <c>#rrggbb</c>.</param>
/// <param name="Order">Position among the open stages, from 0; by default after the last open stage.</param>
public sealed record AddStageRequest(string? Name, string? Color, int? Order);

/// <summary>A stage's editable fields (merge patch).</summary>
/// <param name="Name">New name.</param>
/// <param name="Color">New colour as <c>#rrggbb</c>; null clears it.</param>
/// <param name="Order">New position among the open stages, from 0 (won, lost and the lead outcome stay last).</param>
public sealed record StagePatchRequest(string? Name, string? Color, int? Order);

public static class PipelinesEndpoints
{
    public static void MapPipelinesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/pipelines").WithTags("Pipelines").RequireAuthorization().WithProblems();
        group.MapGet("", List)
            .WithSummary("Lists the pipelines with their stages in board order");
        group.MapPost("", Create).Accepts<PipelineRequest>("application/json")
            .WithSummary("Creates a deal pipeline with its stages");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Reads a pipeline with its stages");
        group.MapPatch("/{id:guid}", Patch).Accepts<PipelinePatchRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Renames, reorders or archives a pipeline (JSON merge patch)");
        group.MapPost("/{id:guid}/stages", AddStage)
            .WithSummary("Adds an open stage to a pipeline");

        var stages = app.MapGroup("/api/v1/stages").WithTags("Pipelines").RequireAuthorization().WithProblems();
        stages.MapPatch("/{id:guid}", PatchStage).Accepts<StagePatchRequest>("application/json", "application/merge-patch+json")
            .WithSummary("Renames, recolours or moves a stage (JSON merge patch)");
        stages.MapDelete("/{id:guid}", DeleteStage)
            .WithSummary("Deletes an open stage that no lead or deal stands in");
    }

    internal static async Task<Results<Ok<PageOf<PipelineDto>>, ProblemHttpResult>> List(
        [Description("deal or lead; both when absent.")] string? kind,
        [Description("true: include archived pipelines.")] bool? archived,
        ManagePipelines handler, ProblemWriter problems, CancellationToken ct)
    {
        PipelineKind? k = kind?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "deal" => PipelineKind.Deal,
            "lead" => PipelineKind.Lead,
            _ => (PipelineKind)(-1),
        };
        if (k == (PipelineKind)(-1))
            return problems.Result(Error.Validation(("kind", FieldErrors.Invalid)));
        var list = await handler.ListAsync(k, archived == true, ct);
        return TypedResults.Ok(new PageOf<PipelineDto>(list, list.Count, 1, Math.Max(1, list.Count)));
    }

    internal static async Task<Results<Ok<PipelineDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, ManagePipelines handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.GetAsync(id, ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Created<PipelineDto>, ProblemHttpResult>> Create(
        JsonObject body, CurrentActor actor, ManagePipelines handler, ProblemWriter problems, CancellationToken ct)
    {
        var stages = new List<StageInput?>();
        if (body.TryGetPropertyValue("stages", out var node) && node is not null)
        {
            if (node is not JsonArray array)
                return problems.Result(Error.Validation(("stages", FieldErrors.Invalid)));
            for (var i = 0; i < array.Count; i++)
            {
                switch (array[i])
                {
                    case null:
                        stages.Add(null);
                        break;
                    case JsonValue v when v.TryGetValue<string>(out var name):
                        stages.Add(new StageInput(name));
                        break;
                    case JsonObject o:
                        stages.Add(new StageInput(
                            Text(o, "name", $"stages[{i}].name"), Text(o, "semantic", $"stages[{i}].semantic"), Text(o, "color", $"stages[{i}].color")));
                        break;
                    default:
                        return problems.Result(Error.Validation(($"stages[{i}]", FieldErrors.Invalid)));
                }
            }
        }
        var result = await handler.CreateAsync(await actor.AccessAsync(ct), new CreatePipelineRequest(body.Field<string?>("name").Or(null), stages), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/pipelines/{result.Value.Id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<PipelineDto>, ProblemHttpResult>> Patch(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, ManagePipelines handler, ProblemWriter problems, CancellationToken ct)
    {
        var patch = new PipelinePatch
        {
            Name = body.Field<string?>("name"),
            Order = body.Field<int?>("order"),
            Archived = body.Field<bool?>("archived"),
        };
        var result = await handler.UpdateAsync(await actor.AccessAsync(ct), id, patch, body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<Created<StageDto>, ProblemHttpResult>> AddStage(
        Guid id, AddStageRequest request, CurrentActor actor, ManagePipelines handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.AddStageAsync(await actor.AccessAsync(ct), id, new StageInput(request.Name, null, request.Color), request.Order, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/pipelines/{id}", result.Value)
            : problems.Result(result.Error!);
    }

    internal static async Task<Results<Ok<StageDto>, ProblemHttpResult>> PatchStage(
        Guid id, JsonObject body, HttpContext http, CurrentActor actor, ManagePipelines handler, ProblemWriter problems, CancellationToken ct)
    {
        var patch = new StagePatch
        {
            Name = body.Field<string?>("name"),
            Color = body.Field<string?>("color"),
            Order = body.Field<int?>("order"),
        };
        var result = await handler.UpdateStageAsync(await actor.AccessAsync(ct), id, patch, body.VersionField(), http.Request.IfMatchVersion(), ct);
        if (!result.IsSuccess)
            return problems.Result(result.Error!);
        http.Response.SetETag(result.Value.Version);
        return TypedResults.Ok(result.Value);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteStage(
        Guid id, CurrentActor actor, ManagePipelines handler, ProblemWriter problems, CancellationToken ct)
    {
        var result = await handler.DeleteStageAsync(await actor.AccessAsync(ct), id, ct);
        return result.IsSuccess ? TypedResults.NoContent() : problems.Result(result.Error!);
    }

    private static string? Text(JsonObject o, string name, string field)
    {
        if (!o.TryGetPropertyValue(name, out var node) || node is null)
            return null;
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new PatchFieldException(field);
    }
}
