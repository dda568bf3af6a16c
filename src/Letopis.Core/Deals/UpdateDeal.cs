using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Deals;

/// <summary>Edits a deal (merge patch: absent fields stay), replaces its items, or deletes it.</summary>
public sealed class UpdateDeal(LetopisDb db, TimeProvider time, ICurrentActor actor, NameBook nameBook)
{
    public async Task<Result<DealDto>> HandleAsync(
        AccessContext access, Guid id, DealFields fields, int? version, int? ifMatch, CancellationToken ct)
    {
        var deal = await db.Deals.VisibleTo(access, Deal.EntityKind).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deal is null)
            return Error.NotFound();
        if (!access.Allows(Deal.EntityKind, PermissionAction.Edit, deal.ResponsibleId))
            return Error.Forbidden();
        if (VersionCheck.Fails(deal.Version, version, ifMatch) is { } stale)
            return stale;
        // Handing the deal to someone outside one's own reach would be a way round the permissions.
        if (fields.ResponsibleId is { HasValue: true, Value: var newResponsible } && newResponsible != deal.ResponsibleId
            && !access.Allows(Deal.EntityKind, PermissionAction.Edit, newResponsible))
            return Error.Forbidden();

        var hasItems = await db.DealItems.AnyAsync(i => i.DealId == id, ct);
        var change = await DealRules.ApplyAsync(db, access, deal, fields, isNew: false, currentItems: hasItems, ct);
        var errors = change.Errors;
        var custom = await CustomValues.PrepareAsync(db, access, CustomFieldEntities.Deal, id, isNew: false, fields.CustomFields, ct);
        errors.AddRange(custom.Errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        return await SaveAsync(access, deal, change, custom, ct);
    }

    /// <summary>Replaces the items; the deal's amount becomes their sum (an empty list keeps the last amount).</summary>
    public Task<Result<DealDto>> ReplaceItemsAsync(
        AccessContext access, Guid id, IReadOnlyList<DealItemInput?> items, int? version, int? ifMatch, CancellationToken ct) =>
        HandleAsync(access, id, new DealFields { Items = new Optional<IReadOnlyList<DealItemInput?>?>(true, items) }, version, ifMatch, ct);

    /// <summary>Deletes a deal with its items, contacts links and timeline; its documents stay, without the link.</summary>
    public async Task<Result<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var deal = await db.Deals.VisibleTo(access, Deal.EntityKind).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deal is null)
            return Error.NotFound();
        if (!access.Allows(Deal.EntityKind, PermissionAction.Delete, deal.ResponsibleId))
            return Error.Forbidden();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Documents.Where(d => d.DealId == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.DealId, (Guid?)null), ct);
        await db.Activities.Where(a => a.DealId == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DealId, (Guid?)null), ct);
        await db.StageTransitions.Where(t => t.EntityKind == Deal.EntityKind && t.EntityId == id).ExecuteDeleteAsync(ct);
        await db.CustomFieldValues.Where(v => v.EntityId == id).ExecuteDeleteAsync(ct);
        db.Deals.Remove(deal);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task<Result<DealDto>> SaveAsync(AccessContext access, Deal deal, DealRules.Change change, CustomValueChange custom, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (change.Items is { } items)
            await DealRules.ReplaceItemsAsync(db, deal.Id, items, isNew: false, ct);
        if (change.ContactIds is { } contacts)
            await DealRules.ReplaceContactsAsync(db, deal.Id, contacts, isNew: false, ct);
        db.ChangeTracker.DetectChanges();
        var changed = Timeline.ChangedFields(db, deal);
        var extra = new List<string>();
        if (change.Items is not null && db.ChangeTracker.Entries<DealItem>().Any(e => e.State is EntityState.Added or EntityState.Deleted))
            extra.Add("items");
        if (change.ContactIds is not null && db.ChangeTracker.Entries<DealContact>().Any(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified))
            extra.Add("contactIds");
        extra.AddRange(custom.Apply(db, deal.Id, Deal.EntityKind, now, actor));
        if (extra.Count > 0)
        {
            // The deal's version covers its items, contacts and custom values too, so a stale editor cannot overwrite them.
            db.Entry(deal).Property(d => d.Version).IsModified = true;
            changed = string.Join(",", new[] { changed }.Concat(extra).OfType<string>());
        }
        if (changed is not null)
            DealTimeline.Add(db, deal, now, actor, TimelineKinds.DealChanged, changed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return await DealProjection.CardAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), access, deal, ct);
    }
}
