using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using static Letopis.Core.Common.PatchText;

namespace Letopis.Core.Crm;

/// <summary>The fields of a counterparty as a create or merge-patch request carries them.</summary>
public sealed partial record CounterpartyFields(
    Optional<string?> Kind,
    Optional<string?> Name,
    Optional<string?> FullName,
    Optional<string?> Inn,
    Optional<string?> Kpp,
    Optional<string?> Ogrn,
    Optional<string?> Phone,
    Optional<string?> Fax,
    Optional<string?> Email,
    Optional<string?> Website,
    Optional<string?> LegalAddress,
    Optional<Guid?> RegionId,
    Optional<Guid?> CategoryId,
    Optional<Guid?> GroupId,
    Optional<Guid?> ActivityTypeId,
    Optional<Guid?> AdSourceId,
    Optional<Guid?> ResponsibleId,
    Optional<string?> ActualAddress = default,
    Optional<string?> PostalAddress = default)
{
    /// <summary>The whole new tag set (replaces the old one); absent leaves the tags as they are.</summary>
    public Optional<IReadOnlyList<string?>?> Tags { get; init; }
}

/// <summary>Validates all fields before anything is written, then applies them to the entity.</summary>
internal static class CounterpartyRules
{
    public static async Task<List<(string, string)>> ApplyAsync(LetopisDb db, Counterparty target, CounterpartyFields f, CancellationToken ct)
    {
        var errors = new List<(string, string)>();

        var kind = target.Kind;
        if (f.Kind.HasValue)
        {
            if (!Enum.TryParse<CounterpartyKind>(f.Kind.Value, ignoreCase: true, out kind) || int.TryParse(f.Kind.Value, out _))
                errors.Add(("kind", FieldErrors.Invalid));
        }

        var name = Text(f.Name, target.Name, "name", TextLimits.Name, errors, required: true);
        var fullName = Text(f.FullName, target.FullName, "fullName", 1000, errors);
        // A longer limit than 12 so that a mistyped ИНН is explained by its format and length, not as "too long".
        var inn = Text(f.Inn, target.Inn, "inn", 50, errors);
        var innError = inn is null ? null : Requisites.InnError(inn);
        // An organisation's ИНН has 10 digits: a 12-digit one is the wrong length before its check digits matter.
        if (innError is null or Requisites.Checksum && kind == CounterpartyKind.Company && inn?.Length == 12)
            innError = "inn_company_length";
        if (innError is not null)
            errors.Add(("inn", innError));
        var kpp = Text(f.Kpp, target.Kpp, "kpp", 9, errors)?.ToUpperInvariant();
        if (kpp is not null && !Requisites.IsValidKpp(kpp))
            errors.Add(("kpp", FieldErrors.Invalid));
        var ogrn = Text(f.Ogrn, target.Ogrn, "ogrn", 15, errors);
        if (ogrn is not null && !(ogrn.Length == 13 ? Requisites.IsValidOgrn(ogrn) : Requisites.IsValidOgrnip(ogrn)))
            errors.Add(("ogrn", "checksum"));

        var phone = PhoneField(f.Phone, target.Phone, "phone", errors);
        var fax = PhoneField(f.Fax, target.Fax, "fax", errors);
        var email = Text(f.Email, target.Email, "email", 254, errors)?.ToLowerInvariant();
        if (email is not null && !Access.UserRules.IsValidEmail(email))
            errors.Add(("email", FieldErrors.Invalid));
        var website = Text(f.Website, target.Website, "website", TextLimits.Name, errors);
        var address = Text(f.LegalAddress, target.LegalAddress, "legalAddress", TextLimits.Address, errors);
        var actualAddress = Text(f.ActualAddress, target.ActualAddress, "actualAddress", TextLimits.Address, errors);
        var postalAddress = Text(f.PostalAddress, target.PostalAddress, "postalAddress", TextLimits.Address, errors);

        var books = new (string Field, Optional<Guid?> Value, Guid? Current, ReferenceBook Book)[]
        {
            ("regionId", f.RegionId, target.RegionId, ReferenceBook.Region),
            ("categoryId", f.CategoryId, target.CategoryId, ReferenceBook.Category),
            ("groupId", f.GroupId, target.GroupId, ReferenceBook.Group),
            ("activityTypeId", f.ActivityTypeId, target.ActivityTypeId, ReferenceBook.ActivityType),
            ("adSourceId", f.AdSourceId, target.AdSourceId, ReferenceBook.AdSource),
        };
        // A new choice must be a live entry of the right book; an archived one may stay where it is.
        // The entries of all new choices are read in one statement: a card usually names two or more.
        var chosen = books.Where(b => b.Value is { HasValue: true, Value: { } id } && id != b.Current).ToList();
        if (chosen.Count > 0)
        {
            var ids = chosen.Select(b => b.Value.Value!.Value).Distinct().ToList();
            var live = (await db.ReferenceItems.Where(r => EF.Parameter(ids).Contains(r.Id) && !r.IsArchived)
                .Select(r => new { r.Id, r.Book }).ToListAsync(ct)).Select(r => (r.Id, r.Book)).ToHashSet();
            foreach (var (field, value, _, book) in chosen)
            {
                if (!live.Contains((value.Value!.Value, book)))
                    errors.Add((field, FieldErrors.NotFound));
            }
        }
        if (f.ResponsibleId is { HasValue: true, Value: { } responsible } && responsible != target.ResponsibleId
            && !await db.Users.AnyAsync(u => u.Id == responsible && u.IsActive, ct))
            errors.Add(("responsibleId", FieldErrors.NotFound));

        if (errors.Count > 0)
            return errors;

        target.Kind = kind;
        target.Name = name!;
        target.NameNormalized = name!.ToUpperInvariant();
        target.NameKey = FindDuplicates.CoreName(name);
        target.FullName = fullName;
        target.Inn = inn;
        target.Kpp = kpp;
        target.Ogrn = ogrn;
        target.Phone = phone;
        target.Fax = fax;
        target.Email = email;
        target.Website = website;
        target.LegalAddress = address;
        target.ActualAddress = actualAddress;
        target.PostalAddress = postalAddress;
        target.RegionId = f.RegionId.Or(target.RegionId);
        target.CategoryId = f.CategoryId.Or(target.CategoryId);
        target.GroupId = f.GroupId.Or(target.GroupId);
        target.ActivityTypeId = f.ActivityTypeId.Or(target.ActivityTypeId);
        target.AdSourceId = f.AdSourceId.Or(target.AdSourceId);
        target.ResponsibleId = f.ResponsibleId.Or(target.ResponsibleId);
        return errors;
    }

    private static string? PhoneField(Optional<string?> value, string? current, string field, List<(string, string)> errors)
    {
        if (!value.HasValue)
            return current;
        if (string.IsNullOrWhiteSpace(value.Value))
            return null;
        if (value.Value.Length > 40)
        {
            errors.Add((field, FieldErrors.TooLong));
            return null;
        }
        var normalized = Phones.Normalize(value.Value);
        if (normalized is null)
            errors.Add((field, FieldErrors.Invalid));
        return normalized;
    }
}
