using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Deals;

/// <summary>
/// Moves a deal to a stage of its pipeline, or to a stage of another deal pipeline. Reaching won or
/// lost closes it (lost asks for a reason from the <c>lost-reasons</c> book); an open stage reopens it.
/// Every move records the time spent in the stage it leaves.
/// </summary>
public sealed class MoveDeal(LetopisDb db, TimeProvider time, ICurrentActor actor, NameBook nameBook)
{
    public async Task<Result<DealDto>> HandleAsync(
        AccessContext access, Guid id, MoveDealRequest request, int? version, int? ifMatch, CancellationToken ct)
    {
        var deal = await db.Deals.VisibleTo(access, Deal.EntityKind).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deal is null)
            return Error.NotFound();
        if (!access.Allows(Deal.EntityKind, PermissionAction.Edit, deal.ResponsibleId))
            return Error.Forbidden();
        if (VersionCheck.Fails(deal.Version, version, ifMatch) is { } stale)
            return stale;

        var errors = new List<(string, string)>();
        var pipelineId = request.PipelineId ?? deal.PipelineId;
        if (request.PipelineId is { } otherPipeline && otherPipeline != deal.PipelineId)
        {
            var pipeline = await db.Pipelines.AsNoTracking().Where(p => p.Id == otherPipeline)
                .Select(p => new { p.Kind, p.IsArchived }).SingleOrDefaultAsync(ct);
            if (pipeline is null || pipeline.Kind != PipelineKind.Deal)
                errors.Add(("pipelineId", FieldErrors.NotFound));
            else if (pipeline.IsArchived)
                errors.Add(("pipelineId", DealRules.PipelineArchived));
        }
        PipelineStage? stage = null;
        if (request.StageId is not { } stageId)
            errors.Add(("stageId", FieldErrors.Required));
        else if ((stage = await db.PipelineStages.AsNoTracking().SingleOrDefaultAsync(s => s.Id == stageId, ct)) is null
                 || stage.PipelineId != pipelineId)
            errors.Add(("stageId", FieldErrors.NotFound));
        var lostComment = TextRules.Field(request.LostComment, "lostComment", TextLimits.Long, errors, multiLine: true);
        if (stage?.Semantic == StageSemantic.Lost)
        {
            if (request.LostReasonId is not { } reason)
                errors.Add(("lostReasonId", FieldErrors.Required));
            else if (!await db.ReferenceItems.AnyAsync(r => r.Id == reason && r.Book == ReferenceBook.LostReason && !r.IsArchived, ct))
                errors.Add(("lostReasonId", FieldErrors.NotFound));
        }
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        if (stage!.Id == deal.StageId && (stage.Semantic != StageSemantic.Lost || request.LostReasonId == deal.LostReasonId))
            return await DealProjection.CardAsync(db, names, access, deal, ct);

        var now = Instants.ToMicroseconds(time.GetUtcNow().UtcDateTime);
        var moved = stage.Id != deal.StageId;
        if (moved)
        {
            StageMoves.Record(db, Deal.EntityKind, deal.Id, deal.StageId, stage.Id, now, deal.StageChangedAt, actor);
            deal.StageChangedAt = now;
        }
        deal.PipelineId = stage.PipelineId;
        deal.StageId = stage.Id;
        switch (stage.Semantic)
        {
            case StageSemantic.Lost:
                deal.LostReasonId = request.LostReasonId;
                deal.LostComment = lostComment;
                deal.ClosedAt = moved ? now : deal.ClosedAt ?? now;
                break;
            case StageSemantic.Won:
                deal.LostReasonId = null;
                deal.LostComment = null;
                deal.ClosedAt = now;
                break;
            default:
                deal.LostReasonId = null;
                deal.LostComment = null;
                deal.ClosedAt = null;
                break;
        }
        var kind = stage.Semantic switch
        {
            StageSemantic.Won => TimelineKinds.DealWon,
            StageSemantic.Lost => TimelineKinds.DealLost,
            _ => TimelineKinds.DealStage,
        };
        var text = stage.Semantic == StageSemantic.Lost && names.Reference(request.LostReasonId) is { } reasonName
            ? $"{stage.Name}: {reasonName}"
            : stage.Name;
        DealTimeline.Add(db, deal, now, actor, kind, text);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return await DealProjection.CardAsync(db, names, access, deal, ct);
    }
}
