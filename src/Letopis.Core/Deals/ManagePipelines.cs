using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Deals;

/// <summary>A stage as boards, status bars and settings show it.</summary>
/// <param name="Semantic"><c>open</c>, <c>won</c>, <c>lost</c> or <c>outcome</c> (the last stage of leads).</param>
public sealed record StageDto(Guid Id, string Name, int Order, string Semantic, string? Color, int Version)
{
    public static StageDto Of(PipelineStage s) => new(s.Id, s.Name, s.Order, SemanticName(s.Semantic), s.Color, s.Version);

    public static string SemanticName(StageSemantic semantic) => semantic.ToString().ToLowerInvariant();
}

/// <summary>A pipeline with its stages in board order.</summary>
/// <param name="Kind"><c>deal</c> or <c>lead</c>.</param>
public sealed record PipelineDto(Guid Id, string Kind, string Name, int Order, bool Archived, IReadOnlyList<StageDto> Stages, int Version);

/// <summary>A stage of a new pipeline, or a stage added to one.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Semantic"><c>open</c> (default), <c>won</c> or <c>lost</c>.</param>
/// <param name="Color">The column's colour as <c>#rrggbb</c>.</param>
public sealed record StageInput(string? Name, string? Semantic = null, string? Color = null);

/// <summary>A new deal pipeline («направление»).</summary>
/// <param name="Name">The pipeline's name («Тендеры»).</param>
/// <param name="Stages">Its stages left to right; given only open ones, a won and a lost stage are added at the end.</param>
public sealed record CreatePipelineRequest(string? Name, IReadOnlyList<StageInput?>? Stages);

/// <summary>The editable parts of a pipeline (merge patch).</summary>
public sealed record PipelinePatch
{
    public Optional<string?> Name { get; init; }

    public Optional<int?> Order { get; init; }

    public Optional<bool?> Archived { get; init; }
}

/// <summary>The editable parts of a stage (merge patch); its semantic never changes.</summary>
public sealed record StagePatch
{
    public Optional<string?> Name { get; init; }

    public Optional<string?> Color { get; init; }

    /// <summary>The new position among the open stages (0 = first); won, lost and outcome stay last.</summary>
    public Optional<int?> Order { get; init; }
}

/// <summary>
/// Pipelines and their stages. Everyone reads them (boards, forms); creating, editing and deleting
/// take the <c>pipeline</c> right of the role matrix. The one lead pipeline is edited through the same
/// stage operations: its open stages are the company's to shape, its outcome stays last.
/// </summary>
public sealed class ManagePipelines(LetopisDb db, TimeProvider time)
{
    /// <summary>A stage that still holds leads or deals; the <c>count</c> extension says how many.</summary>
    public const string StageInUse = "stage_in_use";

    /// <summary>A won, lost or outcome stage, or the last open stage: a pipeline cannot work without it.</summary>
    public const string StageRequired = "stage_required";

    private static readonly string[] Palette = ["#90caf9", "#4fc3f7", "#4dd0e1", "#4db6ac", "#aed581", "#fff176", "#ffb74d", "#ce93d8"];
    private const string WonColor = "#66bb6a";
    private const string LostColor = "#e57373";

    public static bool CanManage(AccessContext access, PermissionAction action) =>
        access.ScopeFor(EntityKinds.Pipeline, action) != AccessScope.None;

    /// <summary>The pipelines of a kind (or all), in tab order, each with its stages in board order.</summary>
    public async Task<List<PipelineDto>> ListAsync(PipelineKind? kind, bool includeArchived, CancellationToken ct)
    {
        var query = db.Pipelines.AsNoTracking();
        if (kind is { } k)
            query = query.Where(p => p.Kind == k);
        if (!includeArchived)
            query = query.Where(p => !p.IsArchived);
        var pipelines = await query.OrderBy(p => p.Kind).ThenBy(p => p.Order).ThenBy(p => p.CreatedAt).ToListAsync(ct);
        var ids = pipelines.Select(p => p.Id).ToList();
        var stages = await db.PipelineStages.AsNoTracking().Where(s => ids.Contains(s.PipelineId))
            .OrderBy(s => s.Order).ToListAsync(ct);
        return pipelines.Select(p => Dto(p, stages.Where(s => s.PipelineId == p.Id))).ToList();
    }

