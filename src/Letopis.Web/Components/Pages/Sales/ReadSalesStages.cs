using Letopis.Core.Data;
using Letopis.Core.Deals;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Components.Pages.Sales;

/// <summary>A stage as boards and status bars show it.</summary>
public sealed record StageView(Guid Id, Guid PipelineId, string Name, int Order, StageSemantic Semantic, string? Color)
{
    public StageBarItem ToBarItem() => new(Id, Name, Color, Semantic);
}

/// <summary>A pipeline with its stages in order.</summary>
public sealed record PipelineView(Guid Id, PipelineKind Kind, string Name, int Order, bool IsArchived, IReadOnlyList<StageView> Stages);

/// <summary>
/// The pipelines and stages the sales screens draw (tabs, columns, status bars). Everyone reads
/// them, as everyone reads other settings; only changing them takes the pipeline right.
/// </summary>
public sealed class ReadSalesStages(LetopisDb db)
{
    public async Task<List<PipelineView>> ListAsync(PipelineKind kind, bool includeArchived, CancellationToken ct)
    {
        var pipelines = await db.Pipelines.AsNoTracking().Where(p => p.Kind == kind && (includeArchived || !p.IsArchived))
            .OrderBy(p => p.Order).ThenBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(ct);
        var ids = pipelines.Select(p => p.Id).ToList();
        var stages = await db.PipelineStages.AsNoTracking().Where(s => ids.Contains(s.PipelineId))
            .OrderBy(s => s.Order).ThenBy(s => s.Id).ToListAsync(ct);
        return pipelines.Select(p => new PipelineView(p.Id, p.Kind, p.Name, p.Order, p.IsArchived,
            stages.Where(s => s.PipelineId == p.Id).Select(s => new StageView(s.Id, s.PipelineId, s.Name, s.Order, s.Semantic, s.Color)).ToList())).ToList();
    }

    /// <summary>The stages of the one lead pipeline.</summary>
    public async Task<IReadOnlyList<StageView>> LeadStagesAsync(CancellationToken ct) =>
        (await ListAsync(PipelineKind.Lead, true, ct)).FirstOrDefault()?.Stages ?? [];

    /// <summary>A deal pipeline with its stages, archived or not (an old deal still shows its bar).</summary>
    public async Task<PipelineView?> PipelineAsync(Guid pipelineId, CancellationToken ct) =>
        (await ListAsync(PipelineKind.Deal, true, ct)).FirstOrDefault(p => p.Id == pipelineId);
}
