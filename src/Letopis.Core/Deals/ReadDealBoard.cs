using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Deals;

/// <summary>
/// A pipeline's kanban board: every column's count and sum come from the stage totals (a few rows,
/// whatever the number of deals), its first cards from one indexed query per column, newest first.
/// Nothing counts or reads rows beyond what the screen shows.
/// </summary>
public sealed class ReadDealBoard(LetopisDb db, NameBook nameBook)
{
    public const int DefaultTake = 20;
    public const int MaxTake = 100;

    /// <summary>The board of <paramref name="pipelineId"/> (the first open deal pipeline when null); <paramref name="mine"/> or <paramref name="responsibleId"/> narrow it to one person.</summary>
    public async Task<Result<DealBoardDto>> HandleAsync(
        AccessContext access, Guid? pipelineId, Guid? responsibleId, bool mine, int? take, CancellationToken ct)
    {
        var pipeline = pipelineId is { } id
            ? await db.Pipelines.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.Kind == PipelineKind.Deal, ct)
            : await db.Pipelines.AsNoTracking().Where(p => p.Kind == PipelineKind.Deal && !p.IsArchived)
                .OrderBy(p => p.Order).ThenBy(p => p.CreatedAt).FirstOrDefaultAsync(ct);
        if (pipeline is null)
            return pipelineId is null ? Error.NotFound() : Error.Validation(("pipelineId", FieldErrors.NotFound));
        var stages = await db.PipelineStages.AsNoTracking().Where(s => s.PipelineId == pipeline.Id).OrderBy(s => s.Order).ToListAsync(ct);
        var owner = mine ? access.UserId : responsibleId;
        var count = Take(take);
        var totals = await StageTotals.VisibleAsync(db, access, Deal.EntityKind, stages.Select(s => s.Id).ToList(), owner, ct);
        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        // Every non-empty column's first cards in one statement: a UNION ALL of one indexed, limited
        // query per column, so the board costs one round trip whatever the number of stages.
        IQueryable<Deal>? firsts = null;
        foreach (var stage in stages.Where(s => totals.GetValueOrDefault(s.Id).Count > 0))
        {
            var column = Column(access, stage.Id, owner).Take(count);
            firsts = firsts is null ? column : firsts.Concat(column);
        }
        var cards = firsts is null ? [] : await DealProjection.CardsAsync(db, names, firsts, ct);
        var byStage = cards.OrderByDescending(c => c.CreatedAt).ToLookup(c => c.StageId);
        var columns = stages.Select(stage =>
        {
            var (n, sum) = totals.GetValueOrDefault(stage.Id);
            return new DealBoardColumnDto(StageDto.Of(stage), n, DealItemMath.FromMinor(sum), byStage[stage.Id].ToList());
        }).ToList();
        var dto = new PipelineDto(pipeline.Id, "deal", pipeline.Name, pipeline.Order, pipeline.IsArchived,
            stages.Select(StageDto.Of).ToList(), pipeline.Version);
        return new DealBoardDto(dto, columns);
    }

    /// <summary>The next cards of a column after the card <paramref name="after"/> («показать ещё»).</summary>
    public async Task<Result<List<DealCardDto>>> ColumnAsync(
        AccessContext access, Guid stageId, Guid? after, Guid? responsibleId, bool mine, int? take, CancellationToken ct)
    {
        if (!await db.PipelineStages.AnyAsync(s => s.Id == stageId, ct))
            return Error.NotFound();
        var owner = mine ? access.UserId : responsibleId;
        var query = Column(access, stageId, owner);
        if (after is { } cursor)
        {
            var last = await db.Deals.AsNoTracking().Where(d => d.Id == cursor).Select(d => (DateTime?)d.CreatedAt).SingleOrDefaultAsync(ct);
            if (last is not { } at)
                return Error.Validation(("after", FieldErrors.NotFound));
            query = query.Where(d => d.CreatedAt < at || (d.CreatedAt == at && d.Id.CompareTo(cursor) < 0));
        }
        return await DealProjection.CardsAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), query.Take(Take(take)), ct);
    }

    private IQueryable<Deal> Column(AccessContext access, Guid stageId, Guid? owner)
    {
        var query = db.Deals.AsNoTracking().VisibleTo(access, Deal.EntityKind).Where(d => d.StageId == stageId);
        if (owner is { } o)
            query = query.Where(d => d.ResponsibleId == o);
        return query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id);
    }

    private static int Take(int? take) => Math.Clamp(take ?? DefaultTake, 1, MaxTake);
}