    public async Task<Result<PipelineDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var pipeline = await db.Pipelines.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pipeline is null)
            return Error.NotFound();
        var stages = await db.PipelineStages.AsNoTracking().Where(s => s.PipelineId == id).OrderBy(s => s.Order).ToListAsync(ct);
        return Dto(pipeline, stages);
    }

    /// <summary>Creates a deal pipeline; the stages keep the given order, open ones first, then won, then lost.</summary>
    public async Task<Result<PipelineDto>> CreateAsync(AccessContext access, CreatePipelineRequest request, CancellationToken ct)
    {
        if (!CanManage(access, PermissionAction.Create))
            return Error.Forbidden();
        var errors = new List<(string, string)>();
        var name = TextRules.Field(request.Name, "name", Pipeline.NameMax, errors, required: true);
        var stages = new List<(string Name, StageSemantic Semantic, string? Color)>();
        var inputs = request.Stages ?? [];
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"stages[{i}]";
            if (inputs[i] is not { } input)
            {
                errors.Add((field + ".name", FieldErrors.Required));
                continue;
            }
            var stageName = TextRules.Field(input.Name, field + ".name", PipelineStage.NameMax, errors, required: true);
            var semantic = ParseSemantic(input.Semantic);
            if (semantic is null || semantic == StageSemantic.Outcome)
                errors.Add((field + ".semantic", FieldErrors.Invalid));
            var color = Color(input.Color, field + ".color", errors);
            if (stageName is not null && semantic is { } s)
                stages.Add((stageName, s, color));
        }
        if (errors.Count == 0)
        {
            var won = stages.Count(s => s.Semantic == StageSemantic.Won);
            var lost = stages.Count(s => s.Semantic == StageSemantic.Lost);
            if (won == 0 && lost == 0)
            {
                stages.Add((SeedSales.DealStages[^2].Name, StageSemantic.Won, WonColor));
                stages.Add((SeedSales.DealStages[^1].Name, StageSemantic.Lost, LostColor));
            }
            else if (won != 1 || lost != 1)
                errors.Add(("stages", "won_and_lost_required"));
            if (!stages.Any(s => s.Semantic == StageSemantic.Open))
                errors.Add(("stages", "open_stage_required"));
        }
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var order = await db.Pipelines.Where(p => p.Kind == PipelineKind.Deal).MaxAsync(p => (int?)p.Order, ct) ?? -1;
        var pipeline = new Pipeline { Kind = PipelineKind.Deal, Name = name!, Order = order + 1, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Pipelines.Add(pipeline);
        var ordered = stages.Where(s => s.Semantic == StageSemantic.Open)
            .Concat(stages.Where(s => s.Semantic == StageSemantic.Won))
            .Concat(stages.Where(s => s.Semantic == StageSemantic.Lost)).ToList();
        var added = new List<PipelineStage>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (stageName, semantic, color) = ordered[i];
            var stage = new PipelineStage
            {
                PipelineId = pipeline.Id,
                Name = stageName,
                Order = i,
                Semantic = semantic,
                Color = color ?? semantic switch
                {
                    StageSemantic.Won => WonColor,
                    StageSemantic.Lost => LostColor,
                    _ => Palette[i % Palette.Length],
                },
            };
            db.PipelineStages.Add(stage);
            added.Add(stage);
        }
        await db.SaveChangesAsync(ct);
        return Dto(pipeline, added);
    }

    /// <summary>Renames, reorders or archives a pipeline. The lead pipeline cannot be archived.</summary>
    public async Task<Result<PipelineDto>> UpdateAsync(AccessContext access, Guid id, PipelinePatch patch, int? version, int? ifMatch, CancellationToken ct)
    {
        if (!CanManage(access, PermissionAction.Edit))
            return Error.Forbidden();
        var pipeline = await db.Pipelines.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pipeline is null)
            return Error.NotFound();
        if (VersionCheck.Fails(pipeline.Version, version, ifMatch) is { } stale)
            return stale;
        var errors = new List<(string, string)>();
        var name = PatchText.Text(patch.Name, pipeline.Name, "name", Pipeline.NameMax, errors, required: true);
        if (patch.Order is { HasValue: true, Value: var order } && order is null or < 0)
            errors.Add(("order", FieldErrors.Invalid));
        if (patch.Archived is { HasValue: true, Value: var archived })
        {
            if (archived is null)
                errors.Add(("archived", FieldErrors.Invalid));
            else if (archived.Value && pipeline.Kind == PipelineKind.Lead)
                errors.Add(("archived", "lead_pipeline"));
        }
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        pipeline.Name = name!;
        if (patch.Order is { HasValue: true, Value: { } newOrder })
            pipeline.Order = newOrder;
        if (patch.Archived is { HasValue: true, Value: { } newArchived })
            pipeline.IsArchived = newArchived;
        if (!await SaveAsync(ct))
            return Error.StaleVersion();
        return await GetAsync(id, ct);
    }

    /// <summary>Adds an open stage: at <paramref name="order"/> among the open stages, or after the last of them.</summary>
    public async Task<Result<StageDto>> AddStageAsync(AccessContext access, Guid pipelineId, StageInput input, int? order, CancellationToken ct)
    {
        if (!CanManage(access, PermissionAction.Create))
            return Error.Forbidden();
        if (!await db.Pipelines.AnyAsync(p => p.Id == pipelineId, ct))
            return Error.NotFound();
        var errors = new List<(string, string)>();
        var name = TextRules.Field(input.Name, "name", PipelineStage.NameMax, errors, required: true);
        // A pipeline has exactly one won and one lost stage (leads: one outcome): only open stages are added.
        if (ParseSemantic(input.Semantic) != StageSemantic.Open)
            errors.Add(("semantic", FieldErrors.Invalid));
        var color = Color(input.Color, "color", errors);
        if (order is < 0)
            errors.Add(("order", FieldErrors.Invalid));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        var stages = await db.PipelineStages.Where(s => s.PipelineId == pipelineId).OrderBy(s => s.Order).ToListAsync(ct);
        var open = stages.Where(s => s.Semantic == StageSemantic.Open).ToList();
        var stage = new PipelineStage
        {
            PipelineId = pipelineId,
            Name = name!,
            Semantic = StageSemantic.Open,
            Color = color ?? Palette[open.Count % Palette.Length],
        };
        open.Insert(Math.Min(order ?? open.Count, open.Count), stage);
        db.PipelineStages.Add(stage);
        Renumber(open, stages.Where(s => s.IsClosing));
        await db.SaveChangesAsync(ct);
        return StageDto.Of(stage);
    }

    /// <summary>Renames, recolours or moves a stage; only open stages move, and only among the open ones.</summary>
    public async Task<Result<StageDto>> UpdateStageAsync(AccessContext access, Guid stageId, StagePatch patch, int? version, int? ifMatch, CancellationToken ct)
    {
        if (!CanManage(access, PermissionAction.Edit))
            return Error.Forbidden();
        var stage = await db.PipelineStages.SingleOrDefaultAsync(s => s.Id == stageId, ct);
        if (stage is null)
            return Error.NotFound();
        if (VersionCheck.Fails(stage.Version, version, ifMatch) is { } stale)
            return stale;
        var errors = new List<(string, string)>();
        var name = PatchText.Text(patch.Name, stage.Name, "name", PipelineStage.NameMax, errors, required: true);
        var color = patch.Color.HasValue ? Color(patch.Color.Value, "color", errors) : stage.Color;
        if (patch.Order is { HasValue: true, Value: var order })
        {
            if (order is null or < 0)
                errors.Add(("order", FieldErrors.Invalid));
            else if (stage.IsClosing)
                errors.Add(("order", "closing_stage_fixed"));
        }
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        stage.Name = name!;
        stage.Color = color;
        if (patch.Order is { HasValue: true, Value: { } newOrder })
        {
            var stages = await db.PipelineStages.Where(s => s.PipelineId == stage.PipelineId).OrderBy(s => s.Order).ToListAsync(ct);
            var open = stages.Where(s => s.Semantic == StageSemantic.Open && s.Id != stage.Id).ToList();
            open.Insert(Math.Min(newOrder, open.Count), stage);
            Renumber(open, stages.Where(s => s.IsClosing));
        }
        if (!await SaveAsync(ct))
            return Error.StaleVersion();
        return StageDto.Of(stage);
    }

    /// <summary>
    /// Deletes an open stage that no lead or deal stands in. Won, lost and outcome stages and the
    /// last open stage stay: a pipeline without them cannot take or close a record.
    /// </summary>
    public async Task<Result<bool>> DeleteStageAsync(AccessContext access, Guid stageId, CancellationToken ct)
    {
        if (!CanManage(access, PermissionAction.Delete))
            return Error.Forbidden();
        var stage = await db.PipelineStages.SingleOrDefaultAsync(s => s.Id == stageId, ct);
        if (stage is null)
            return Error.NotFound();
        if (stage.IsClosing)
            return new Error(StageRequired, "A pipeline keeps its won, lost and outcome stages.");
        var stages = await db.PipelineStages.Where(s => s.PipelineId == stage.PipelineId).OrderBy(s => s.Order).ToListAsync(ct);
        if (stages.Count(s => s.Semantic == StageSemantic.Open) <= 1)
            return new Error(StageRequired, "A pipeline keeps at least one open stage.");
        var count = await db.Deals.CountAsync(d => d.StageId == stageId, ct) + await db.Leads.CountAsync(l => l.StageId == stageId, ct);
        if (count > 0)
        {
            return new Error(StageInUse, "Leads or deals stand in this stage; move them first.",
                Extensions: new Dictionary<string, object?> { ["count"] = count });
        }
        db.PipelineStages.Remove(stage);
        // The stage's transitions keep their ids: the history of moves outlives the column.
        Renumber(stages.Where(s => s.Semantic == StageSemantic.Open && s.Id != stageId).ToList(), stages.Where(s => s.IsClosing));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static void Renumber(List<PipelineStage> open, IEnumerable<PipelineStage> closing)
    {
        var i = 0;
        foreach (var s in open.Concat(closing.OrderBy(s => s.Order)))
        {
            if (s.Order != i)
                s.Order = i;
            i++;
        }
    }

    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    internal static StageSemantic? ParseSemantic(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "open" => StageSemantic.Open,
        "won" => StageSemantic.Won,
        "lost" => StageSemantic.Lost,
        _ => null,
    };

    private static string? Color(string? value, string field, List<(string, string)> errors)
    {
        var color = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(color))
            return null;
        if (color.Length != 7 || color[0] != '#' || !color.Skip(1).All(char.IsAsciiHexDigit))
        {
            errors.Add((field, FieldErrors.Invalid));
            return null;
        }
        return color;
    }

    private static PipelineDto Dto(Pipeline p, IEnumerable<PipelineStage> stages) =>
        new(p.Id, p.Kind.ToString().ToLowerInvariant(), p.Name, p.Order, p.IsArchived,
            stages.OrderBy(s => s.Order).Select(StageDto.Of).ToList(), p.Version);
}
