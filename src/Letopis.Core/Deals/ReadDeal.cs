using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Deals;

/// <summary>Reads a deal's card; a deal the caller may not see does not exist for them.</summary>
public sealed class ReadDeal(LetopisDb db, NameBook nameBook)
{
    public async Task<Result<DealDto>> HandleAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var deal = await db.Deals.AsNoTracking().VisibleTo(access, Deal.EntityKind).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deal is null)
            return Error.NotFound();
        return await DealProjection.CardAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), access, deal, ct);
    }
}

internal static class DealProjection
{
    /// <summary>The card of a deal already read (or just saved).</summary>
    public static async Task<DealDto> CardAsync(LetopisDb db, Names names, AccessContext access, Deal deal, CancellationToken ct)
    {
        var pipeline = await db.Pipelines.AsNoTracking().Where(p => p.Id == deal.PipelineId).Select(p => new NamedRef(p.Id, p.Name)).SingleAsync(ct);
        var stage = await db.PipelineStages.AsNoTracking().SingleAsync(s => s.Id == deal.StageId, ct);
        var company = deal.CompanyId is { } companyId
            ? await db.Counterparties.AsNoTracking().Where(c => c.Id == companyId).Select(c => new NamedRef(c.Id, c.Name)).SingleOrDefaultAsync(ct)
            : null;
        var contacts = await db.DealContacts.AsNoTracking().Where(c => c.DealId == deal.Id)
            .Join(db.ContactPersons, l => l.ContactId, c => c.Id, (l, c) => new { l.Order, c.Id, c.FullName, c.Phone, c.Email })
            .OrderBy(c => c.Order).ThenBy(c => c.Id).ToListAsync(ct);
        var items = await db.DealItems.AsNoTracking().Where(i => i.DealId == deal.Id).OrderBy(i => i.Order).ThenBy(i => i.Id).ToListAsync(ct);
        var lead = deal.LeadId is { } leadId
            ? await db.Leads.AsNoTracking().VisibleTo(access, Leads.Lead.EntityKind).Where(l => l.Id == leadId)
                .Select(l => new NamedRef(l.Id, l.Title)).SingleOrDefaultAsync(ct)
            : null;
        var custom = await CustomValues.ReadAsync(db, CustomFieldEntities.Deal, deal.Id, ct);
        return new DealDto(
            deal.Id, deal.Title, DealItemMath.FromMinor(deal.AmountMinor), deal.Currency,
            DealItemMath.FromMinor(items.Sum(i => i.VatMinor)),
            pipeline, new DealStageRef(stage.Id, stage.Name, StageDto.SemanticName(stage.Semantic), stage.Color),
            deal.CompanyId, company,
            contacts.Select(c => c.Id).ToList(),
            contacts.Select(c => new DealContactDto(c.Id, c.FullName, c.Phone, c.Email)).ToList(),
            items.Select(Item).ToList(),
            deal.ExpectedCloseOn, deal.ResponsibleId, Ref(deal.ResponsibleId, names.User(deal.ResponsibleId)),
            deal.SourceId, Ref(deal.SourceId, names.Reference(deal.SourceId)),
            deal.LostReasonId, Ref(deal.LostReasonId, names.Reference(deal.LostReasonId)), deal.LostComment, deal.Comment, lead,
            deal.StageChangedAt, deal.ClosedAt, deal.CreatedAt, deal.CreatedById, custom, deal.Version);
    }

    public static DealItemDto Item(DealItem i) =>
        new(i.Id, i.Name, DealItemMath.FromMilli(i.QuantityMilli), i.Unit, DealItemMath.FromMinor(i.PriceMinor), i.VatRate,
            DealItemMath.FromMinor(i.AmountMinor), DealItemMath.FromMinor(i.VatMinor));

    public static NamedRef? Ref(Guid? id, string? name) => id is { } key ? new NamedRef(key, name ?? "") : null;

    /// <summary>Cards of a query already filtered, ordered and limited: one statement, names from the name book.</summary>
    public static async Task<List<DealCardDto>> CardsAsync(LetopisDb db, Names names, IQueryable<Deal> page, CancellationToken ct)
    {
        var rows = await page.Select(d => new
        {
            d.Id,
            d.Title,
            d.AmountMinor,
            d.Currency,
            d.PipelineId,
            d.StageId,
            d.CompanyId,
            CompanyName = db.Counterparties.Where(c => c.Id == d.CompanyId).Select(c => c.Name).FirstOrDefault(),
            d.ResponsibleId,
            d.ExpectedCloseOn,
            d.CreatedAt,
            d.ClosedAt,
        }).ToListAsync(ct);
        return rows.Select(r => new DealCardDto(
            r.Id, r.Title, DealItemMath.FromMinor(r.AmountMinor), r.Currency, r.PipelineId, r.StageId,
            r.CompanyId is { } c ? new NamedRef(c, r.CompanyName ?? "") : null,
            Ref(r.ResponsibleId, names.User(r.ResponsibleId)), r.ExpectedCloseOn, r.CreatedAt, r.ClosedAt)).ToList();
    }
}
