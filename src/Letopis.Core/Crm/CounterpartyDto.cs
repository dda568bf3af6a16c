using System.Linq.Expressions;
using Letopis.Core.Access;
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

    /// <summary>Directory only: when the latest completed activity with it was completed (visible activities only).</summary>
    public DateTime? LastContactAt { get; init; }

    /// <summary>Directory only: when the earliest planned activity with it is planned (visible activities only).</summary>
    public DateTime? NextContactAt { get; init; }
}

internal static class CounterpartyProjection
{
    /// <summary>
    /// The card as SQL computes it: its own columns only. The names of what its ids point to come
    /// from the node's <see cref="NameBook"/> (<see cref="Finish"/>): looked up in SQL they cost six
    /// index searches per row of every directory page.
    /// </summary>
    private static readonly Expression<Func<LetopisDb, Counterparty, CounterpartyDto>> Shape = (db, c) => new CounterpartyDto(
        c.Id, c.Kind, c.Name, c.FullName, c.Inn, c.Kpp, c.Ogrn, c.Phone, null, c.Fax, c.Email, c.Website, c.LegalAddress, c.ActualAddress, c.PostalAddress,
        c.RegionId, null, c.CategoryId, null, c.GroupId, null, c.ActivityTypeId, null, c.AdSourceId, null, c.ResponsibleId, null,
        c.CreatedAt, c.Version);

    /// <summary>
    /// One card by id, compiled: the card is the most frequent read, and a compiled query skips the
    /// expression-tree work EF otherwise repeats on every call. Visibility is checked by the caller.
    /// </summary>
    private static readonly PerModel<Func<LetopisDb, Guid, CancellationToken, Task<CounterpartyDto?>>> CardQuery = new(() =>
    {
        Expression<Func<LetopisDb, Guid, IQueryable<Counterparty>>> byId = (d, key) => d.Counterparties.Where(c => c.Id == key);
        var first = Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [typeof(CounterpartyDto)],
            QueryShapes.Select(byId.Body, Shape, byId.Parameters[0]));
        return EF.CompileAsyncQuery(Expression.Lambda<Func<LetopisDb, Guid, CancellationToken, CounterpartyDto?>>(
            first, byId.Parameters[0], byId.Parameters[1], Expression.Parameter(typeof(CancellationToken), "ct")));
    });

    /// <summary>The tags of one card, compiled for the same reason.</summary>
    private static readonly PerModel<Func<LetopisDb, Guid, IAsyncEnumerable<TagName>>> TagsQuery = new(() =>
        EF.CompileAsyncQuery((LetopisDb d, Guid id) => d.Set<CounterpartyTag>()
            .Where(l => l.CounterpartyId == id)
            .Select(l => new TagName(l.Tag.Name, l.Tag.NameNormalized))));

    // A named type, not a tuple: Npgsql would read a tuple as a PostgreSQL ROW.
    private sealed record TagName(string Name, string Key);

    public static IQueryable<CounterpartyDto> Project(this IQueryable<Counterparty> query, LetopisDb db) =>
        query.Select(QueryShapes.Bind(Shape, Expression.Constant(db)));

    /// <summary>Adds what SQL does not compute: the names of what the ids point to, the phone as people read it.</summary>
    public static CounterpartyDto Finish(this CounterpartyDto dto, Names names) => dto with
    {
        PhoneFormatted = dto.Phone is { } phone ? Phones.Format(phone) : null,
        RegionName = names.Reference(dto.RegionId),
        CategoryName = names.Reference(dto.CategoryId),
        GroupName = names.Reference(dto.GroupId),
        ActivityTypeName = names.Reference(dto.ActivityTypeId),
        AdSourceName = names.Reference(dto.AdSourceId),
        ResponsibleName = names.User(dto.ResponsibleId),
    };

    /// <summary>The cards as SQL projected them, completed with names, the phone format, tags and custom values.</summary>
    public static async Task<List<CounterpartyDto>> CompleteAsync(LetopisDb db, Names names, IEnumerable<CounterpartyDto> projected, CancellationToken ct) =>
        await (await CounterpartyTagging.WithTagsAsync(db, projected.Select(p => p.Finish(names)).ToList(), ct)).WithCustomFieldsAsync(db, ct);

    // The same shape run on a card in memory: what SQL would have projected from its row.
    private static readonly Func<LetopisDb, Counterparty, CounterpartyDto> ShapeInMemory = Shape.Compile();

    /// <summary>
    /// A card this context has just saved, completed without reading its row back: its tags and
    /// custom values are read only when the save wrote some (a tag takes the spelling it already
    /// had). The card's timestamps must already be at the database's precision.
    /// </summary>
    public static Task<CounterpartyDto> SavedAsync(LetopisDb db, Names names, Counterparty saved, bool wroteTags, bool wroteCustomValues, CancellationToken ct) =>
        CompleteOneAsync(db, names, ShapeInMemory(db, saved), wroteTags, wroteCustomValues, ct);

    /// <summary>One complete card (not checked against anyone's rights), or null when there is none.</summary>
    public static async Task<CounterpartyDto?> LoadAsync(LetopisDb db, Names names, Guid id, CancellationToken ct) =>
        await CardQuery.For(db)(db, id, ct) is { } card ? await CompleteOneAsync(db, names, card, readTags: true, readCustomValues: true, ct) : null;

    /// <summary>One card as projected, with names, the phone format and (when asked) its tags and custom values.</summary>
    private static async Task<CounterpartyDto> CompleteOneAsync(
        LetopisDb db, Names names, CounterpartyDto card, bool readTags, bool readCustomValues, CancellationToken ct)
    {
        var tags = new List<TagName>();
        if (readTags)
        {
            await foreach (var tag in TagsQuery.For(db)(db, card.Id).WithCancellation(ct))
                tags.Add(tag);
        }
        return card.Finish(names) with
        {
            Tags = tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Name).ToList(),
            CustomFields = readCustomValues ? await CustomValues.ReadAsync(db, CustomFieldEntities.Company, card.Id, ct) : CustomValues.None,
        };
    }
}
