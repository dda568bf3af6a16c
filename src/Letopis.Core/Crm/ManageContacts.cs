using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Letopis.Core.History;
using Letopis.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>A contact person as seen from one counterparty.</summary>
public sealed partial record ContactDto(
    Guid Id, string FullName, string? Position, string? Phone, string? PhoneFormatted, string? Email,
    DateOnly? BirthDate, DateOnly? ConsentOn, string? Notes, bool IsMain, int Version,
    string? Phone2 = null, string? Phone2Formatted = null);

/// <summary>A new contact person of a counterparty.</summary>
/// <param name="FullName">Surname, name, patronymic.</param>
/// <param name="Position">Position at this counterparty.</param>
/// <param name="Phone">Phone in any common notation.</param>
/// <param name="Email">E-mail address.</param>
/// <param name="BirthDate">Birthday.</param>
/// <param name="ConsentOn">Day the person consented to processing of personal data.</param>
/// <param name="Notes">Anything worth knowing.</param>
/// <param name="IsMain">Make this the counterparty's main contact (the first contact is main anyway).</param>
/// <param name="Phone2">A second (mobile) phone.</param>
public sealed partial record AddContactRequest(
    string? FullName, string? Position, string? Phone, string? Email, DateOnly? BirthDate, DateOnly? ConsentOn, string? Notes, bool? IsMain,
    string? Phone2 = null);

/// <summary>A counterparty the person works with, as their card lists it.</summary>
public sealed record ContactLinkDto(Guid CounterpartyId, string CounterpartyName, string? Position, bool IsMain, bool CanEdit);

/// <summary>An important date with its next occurrence.</summary>
public sealed record ContactDateDto(Guid Id, string Kind, string? Label, DateOnly Date, int? RemindDaysBefore, DateOnly Next, int DaysLeft);

/// <summary>A contact person's own card: who they are, where they work (visible places only), their dates.</summary>
public sealed record ContactCardDto(
    Guid Id, string FullName, string? Phone, string? PhoneFormatted, string? Phone2, string? Phone2Formatted, string? Email,
    DateOnly? BirthDate, bool HasConsent, DateOnly? ConsentOn, string? Notes, DateTime CreatedAt, int Version, bool CanEdit,
    IReadOnlyList<ContactLinkDto> Counterparties, IReadOnlyList<ContactDateDto> ImportantDates);

/// <summary>A contact found by name, for linking them to another counterparty.</summary>
public sealed record ContactSearchItem(Guid Id, string FullName, string? PhoneFormatted, string? Email, string Counterparties);

/// <summary>The fields of a contact person a merge patch may change.</summary>
public sealed record ContactFields(
    Optional<string?> FullName,
    Optional<string?> Phone,
    Optional<string?> Phone2,
    Optional<string?> Email,
    Optional<string?> Notes,
    Optional<bool?> Consent,
    Optional<DateOnly?> ConsentOn,
    Optional<DateOnly?> BirthDate,
    Optional<IReadOnlyList<ContactDateInput>?> ImportantDates);

/// <summary>How a link is changed: the position there and whether the person is the main contact.</summary>
public sealed record ContactLinkFields(Optional<string?> Position, Optional<bool?> IsMain);

/// <summary>Words reminder titles in the recipient's language (the web layer knows the texts).</summary>
public interface IContactDateWording
{
    string ReminderTitle(string? culture, ContactDate date, string contactName);
}

