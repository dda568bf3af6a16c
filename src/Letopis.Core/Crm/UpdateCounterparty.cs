using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>Edits a counterparty card (JSON merge patch semantics: absent fields stay as they are).</summary>
public sealed class UpdateCounterparty(LetopisDb db, TimeProvider time, ICurrentActor actor, NameBook nameBook)
{
    public async Task<Result<CounterpartyDto>> HandleAsync(
        AccessContext access, Guid id, CounterpartyFields fields, int? version, int? ifMatch, CancellationToken ct)
    {
        var counterparty = await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (counterparty is null)
            return Error.NotFound();
        if (!access.Allows(Counterparty.EntityKind, PermissionAction.Edit, counterparty.ResponsibleId))
            return Error.Forbidden();
        if (VersionCheck.Fails(counterparty.Version, version, ifMatch) is { } stale)
            return stale;
        // Handing the card to someone outside one's own reach would be a way round the permissions.
        if (fields.ResponsibleId is { HasValue: true, Value: var newResponsible } && newResponsible != counterparty.ResponsibleId
            && !access.Allows(Counterparty.EntityKind, PermissionAction.Edit, newResponsible))
            return Error.Forbidden();

        var errors = await CounterpartyRules.ApplyAsync(db, counterparty, fields, ct);
        var custom = await CustomValues.PrepareAsync(db, access, CustomFieldEntities.Company, id, isNew: false, fields.CustomFields, ct);
        errors.AddRange(custom.Errors);
        var tags = TagRules.Validate(fields.Tags, errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        var tagsChanged = tags is not null && await CounterpartyTagging.ReplaceAsync(db, counterparty, tags, time.GetUtcNow().UtcDateTime, actor, ct);
        db.ChangeTracker.DetectChanges();
        var changed = Timeline.ChangedFields(db, counterparty);
        if (custom.Apply(db, id, Counterparty.EntityKind, time.GetUtcNow().UtcDateTime, actor) is { Count: > 0 } customChanged)
        {
            // The card's version covers its custom values too, so a stale editor cannot overwrite them.
            db.Entry(counterparty).Property(c => c.Version).IsModified = true;
            changed = string.Join(",", new[] { changed }.Concat(customChanged).OfType<string>());
        }
        if (tagsChanged)
            changed = changed is null ? "tags" : changed + ",tags";
        if (changed is not null)
            Timeline.Add(db, id, time.GetUtcNow().UtcDateTime, actor, TimelineKinds.Changed, changed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return (await CounterpartyProjection.LoadAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), id, ct))!;
    }
}
