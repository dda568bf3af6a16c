using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;

namespace Letopis.Core.Deals;

/// <summary>Opens a deal in a pipeline's first open stage (or the one named); the caller is responsible unless another is named.</summary>
public sealed class CreateDeal(LetopisDb db, TimeProvider time, ICurrentActor actor, NameBook nameBook)
{
    public async Task<Result<DealDto>> HandleAsync(AccessContext access, DealFields fields, CancellationToken ct)
    {
        var responsible = fields.ResponsibleId.HasValue ? fields.ResponsibleId.Value : access.UserId;
        if (!access.Allows(Deal.EntityKind, PermissionAction.Create, responsible))
            return Error.Forbidden();
        var now = Instants.ToMicroseconds(time.GetUtcNow().UtcDateTime);
        var deal = new Deal { CreatedAt = now, StageChangedAt = now, CreatedById = access.UserId, ResponsibleId = access.UserId };
        var change = await DealRules.ApplyAsync(db, access, deal, fields, isNew: true, currentItems: false, ct);
        var errors = change.Errors;
        var custom = await CustomValues.PrepareAsync(db, access, CustomFieldEntities.Deal, deal.Id, isNew: true, fields.CustomFields, ct);
        errors.AddRange(custom.Errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        db.Deals.Add(deal);
        if (change.Items is { } items)
            await DealRules.ReplaceItemsAsync(db, deal.Id, items, isNew: true, ct);
        if (change.ContactIds is { } contacts)
            await DealRules.ReplaceContactsAsync(db, deal.Id, contacts, isNew: true, ct);
        custom.Apply(db, deal.Id, Deal.EntityKind, now, actor);
        StageMoves.Record(db, Deal.EntityKind, deal.Id, null, deal.StageId, now, now, actor);
        DealTimeline.Add(db, deal, now, actor, TimelineKinds.DealCreated, deal.Title);
        await db.SaveChangesAsync(ct);
        return await DealProjection.CardAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), access, deal, ct);
    }
}