/// <summary>
/// Contact persons. A person is visible while at least one of their counterparties is; they are
/// edited by whoever may edit one of those counterparties. One person may work with several
/// counterparties, each link with its own position and main-contact flag.
/// </summary>
public sealed class ManageContacts(LetopisDb db, TimeProvider time, ICurrentActor actor, UserClock clock, IContactDateWording? wording = null)
{
    /// <summary>Birthday reminders come at 09:00 on the recipient's own clock, when their working day starts.</summary>
    public static readonly TimeOnly ReminderTime = CompanyTimeZone.ReminderTime;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<Result<List<ContactDto>>> ListAsync(AccessContext access, Guid counterpartyId, CancellationToken ct)
    {
        if (!await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).AnyAsync(c => c.Id == counterpartyId, ct))
            return Error.NotFound();
        var rows = await db.CounterpartyContacts.AsNoTracking()
            .Where(l => l.CounterpartyId == counterpartyId)
            .Join(db.ContactPersons, l => l.ContactId, c => c.Id, (l, c) => new { l, c })
            .OrderByDescending(x => x.l.IsMain).ThenBy(x => x.c.FullNameNormalized)
            .Select(x => new ContactDto(x.c.Id, x.c.FullName, x.l.Position, x.c.Phone, null, x.c.Email, x.c.BirthDate,
                x.c.ConsentOn, x.c.Notes, x.l.IsMain, x.c.Version, x.c.Phone2, null))
            .ToListAsync(ct);
        return await rows.Select(Format).ToList().WithCustomFieldsAsync(db, ct);
    }

    public async Task<Result<ContactDto>> AddAsync(AccessContext access, Guid counterpartyId, AddContactRequest request, CancellationToken ct)
    {
        if (await EditableCounterpartyAsync(access, counterpartyId, ct) is { } denied)
            return denied;

        var errors = new List<(string, string)>();
        var name = ContactRules.Name(request.FullName, errors);
        var position = ContactRules.Position(request.Position, errors);
        var phone = ContactRules.Phone(request.Phone, "phone", errors);
        var phone2 = ContactRules.Phone(request.Phone2, "phone2", errors);
        var email = ContactRules.Email(request.Email, errors);
        ContactRules.BirthDate(request.BirthDate, Today, errors);
        ContactRules.ConsentOn(request.ConsentOn, Today, errors);
        var notes = ContactRules.Notes(request.Notes, errors);
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
            Phone2 = phone2,
            Email = email,
            BirthDate = request.BirthDate,
            ConsentOn = request.ConsentOn,
            Notes = notes,
            CreatedAt = Now,
        };
        if (request.BirthDate is { } birth)
            db.ContactDates.Add(new ContactDate { ContactId = contact.Id, Kind = ContactDateKinds.Birthday, Date = birth });
        var isMain = await LinkAsync(counterpartyId, contact.Id, position, request.IsMain == true, ct);
        db.ContactPersons.Add(contact);
        custom.Apply(db, contact.Id, ContactPerson.EntityKind, contact.CreatedAt, actor);
        Timeline.Add(db, counterpartyId, Now, actor, TimelineKinds.ContactAdded, contact.FullName, ContactPerson.EntityKind, contact.Id);
        // The card's own history shows who was added, so the counterparty tells its whole story.
        db.ChangeRecords.Add(ChangeRecord.Of(Counterparty.EntityKind, counterpartyId, Now, actor,
            ChangeOperation.Updated, "contacts", null, contact.FullName));
        await db.SaveChangesAsync(ct);
        return Format(new ContactDto(contact.Id, contact.FullName, position, phone, null, email, contact.BirthDate, contact.ConsentOn,
            contact.Notes, isMain, contact.Version, phone2, null))
            with
        { CustomFields = await CustomValues.ReadAsync(db, CustomFieldEntities.Contact, contact.Id, ct) };
    }

    /// <summary>The person's card; 404 unless one of their counterparties is visible.</summary>
    public async Task<Result<ContactCardDto>> GetAsync(AccessContext access, Guid contactId, CancellationToken ct)
    {
        var contact = await db.ContactPersons.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null)
            return Error.NotFound();
        var links = await db.CounterpartyContacts.AsNoTracking().Where(l => l.ContactId == contactId)
            .Join(db.Counterparties.VisibleTo(access, Counterparty.EntityKind), l => l.CounterpartyId, c => c.Id,
                (l, c) => new { l.CounterpartyId, c.Name, c.NameNormalized, l.Position, l.IsMain, c.ResponsibleId })
            .OrderBy(x => x.NameNormalized)
            .ToListAsync(ct);
        // A person made from a lead without a company is seen through the lead and the deal they belong to.
        var through = links.Count == 0 ? await ThroughSalesAsync(access, contactId, ct) : null;
        if (links.Count == 0 && through is null)
            return Error.NotFound();
        var dates = await db.ContactDates.AsNoTracking().Where(d => d.ContactId == contactId).ToListAsync(ct);
        var linkDtos = links.Select(l => new ContactLinkDto(l.CounterpartyId, l.Name, l.Position, l.IsMain,
            access.Allows(Counterparty.EntityKind, PermissionAction.Edit, l.ResponsibleId))).ToList();
        return new ContactCardDto(contact.Id, contact.FullName, contact.Phone, FormatPhone(contact.Phone), contact.Phone2,
            FormatPhone(contact.Phone2), contact.Email, contact.BirthDate, contact.ConsentOn is not null, contact.ConsentOn,
            contact.Notes, contact.CreatedAt, contact.Version, linkDtos.Any(l => l.CanEdit) || through == true, linkDtos,
            dates.Select(ToDto).OrderBy(d => d.DaysLeft).ToList());
    }

    /// <summary>Edits the person (merge patch). Allowed to whoever may edit one of their counterparties.</summary>
    public async Task<Result<ContactCardDto>> UpdateAsync(
        AccessContext access, Guid contactId, ContactFields f, int? version, int? ifMatch, CancellationToken ct)
    {
        var contact = await db.ContactPersons.SingleOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null || await EditRightAsync(access, contactId, ct) is not { } canEdit)
            return Error.NotFound();
        if (!canEdit)
            return Error.Forbidden();
        if (VersionCheck.Fails(contact.Version, version, ifMatch) is { } stale)
            return stale;

        var errors = new List<(string, string)>();
        var name = f.FullName.HasValue ? ContactRules.Name(f.FullName.Value, errors) : contact.FullName;
        var phone = f.Phone.HasValue ? ContactRules.Phone(f.Phone.Value, "phone", errors) : contact.Phone;
        var phone2 = f.Phone2.HasValue ? ContactRules.Phone(f.Phone2.Value, "phone2", errors) : contact.Phone2;
        var email = f.Email.HasValue ? ContactRules.Email(f.Email.Value, errors) : contact.Email;
        var notes = f.Notes.HasValue ? ContactRules.Notes(f.Notes.Value, errors) : contact.Notes;
        var consentOn = f.ConsentOn.Or(contact.ConsentOn);
        if (f.Consent is { HasValue: true, Value: { } consent })
            consentOn = consent ? consentOn ?? Today : null;
        ContactRules.ConsentOn(consentOn, Today, errors);

        var current = await db.ContactDates.Where(d => d.ContactId == contactId).ToListAsync(ct);
        List<ContactDate>? replacement = null;
        if (f.ImportantDates is { HasValue: true } list)
        {
            replacement = ContactRules.Dates(list.Value ?? [], Today, errors);
        }
        else if (f.BirthDate.HasValue)
        {
            // «birthDate» alone is a shortcut for the birthday entry; its reminder setting stays.
            ContactRules.BirthDate(f.BirthDate.Value, Today, errors);
            replacement = current.Where(d => d.Kind != ContactDateKinds.Birthday).Select(Copy).ToList();
            if (f.BirthDate.Value is { } birth)
            {
                var old = current.FirstOrDefault(d => d.Kind == ContactDateKinds.Birthday);
                replacement.Insert(0, new ContactDate { Kind = ContactDateKinds.Birthday, Date = birth, RemindDaysBefore = old?.RemindDaysBefore });
            }
        }
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        contact.FullName = name!;
        contact.FullNameNormalized = name!.ToUpperInvariant();
        contact.Phone = phone;
        contact.Phone2 = phone2;
        contact.Email = email;
        contact.Notes = notes;
        contact.ConsentOn = consentOn;
        if (replacement is not null && Describe(replacement) != Describe(current))
        {
            await ReplaceDatesAsync(contact, current, replacement, ct);
            db.ChangeRecords.Add(ChangeRecord.Of(ContactPerson.EntityKind, contactId, Now, actor, ChangeOperation.Updated,
                "importantDates", Describe(current), Describe(replacement)));
        }
        else if (db.Entry(contact).Property(c => c.FullName).IsModified && current.Any(d => d.RemindDaysBefore is not null))
        {
            // Reminder titles carry the name: re-arm them under the new one.
            await ReplaceDatesAsync(contact, current, current.Select(Copy).ToList(), ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return (await GetAsync(access, contactId, ct)).Value;
    }

    /// <summary>Links an existing person to another counterparty (one person, several companies).</summary>
    public async Task<Result<ContactDto>> LinkExistingAsync(
        AccessContext access, Guid counterpartyId, Guid contactId, string? position, bool isMain, CancellationToken ct)
    {
        if (await EditableCounterpartyAsync(access, counterpartyId, ct) is { } denied)
            return denied;
        // Only a person the caller can already see may be linked: no fishing for strangers by id.
        if (!await VisibleAsync(access, contactId, ct))
            return Error.Validation(("contactId", FieldErrors.NotFound));
        if (await db.CounterpartyContacts.AnyAsync(l => l.CounterpartyId == counterpartyId && l.ContactId == contactId, ct))
            return Error.Validation(("contactId", FieldErrors.Duplicate));
        var errors = new List<(string, string)>();
        var pos = ContactRules.Position(position, errors);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        var contact = await db.ContactPersons.AsNoTracking().SingleAsync(c => c.Id == contactId, ct);
        var main = await LinkAsync(counterpartyId, contactId, pos, isMain, ct);
        Timeline.Add(db, counterpartyId, Now, actor, TimelineKinds.ContactLinked, contact.FullName, ContactPerson.EntityKind, contactId);
        db.ChangeRecords.Add(ChangeRecord.Of(Counterparty.EntityKind, counterpartyId, Now, actor, ChangeOperation.Updated, "contacts", null, contact.FullName));
        await db.SaveChangesAsync(ct);
        return Format(new ContactDto(contact.Id, contact.FullName, pos, contact.Phone, null, contact.Email, contact.BirthDate,
            contact.ConsentOn, contact.Notes, main, contact.Version, contact.Phone2, null));
    }

    /// <summary>Changes the person's position at a counterparty or makes them its main contact.</summary>
    public async Task<Result<ContactDto>> UpdateLinkAsync(
        AccessContext access, Guid counterpartyId, Guid contactId, ContactLinkFields f, CancellationToken ct)
    {
        if (await EditableCounterpartyAsync(access, counterpartyId, ct) is { } denied)
            return denied;
        var links = await db.CounterpartyContacts.Where(l => l.CounterpartyId == counterpartyId).ToListAsync(ct);
        var link = links.SingleOrDefault(l => l.ContactId == contactId);
        if (link is null)
            return Error.NotFound();
        var errors = new List<(string, string)>();
        var position = f.Position.HasValue ? ContactRules.Position(f.Position.Value, errors) : link.Position;
        if (f.IsMain is { HasValue: true, Value: false } && link.IsMain)
            errors.Add(("isMain", "main_contact_required"));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        var contact = await db.ContactPersons.AsNoTracking().SingleAsync(c => c.Id == contactId, ct);
        if (position != link.Position)
        {
            db.ChangeRecords.Add(ChangeRecord.Of(ContactPerson.EntityKind, contactId, Now, actor, ChangeOperation.Updated,
                "position", link.Position, position));
            link.Position = position;
        }
        if (f.IsMain is { HasValue: true, Value: true } && !link.IsMain)
        {
            var previous = links.FirstOrDefault(l => l.IsMain);
            links.ForEach(l => l.IsMain = false);
            link.IsMain = true;
            var previousName = previous is null ? null
                : await db.ContactPersons.Where(c => c.Id == previous.ContactId).Select(c => c.FullName).SingleAsync(ct);
            db.ChangeRecords.Add(ChangeRecord.Of(Counterparty.EntityKind, counterpartyId, Now, actor, ChangeOperation.Updated,
                "mainContact", previousName, contact.FullName));
            Timeline.Add(db, counterpartyId, Now, actor, TimelineKinds.MainContactChanged, contact.FullName, ContactPerson.EntityKind, contactId);
        }
        await db.SaveChangesAsync(ct);
        return Format(new ContactDto(contact.Id, contact.FullName, link.Position, contact.Phone, null, contact.Email, contact.BirthDate,
            contact.ConsentOn, contact.Notes, link.IsMain, contact.Version, contact.Phone2, null));
    }

    /// <summary>
    /// Removes the person from a counterparty. The next contact becomes main if they were. A person
    /// left without any counterparty is deleted: nobody could ever see them again, and 152-ФЗ wants
    /// personal data kept no longer than needed.
    /// </summary>
    public async Task<Result<bool>> UnlinkAsync(AccessContext access, Guid counterpartyId, Guid contactId, CancellationToken ct)
    {
        if (await EditableCounterpartyAsync(access, counterpartyId, ct) is { } denied)
            return denied;
        var links = await db.CounterpartyContacts.Where(l => l.CounterpartyId == counterpartyId).ToListAsync(ct);
        var link = links.SingleOrDefault(l => l.ContactId == contactId);
        if (link is null)
            return Error.NotFound();
        var contact = await db.ContactPersons.SingleAsync(c => c.Id == contactId, ct);
        db.CounterpartyContacts.Remove(link);
        if (link.IsMain && links.Where(l => l != link).ToList() is { Count: > 0 } rest)
        {
            var nextMain = await db.ContactPersons.Where(c => rest.Select(r => r.ContactId).Contains(c.Id))
                .OrderBy(c => c.FullNameNormalized).Select(c => c.Id).FirstAsync(ct);
            rest.Single(r => r.ContactId == nextMain).IsMain = true;
        }
        if (!await db.CounterpartyContacts.AnyAsync(l => l.ContactId == contactId && l.CounterpartyId != counterpartyId, ct))
        {
            await CancelRemindersAsync(await db.ContactDates.Where(d => d.ContactId == contactId).Select(d => d.Id).ToListAsync(ct), ct);
            db.ContactPersons.Remove(contact);
        }
        Timeline.Add(db, counterpartyId, Now, actor, TimelineKinds.ContactUnlinked, contact.FullName, ContactPerson.EntityKind, contactId);
        db.ChangeRecords.Add(ChangeRecord.Of(Counterparty.EntityKind, counterpartyId, Now, actor, ChangeOperation.Updated, "contacts", contact.FullName, null));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>People whose name contains the text, among those the caller can see (for «link an existing person»).</summary>
    public async Task<List<ContactSearchItem>> SearchAsync(AccessContext access, string? q, int limit, CancellationToken ct)
    {
        var text = q?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(text))
            return [];
        var visible = db.Counterparties.VisibleTo(access, Counterparty.EntityKind);
        var found = await db.ContactPersons.AsNoTracking()
            .Where(c => c.FullNameNormalized.Contains(text))
            .Where(c => db.CounterpartyContacts.Any(l => l.ContactId == c.Id && visible.Any(v => v.Id == l.CounterpartyId)))
            .OrderBy(c => c.FullNameNormalized).Take(Math.Clamp(limit, 1, 50))
            .Select(c => new
            {
                c.Id,
                c.FullName,
                c.Phone,
                c.Email,
                Names = db.CounterpartyContacts.Where(l => l.ContactId == c.Id)
                    .Join(visible, l => l.CounterpartyId, v => v.Id, (l, v) => v.Name).OrderBy(n => n).Take(3).ToList(),
            })
            .ToListAsync(ct);
        return found.Select(f => new ContactSearchItem(f.Id, f.FullName, FormatPhone(f.Phone), f.Email, string.Join(", ", f.Names))).ToList();
    }

    /// <summary>
    /// A page of the contact persons the caller can see (through a visible counterparty), by name,
    /// optionally only those whose name contains <paramref name="q"/>.
    /// </summary>
    public async Task<PageOf<ContactSearchItem>> ListAsync(AccessContext access, string? q, PageRequest page, CancellationToken ct)
    {
        var text = q?.Trim().ToUpperInvariant();
        var visible = db.Counterparties.VisibleTo(access, Counterparty.EntityKind);
        var people = db.ContactPersons.AsNoTracking()
            .Where(c => db.CounterpartyContacts.Any(l => l.ContactId == c.Id && visible.Any(v => v.Id == l.CounterpartyId)));
        if (!string.IsNullOrEmpty(text))
            people = people.Where(c => c.FullNameNormalized.Contains(text));
        var total = await people.CountAsync(ct);
        var found = await people.OrderBy(c => c.FullNameNormalized).ThenBy(c => c.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(c => new
            {
                c.Id,
                c.FullName,
                c.Phone,
                c.Email,
                Names = db.CounterpartyContacts.Where(l => l.ContactId == c.Id)
                    .Join(visible, l => l.CounterpartyId, v => v.Id, (l, v) => v.Name).OrderBy(n => n).Take(3).ToList(),
            })
            .ToListAsync(ct);
        var items = found.Select(f => new ContactSearchItem(f.Id, f.FullName, FormatPhone(f.Phone), f.Email, string.Join(", ", f.Names))).ToList();
        return new PageOf<ContactSearchItem>(items, total, page.Page, page.PageSize);
    }

    public async Task<bool> VisibleAsync(AccessContext access, Guid contactId, CancellationToken ct)
    {
        var visible = db.Counterparties.VisibleTo(access, Counterparty.EntityKind);
        return await db.CounterpartyContacts.AnyAsync(l => l.ContactId == contactId && visible.Any(v => v.Id == l.CounterpartyId), ct)
               || await ThroughSalesAsync(access, contactId, ct) is not null;
    }

    /// <summary>
    /// Null unless the person is a contact of a deal or the person a lead was converted into that the
    /// caller may see; otherwise whether the caller may edit that deal or lead.
    /// </summary>
    private async Task<bool?> ThroughSalesAsync(AccessContext access, Guid contactId, CancellationToken ct)
    {
        var deals = await db.DealContacts.Where(l => l.ContactId == contactId)
            .Join(db.Deals.VisibleTo(access, Deals.Deal.EntityKind), l => l.DealId, d => d.Id, (l, d) => d)
            .OrderBy(d => d.Id).Select(d => d.ResponsibleId).Take(20).ToListAsync(ct);
        var leads = await db.Leads.VisibleTo(access, Leads.Lead.EntityKind).Where(l => l.ContactId == contactId)
            .OrderBy(l => l.Id).Select(l => l.ResponsibleId).Take(20).ToListAsync(ct);
        if (deals.Count == 0 && leads.Count == 0)
            return null;
        return deals.Any(r => access.Allows(Deals.Deal.EntityKind, PermissionAction.Edit, r))
               || leads.Any(r => access.Allows(Leads.Lead.EntityKind, PermissionAction.Edit, r));
    }

    /// <summary>Null when the person is not visible; otherwise whether the caller may edit one of their counterparties.</summary>
    private async Task<bool?> EditRightAsync(AccessContext access, Guid contactId, CancellationToken ct)
    {
        var responsible = await db.CounterpartyContacts.Where(l => l.ContactId == contactId)
            .Join(db.Counterparties.VisibleTo(access, Counterparty.EntityKind), l => l.CounterpartyId, c => c.Id, (l, c) => c.ResponsibleId)
            .ToListAsync(ct);
        if (responsible.Count == 0)
            return await ThroughSalesAsync(access, contactId, ct);
        return responsible.Any(r => access.Allows(Counterparty.EntityKind, PermissionAction.Edit, r));
    }

    private async Task<Error?> EditableCounterpartyAsync(AccessContext access, Guid counterpartyId, CancellationToken ct)
    {
        var card = await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).Where(c => c.Id == counterpartyId)
            .Select(c => new { c.ResponsibleId }).SingleOrDefaultAsync(ct);
        if (card is null)
            return Error.NotFound();
        return access.Allows(Counterparty.EntityKind, PermissionAction.Edit, card.ResponsibleId) ? null : Error.Forbidden();
    }

    /// <summary>Adds the link; the first contact of a counterparty, or one asked to be, becomes its only main contact.</summary>
    private async Task<bool> LinkAsync(Guid counterpartyId, Guid contactId, string? position, bool wantsMain, CancellationToken ct)
    {
        var links = await db.CounterpartyContacts.Where(l => l.CounterpartyId == counterpartyId).ToListAsync(ct);
        var isMain = wantsMain || links.Count == 0;
        if (isMain)
            links.ForEach(l => l.IsMain = false);
        db.CounterpartyContacts.Add(new CounterpartyContact { CounterpartyId = counterpartyId, ContactId = contactId, Position = position, IsMain = isMain });
        return isMain;
    }

    private async Task ReplaceDatesAsync(ContactPerson contact, List<ContactDate> current, List<ContactDate> replacement, CancellationToken ct)
    {
        await CancelRemindersAsync(current.Select(d => d.Id).ToList(), ct);
        db.ContactDates.RemoveRange(current);
        contact.BirthDate = replacement.FirstOrDefault(d => d.Kind == ContactDateKinds.Birthday)?.Date;
        var recipient = await RecipientAsync(contact.Id, ct);
        // The recipient's language words the title; their zone (else the company's) times the reminder.
        var person = await db.Users.Where(u => u.Id == recipient).Select(u => new { u.Culture, u.TimeZone }).FirstOrDefaultAsync(ct);
        var culture = person?.Culture;
        var zone = clock.ZoneFromChoice(person?.TimeZone);
        foreach (var date in replacement)
        {
            date.ContactId = contact.Id;
            db.ContactDates.Add(date);
            if (date.RemindDaysBefore is not { } days)
                continue;
            db.Reminders.Add(new Reminder
            {
                UserId = recipient,
                DueAt = Reminder.YearlyDue(date.Date, days, ReminderTime, zone, Now),
                Title = Truncate(wording?.ReminderTitle(culture, date, contact.FullName) ?? $"{date.Label ?? date.Kind}: {contact.FullName}", TextLimits.Name),
                Body = date.Date.ToString("dd.MM", System.Globalization.CultureInfo.InvariantCulture),
                Link = $"/contacts/{contact.Id}",
                EntityKind = ContactDate.EntityKind,
                EntityId = date.Id,
                CreatedAt = Now,
                RepeatYearlyOn = date.Date,
                RepeatDaysBefore = days,
            });
        }
    }

    /// <summary>The responsible manager of the person's main counterparty, else the one who set the date.</summary>
    private async Task<Guid> RecipientAsync(Guid contactId, CancellationToken ct)
    {
        var manager = await db.CounterpartyContacts.Where(l => l.ContactId == contactId)
            .Join(db.Counterparties, l => l.CounterpartyId, c => c.Id, (l, c) => new { l.IsMain, c.ResponsibleId, c.NameNormalized })
            .Where(x => x.ResponsibleId != null)
            .OrderByDescending(x => x.IsMain).ThenBy(x => x.NameNormalized)
            .Select(x => x.ResponsibleId).FirstOrDefaultAsync(ct);
        return manager ?? actor.UserId ?? throw new InvalidOperationException("No one to remind.");
    }

    private async Task CancelRemindersAsync(List<Guid> dateIds, CancellationToken ct)
    {
        if (dateIds.Count == 0)
            return;
        var now = Now;
        await db.Reminders
            .Where(r => r.EntityKind == ContactDate.EntityKind && r.EntityId != null && dateIds.Contains(r.EntityId.Value)
                        && r.FiredAt == null && r.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelledAt, now), ct);
    }

    private ContactDateDto ToDto(ContactDate d)
    {
        var next = YearlyDates.Next(d.Date, Today);
        return new ContactDateDto(d.Id, d.Kind, d.Label, d.Date, d.RemindDaysBefore, next, next.DayNumber - Today.DayNumber);
    }

    private static ContactDate Copy(ContactDate d) => new() { Kind = d.Kind, Label = d.Label, Date = d.Date, RemindDaysBefore = d.RemindDaysBefore };

    private static string? Describe(IEnumerable<ContactDate> dates) =>
        string.Join("; ", dates.OrderBy(d => d.Kind, StringComparer.Ordinal).ThenBy(d => d.Label, StringComparer.Ordinal).ThenBy(d => d.Date)
            .Select(d => d.Describe())) is { Length: > 0 } text ? text : null;

    private static string? FormatPhone(string? e164) => e164 is null ? null : Phones.Format(e164);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static ContactDto Format(ContactDto dto) =>
        dto with { PhoneFormatted = FormatPhone(dto.Phone), Phone2Formatted = FormatPhone(dto.Phone2) };
}
