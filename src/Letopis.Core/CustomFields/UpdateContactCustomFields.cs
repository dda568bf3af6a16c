using System.Text.Json.Nodes;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.CustomFields;

/// <summary>
/// Edits the custom field values of a contact person (merge patch). A contact is reached through
/// the counterparties it works with: visible with any of them, editable by whoever may edit one.
/// </summary>
public sealed class UpdateContactCustomFields(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public async Task<Result<IReadOnlyDictionary<string, object?>>> HandleAsync(
        AccessContext access, Guid contactId, IReadOnlyDictionary<string, JsonNode?>? values, int? version, CancellationToken ct)
    {
        var owners = await db.CounterpartyContacts.Where(l => l.ContactId == contactId).Select(l => l.CounterpartyId).ToListAsync(ct);
        var visible = await db.Counterparties.VisibleTo(access, Counterparty.EntityKind)
            .Where(c => owners.Contains(c.Id)).Select(c => c.ResponsibleId).ToListAsync(ct);
        var contact = visible.Count == 0 ? null : await db.ContactPersons.SingleOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null)
            return Error.NotFound();
        if (!visible.Any(responsible => access.Allows(Counterparty.EntityKind, PermissionAction.Edit, responsible)))
            return Error.Forbidden();
        if (VersionCheck.Fails(contact.Version, version, null) is { } stale)
            return stale;

        var custom = await CustomValues.PrepareAsync(db, access, CustomFieldEntities.Contact, contactId, isNew: false, values, ct);
        if (custom.Errors.Count > 0)
            return Error.Validation([.. custom.Errors]);
        if (custom.Apply(db, contactId, ContactPerson.EntityKind, time.GetUtcNow().UtcDateTime, actor).Count > 0)
            db.Entry(contact).Property(c => c.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return Result<IReadOnlyDictionary<string, object?>>.Ok(await CustomValues.ReadAsync(db, CustomFieldEntities.Contact, contactId, ct));
    }
}
