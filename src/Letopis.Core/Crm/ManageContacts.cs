using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>A contact person as seen from one counterparty.</summary>
public sealed partial record ContactDto(
    Guid Id, string FullName, string? Position, string? Phone, string? PhoneFormatted, string? Email,
    DateOnly? BirthDate, DateOnly? ConsentOn, string? Notes, bool IsMain, int Version);

/// <summary>A new contact person of a counterparty.</summary>
/// <param name="FullName">Surname, name, patronymic.</param>
/// <param name="Position">Position at this counterparty.</param>
/// <param name="Phone">Phone in any common notation.</param>
/// <param name="Email">E-mail address.</param>
/// <param name="BirthDate">Birthday.</param>
/// <param name="ConsentOn">Day the person consented to processing of personal data.</param>
/// <param name="Notes">Anything worth knowing.</param>
/// <param name="IsMain">Make this the counterparty's main contact (the first contact is main anyway).</param>
public sealed partial record AddContactRequest(
    string? FullName, string? Position, string? Phone, string? Email, DateOnly? BirthDate, DateOnly? ConsentOn, string? Notes, bool? IsMain);

/// <summary>Contact persons of a counterparty; visible with the card, added by whoever may edit it.</summary>
public sealed class ManageContacts(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public async Task<Result<List<ContactDto>>> ListAsync(AccessContext access, Guid counterpartyId, CancellationToken ct)
    {
        if (!await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).AnyAsync(c => c.Id == counterpartyId, ct))
            return Error.NotFound();
        var rows = await db.CounterpartyContacts.AsNoTracking()
            .Where(l => l.CounterpartyId == counterpartyId)
            .Join(db.ContactPersons, l => l.ContactId, c => c.Id, (l, c) => new { l, c })
            .OrderByDescending(x => x.l.IsMain).ThenBy(x => x.c.FullNameNormalized)
            .Select(x => new ContactDto(x.c.Id, x.c.FullName, x.l.Position, x.c.Phone, null, x.c.Email, x.c.BirthDate,
                x.c.ConsentOn, x.c.Notes, x.l.IsMain, x.c.Version))
            .ToListAsync(ct);
        return await rows.Select(r => r.Phone is { } p ? r with { PhoneFormatted = Phones.Format(p) } : r).ToList().WithCustomFieldsAsync(db, ct);
    }

    public async Task<Result<ContactDto>> AddAsync(AccessContext access, Guid counterpartyId, AddContactRequest request, CancellationToken ct)
    {
        var counterparty = await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).SingleOrDefaultAsync(c => c.Id == counterpartyId, ct);
        if (counterparty is null)
            return Error.NotFound();
        if (!access.Allows(Counterparty.EntityKind, PermissionAction.Edit, counterparty.ResponsibleId))
            return Error.Forbidden();

        var errors = new List<(string, string)>();
        var name = request.FullName?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add(("fullName", FieldErrors.Required));
        else if (name.Length > TextLimits.Name)
            errors.Add(("fullName", FieldErrors.TooLong));
        if (request.Position?.Trim().Length > TextLimits.Name)
            errors.Add(("position", FieldErrors.TooLong));
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(request.Phone) && (request.Phone.Length > 40 || (phone = Phones.Normalize(request.Phone)) is null))
            errors.Add(("phone", FieldErrors.Invalid));
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (email is not null && !UserRules.IsValidEmail(email))
            errors.Add(("email", FieldErrors.Invalid));
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (request.BirthDate is { } birth && (birth > today || birth.Year < 1900))
            errors.Add(("birthDate", FieldErrors.Invalid));
        if (request.ConsentOn > today)
            errors.Add(("consentOn", FieldErrors.Invalid));
        if (request.Notes?.Length > TextLimits.Long)
            errors.Add(("notes", FieldErrors.TooLong));
        var contactId = Guid.CreateVersion7();
        var custom = await CustomValues.PrepareAsync(db, access, CustomFieldEntities.Contact, contactId, isNew: true, request.CustomFields, ct);
        errors.AddRange(custom.Errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var contact = new ContactPerson
        {
            Id = contactId,
            FullName = name!,
            FullNameNormalized = name!.ToUpperInvariant(),
            Phone = phone,
            Email = email,
            BirthDate = request.BirthDate,
            ConsentOn = request.ConsentOn,
            Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var links = await db.CounterpartyContacts.Where(l => l.CounterpartyId == counterpartyId).ToListAsync(ct);
        var isMain = request.IsMain == true || links.Count == 0;
        if (isMain)
            links.ForEach(l => l.IsMain = false);
        db.ContactPersons.Add(contact);
        custom.Apply(db, contact.Id, ContactPerson.EntityKind, contact.CreatedAt, actor);
        db.CounterpartyContacts.Add(new CounterpartyContact
        {
            CounterpartyId = counterpartyId,
            ContactId = contact.Id,
            Position = string.IsNullOrWhiteSpace(request.Position) ? null : request.Position.Trim(),
            IsMain = isMain,
        });
        Timeline.Add(db, counterpartyId, time.GetUtcNow().UtcDateTime, actor, TimelineKinds.ContactAdded, contact.FullName,
            ContactPerson.EntityKind, contact.Id);
        // The card's own history shows who was added, so the counterparty tells its whole story.
        db.ChangeRecords.Add(ChangeRecord.Of(Counterparty.EntityKind, counterpartyId, time.GetUtcNow().UtcDateTime, actor,
            ChangeOperation.Updated, "contacts", null, contact.FullName));
        await db.SaveChangesAsync(ct);
        return new ContactDto(contact.Id, contact.FullName, request.Position?.Trim(), phone, phone is null ? null : Phones.Format(phone),
            email, contact.BirthDate, contact.ConsentOn, contact.Notes, isMain, contact.Version)
        { CustomFields = await CustomValues.ReadAsync(db, CustomFieldEntities.Contact, contact.Id, ct) };
    }
}
