using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>Directory filters; every one is optional and they combine with AND.</summary>
public sealed partial record CounterpartyFilter(
    string? Q,
    Guid? RegionId,
    Guid? CategoryId,
    Guid? GroupId,
    Guid? ActivityTypeId,
    Guid? AdSourceId,
    Guid? ResponsibleId,
    CounterpartyKind? Kind)
{
    /// <summary>Tag names; a counterparty must carry all of them.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public CounterpartySort Sort { get; init; } = CounterpartySort.Name;

    /// <summary>Whether nothing narrows the list but, perhaps, the responsible person.</summary>
    internal bool IsAllOrByResponsible =>
        string.IsNullOrWhiteSpace(Q) && RegionId is null && CategoryId is null && GroupId is null && ActivityTypeId is null
        && AdSourceId is null && Kind is null && Tags.Count == 0 && CustomFields is not { Count: > 0 };
}

/// <summary>Orders of the directory; every one ends with the id, so pages never overlap or skip.</summary>
public enum CounterpartySort
{
    Name,
    NameDescending,
    CreatedAt,
    CreatedAtDescending,
    Inn,
}

public static class CounterpartySorts
{
    /// <summary>The API spelling of each order: <c>name</c>, <c>-name</c>, <c>createdAt</c>, <c>-createdAt</c>, <c>inn</c>.</summary>
    public static readonly IReadOnlyDictionary<string, CounterpartySort> ByName = new Dictionary<string, CounterpartySort>(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = CounterpartySort.Name,
        ["-name"] = CounterpartySort.NameDescending,
        ["createdAt"] = CounterpartySort.CreatedAt,
        ["-createdAt"] = CounterpartySort.CreatedAtDescending,
        ["inn"] = CounterpartySort.Inn,
    };

    public static string Name(CounterpartySort sort) => ByName.First(p => p.Value == sort).Key;
}

/// <summary>The counterparty directory and card, limited to what the caller may see.</summary>
public sealed class ListCounterparties(LetopisDb db, NameBook nameBook)
{
    public async Task<PageOf<CounterpartyDto>> HandleAsync(AccessContext access, CounterpartyFilter filter, PageRequest page, CancellationToken ct)
    {
        var query = Filtered(access, filter);
        // Without a filter (or with only the responsible person) the kept totals answer at once.
        var total = filter.IsAllOrByResponsible
            ? (int)await RecordCounts.VisibleTotalAsync(db, access, Counterparty.EntityKind, filter.ResponsibleId, ct)
            : await query.CountAsync(ct);
        var items = await Sorted(query, filter.Sort)
            .Skip(page.Skip).Take(page.PageSize)
            .Project(db)
            .ToListAsync(ct);
        return new PageOf<CounterpartyDto>(await CounterpartyProjection.CompleteAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), items, ct), total, page.Page, page.PageSize);
    }

    /// <summary>The visible counterparties that pass the filter, unordered: the list and the export share it.</summary>
    internal IQueryable<Counterparty> Filtered(AccessContext access, CounterpartyFilter filter)
    {
        var query = ApplyFilters(db.Counterparties.AsNoTracking().VisibleTo(access, Counterparty.EntityKind), filter);
        query = query.WhereCustomFields(db.CustomFieldValues, filter.CustomFields);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            // Names in any grammatical form, ИНН and phone fragments, e-mail: all through the search index.
            var matches = Search.SearchIndex.MatchingIds(db, Counterparty.EntityKind, filter.Q);
            var upper = filter.Q.Trim().ToUpperInvariant();
            query = matches is not null
                ? query.Where(c => matches.Contains(c.Id))
                : query.Where(c => c.NameNormalized.Contains(upper));
        }

        return query;
    }

    /// <summary>The classifier, responsible, kind and tag filters (each backed by an index).</summary>
    private IQueryable<Counterparty> ApplyFilters(IQueryable<Counterparty> query, CounterpartyFilter filter)
    {
        if (filter.RegionId is { } region)
            query = query.Where(c => c.RegionId == region);
        if (filter.CategoryId is { } category)
            query = query.Where(c => c.CategoryId == category);
        if (filter.GroupId is { } group)
            query = query.Where(c => c.GroupId == group);
        if (filter.ActivityTypeId is { } activity)
            query = query.Where(c => c.ActivityTypeId == activity);
        if (filter.AdSourceId is { } source)
            query = query.Where(c => c.AdSourceId == source);
        if (filter.ResponsibleId is { } responsible)
            query = query.Where(c => c.ResponsibleId == responsible);
        if (filter.Kind is { } kind)
            query = query.Where(c => c.Kind == kind);
        foreach (var key in filter.Tags.Select(TagRules.Normalize).Where(k => k.Length > 0).Distinct())
            query = query.Where(c => db.Set<CounterpartyTag>().Any(l => l.CounterpartyId == c.Id && l.Tag.NameNormalized == key));
        return query;
    }

    /// <summary>The directory order, always ending with the id so that paging is stable.</summary>
    internal IOrderedQueryable<Counterparty> Sorted(IQueryable<Counterparty> query, CounterpartySort sort) => sort switch
    {
        CounterpartySort.NameDescending => query.OrderByDescending(c => c.NameNormalized).ThenByDescending(c => c.Id),
        CounterpartySort.CreatedAt => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        CounterpartySort.CreatedAtDescending => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        // Cards without an ИНН go last on both providers. PostgreSQL puts NULLs last in ascending order
        // by itself, which keeps its index usable; SQLite puts them first and needs the extra key, which
        // an index on that expression serves (IX_Counterparties_InnNullsLast, made by SQL in the migration).
        CounterpartySort.Inn when db.ProviderKind == "postgres" => query.OrderBy(c => c.Inn).ThenBy(c => c.Id),
        CounterpartySort.Inn => query.OrderBy(c => c.Inn == null).ThenBy(c => c.Inn).ThenBy(c => c.Id),
        _ => query.OrderBy(c => c.NameNormalized).ThenBy(c => c.Id),
    };

    /// <summary>The card, or not found when it does not exist or is hidden from the caller.</summary>
    public async Task<Result<CounterpartyDto>> GetAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        // The same rule as the list's VisibleTo filter, applied to the one record read by key.
        var card = await CounterpartyProjection.LoadAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), id, ct);
        return card is not null && access.Allows(Counterparty.EntityKind, PermissionAction.Read, card.ResponsibleId)
            ? card
            : Error.NotFound();
    }
}
