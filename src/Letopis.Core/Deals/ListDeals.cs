using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Deals;

/// <summary>Pages of the deals the caller may see, newest first.</summary>
public sealed class ListDeals(LetopisDb db, NameBook nameBook)
{
    public async Task<Result<PageOf<DealCardDto>>> HandleAsync(AccessContext access, DealFilter filter, PageRequest page, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (filter.PipelineId is { } pipelineId && !await db.Pipelines.AnyAsync(p => p.Id == pipelineId && p.Kind == PipelineKind.Deal, ct))
            errors.Add(("pipelineId", FieldErrors.NotFound));
        if (filter.StageId is { } stageId)
        {
            var stagePipeline = await db.PipelineStages.Where(s => s.Id == stageId).Select(s => (Guid?)s.PipelineId).SingleOrDefaultAsync(ct);
            if (stagePipeline is null || (filter.PipelineId is { } p && p != stagePipeline))
                errors.Add(("stageId", FieldErrors.NotFound));
        }
        StageSemantic? status = filter.Status?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "open" => StageSemantic.Open,
            "won" => StageSemantic.Won,
            "lost" => StageSemantic.Lost,
            _ => StageSemantic.Outcome,
        };
        if (status == StageSemantic.Outcome)
            errors.Add(("status", FieldErrors.Invalid));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var query = db.Deals.AsNoTracking().VisibleTo(access, Deal.EntityKind);
        if (filter.PipelineId is { } pid)
            query = query.Where(d => d.PipelineId == pid);
        if (filter.StageId is { } sid)
            query = query.Where(d => d.StageId == sid);
        if (status is { } st)
        {
            var stages = db.PipelineStages.Where(s => s.Semantic == st).Select(s => s.Id);
            query = query.Where(d => stages.Contains(d.StageId));
        }
        if (filter.Mine)
            query = query.Where(d => d.ResponsibleId == access.UserId);
        if (filter.ResponsibleId is { } rid)
            query = query.Where(d => d.ResponsibleId == rid);
        if (filter.CompanyId is { } cid)
            query = query.Where(d => d.CompanyId == cid);
        if (filter.Q?.Trim().ToUpperInvariant() is { Length: > 0 } text)
            query = query.Where(d => d.TitleNormalized.Contains(text));
        var total = await query.CountAsync(ct);
        var ordered = query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Skip(page.Skip).Take(page.PageSize);
        var items = await DealProjection.CardsAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), ordered, ct);
        return new PageOf<DealCardDto>(items, total, page.Page, page.PageSize);
    }

    /// <summary>The deals of a counterparty the caller may see (its card's deals tab); 404 when the counterparty is hidden.</summary>
    public async Task<Result<PageOf<DealCardDto>>> OfCompanyAsync(AccessContext access, Guid companyId, PageRequest page, CancellationToken ct)
    {
        if (!await db.Counterparties.VisibleTo(access, Crm.Counterparty.EntityKind).AnyAsync(c => c.Id == companyId, ct))
            return Error.NotFound();
        return await HandleAsync(access, new DealFilter(CompanyId: companyId), page, ct);
    }
}
