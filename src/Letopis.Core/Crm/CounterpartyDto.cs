using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>A counterparty card as the API and the UI show it.</summary>
public sealed partial record CounterpartyDto(
    Guid Id,
    CounterpartyKind Kind,
    string Name,
    string? FullName,
    string? Inn,
    string? Kpp,
    string? Ogrn,
    string? Phone,
    string? PhoneFormatted,
    string? Fax,
    string? Email,
    string? Website,
    string? LegalAddress,
    string? ActualAddress,
    string? PostalAddress,
    Guid? RegionId,
    string? RegionName,
    Guid? CategoryId,
    string? CategoryName,
    Guid? GroupId,
    string? GroupName,
    Guid? ActivityTypeId,
    string? ActivityTypeName,
    Guid? AdSourceId,
    string? AdSourceName,
    Guid? ResponsibleId,
    string? ResponsibleName,
    DateTime CreatedAt,
    int Version)
{
    /// <summary>Free labels, alphabetical («VIP», «тендер»).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}

internal static class CounterpartyProjection
{
    public static IQueryable<CounterpartyDto> Project(this IQueryable<Counterparty> query, LetopisDb db) =>
        query.Select(c => new CounterpartyDto(
            c.Id, c.Kind, c.Name, c.FullName, c.Inn, c.Kpp, c.Ogrn, c.Phone, null, c.Fax, c.Email, c.Website, c.LegalAddress, c.ActualAddress, c.PostalAddress,
            c.RegionId, db.ReferenceItems.Where(r => r.Id == c.RegionId).Select(r => r.Name).FirstOrDefault(),
            c.CategoryId, db.ReferenceItems.Where(r => r.Id == c.CategoryId).Select(r => r.Name).FirstOrDefault(),
            c.GroupId, db.ReferenceItems.Where(r => r.Id == c.GroupId).Select(r => r.Name).FirstOrDefault(),
            c.ActivityTypeId, db.ReferenceItems.Where(r => r.Id == c.ActivityTypeId).Select(r => r.Name).FirstOrDefault(),
            c.AdSourceId, db.ReferenceItems.Where(r => r.Id == c.AdSourceId).Select(r => r.Name).FirstOrDefault(),
            c.ResponsibleId, db.Users.Where(u => u.Id == c.ResponsibleId).Select(u => u.FullName).FirstOrDefault(),
            c.CreatedAt, c.Version));

    /// <summary>Adds what SQL cannot compute: the phone as people read it.</summary>
    public static CounterpartyDto Finish(this CounterpartyDto dto) =>
        dto.Phone is { } phone ? dto with { PhoneFormatted = Phones.Format(phone) } : dto;

    /// <summary>The cards as SQL projected them, completed with the phone format, tags and custom values.</summary>
    public static async Task<List<CounterpartyDto>> CompleteAsync(LetopisDb db, IEnumerable<CounterpartyDto> projected, CancellationToken ct) =>
        await (await CounterpartyTagging.WithTagsAsync(db, projected.Select(Finish).ToList(), ct)).WithCustomFieldsAsync(db, ct);

    public static async Task<CounterpartyDto?> LoadAsync(LetopisDb db, Guid id, CancellationToken ct) =>
        (await db.Counterparties.AsNoTracking().Where(c => c.Id == id).Project(db).SingleOrDefaultAsync(ct)) is { } dto
            ? (await CompleteAsync(db, [dto], ct))[0]
            : null;
}
