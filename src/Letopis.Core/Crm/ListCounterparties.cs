using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>Directory filters; every one is optional and they combine with AND; several values of one filter combine with OR.</summary>
public sealed partial record CounterpartyFilter(
    string? Q,
    IReadOnlyList<Guid>? RegionIds,
    IReadOnlyList<Guid>? CategoryIds,
    IReadOnlyList<Guid>? GroupIds,
    IReadOnlyList<Guid>? ActivityTypeIds,
    IReadOnlyList<Guid>? AdSourceIds,
    IReadOnlyList<Guid>? ResponsibleIds,
    CounterpartyKind? Kind)
{
    /// <summary>Tag names; a counterparty must carry all of them.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public CounterpartySort Sort { get; init; } = CounterpartySort.Name;

    /// <summary>Whether nothing narrows the list but, perhaps, one responsible person.</summary>
    internal bool IsAllOrByResponsible =>
        string.IsNullOrWhiteSpace(Q) && IsEmpty(RegionIds) && IsEmpty(CategoryIds) && IsEmpty(GroupIds) && IsEmpty(ActivityTypeIds)
        && IsEmpty(AdSourceIds) && ResponsibleIds is not { Count: > 1 } && Kind is null && Tags.Count == 0 && CustomFields is not { Count: > 0 };

    /// <summary>The one responsible person filtered on, if exactly one.</summary>
    internal Guid? SingleResponsibleId => ResponsibleIds is { Count: > 0 } ids && ids.Distinct().Count() == 1 ? ids[0] : null;

    private static bool IsEmpty(IReadOnlyList<Guid>? ids) => ids is not { Count: > 0 };
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
public sealed class ListCounterparties(LetopisDb db, NameBook nameBook, ICurrentActor actor, TimeProvider time, CompanyTimeZone company)
{
    public async Task<PageOf<CounterpartyDto>> HandleAsync(AccessContext access, CounterpartyFilter filter, PageRequest page, CancellationToken ct)
    {
        var query = Filtered(access, filter);
        // Without a filter (or with only the responsible person) the kept totals answer at once.
        var total = filter.IsAllOrByResponsible
            ? (int)await RecordCounts.VisibleTotalAsync(db, access, Counterparty.EntityKind, filter.SingleResponsibleId, ct)
            : await query.CountAsync(ct);
        var items = await Sorted(query, filter.Sort)
            .Skip(page.Skip).Take(page.PageSize)
            .Project(db)
            .ToListAsync(ct);
        var complete = await CounterpartyProjection.CompleteAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), items, ct);
        return new PageOf<CounterpartyDto>(await WithContactDatesAsync(access, complete, ct), total, page.Page, page.PageSize);
    }

    /// <summary>
    /// «Последний контакт» and «следующий контакт» of a page: one grouped query over the page's ids
    /// through the activities' <c>(CounterpartyId, PlannedAt)</c> index, counting only activities the
    /// caller may see. Computed per page rather than kept on the card: a kept date would need every
    /// activity write (plan, move, complete, cancel, delete, merge) to recompute it and would still
    /// show a date of an activity hidden from the reader.
    /// </summary>
    private async Task<List<CounterpartyDto>> WithContactDatesAsync(AccessContext access, List<CounterpartyDto> page, CancellationToken ct)
    {
        if (page.Count == 0)
            return page;
        var ids = page.Select(c => (Guid?)c.Id).ToList();
        var viewer = await Activities.ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var dates = await viewer.Visible(db.Activities.AsNoTracking())
            .Where(a => ids.Contains(a.CounterpartyId) && (a.Status == Activities.ActivityStatus.Done || a.Status == Activities.ActivityStatus.Planned))
            .GroupBy(a => a.CounterpartyId)
            .Select(g => new ContactDates
            {
                CounterpartyId = g.Key!.Value,
                Last = g.Where(a => a.Status == Activities.ActivityStatus.Done).Max(a => a.CompletedAt),
                Next = g.Where(a => a.Status == Activities.ActivityStatus.Planned).Min(a => (DateTime?)a.PlannedAt),
            })
            .ToDictionaryAsync(d => d.CounterpartyId, ct);
        return page.Select(c => dates.TryGetValue(c.Id, out var d) ? c with { LastContactAt = d.Last, NextContactAt = d.Next } : c).ToList();
    }

    private sealed class ContactDates
    {
        public Guid CounterpartyId { get; init; }
        public DateTime? Last { get; init; }
        public DateTime? Next { get; init; }
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
        query = WhereIn(query, filter.RegionIds, ids => c => c.RegionId != null && ids.Contains(c.RegionId.Value), id => c => c.RegionId == id);
        query = WhereIn(query, filter.CategoryIds, ids => c => c.CategoryId != null && ids.Contains(c.CategoryId.Value), id => c => c.CategoryId == id);
        query = WhereIn(query, filter.GroupIds, ids => c => c.GroupId != null && ids.Contains(c.GroupId.Value), id => c => c.GroupId == id);
        query = WhereIn(query, filter.ActivityTypeIds, ids => c => c.ActivityTypeId != null && ids.Contains(c.ActivityTypeId.Value), id => c => c.ActivityTypeId == id);
        query = WhereIn(query, filter.AdSourceIds, ids => c => c.AdSourceId != null && ids.Contains(c.AdSourceId.Value), id => c => c.AdSourceId == id);
        query = WhereIn(query, filter.ResponsibleIds, ids => c => c.ResponsibleId != null && ids.Contains(c.ResponsibleId.Value), id => c => c.ResponsibleId == id);
        if (filter.Kind is { } kind)
            query = query.Where(c => c.Kind == kind);
        foreach (var key in filter.Tags.Select(TagRules.Normalize).Where(k => k.Length > 0).Distinct())
            query = query.Where(c => db.Set<CounterpartyTag>().Any(l => l.CounterpartyId == c.Id && l.Tag.NameNormalized == key));
        return query;
    }

    /// <summary>
    /// One value is an equality (the classifier's index with the name order answers a sorted page); several
    /// are one <c>IN</c> over the same index.
    /// </summary>
    private static IQueryable<Counterparty> WhereIn(
        IQueryable<Counterparty> query, IReadOnlyList<Guid>? ids,
        Func<List<Guid>, System.Linq.Expressions.Expression<Func<Counterparty, bool>>> any,
        Func<Guid, System.Linq.Expressions.Expression<Func<Counterparty, bool>>> one)
    {
        if (ids is not { Count: > 0 })
            return query;
        var distinct = ids.Distinct().ToList();
        return query.Where(distinct.Count == 1 ? one(distinct[0]) : any(distinct));
    }

    /// <summary>The directory order, always ending with the id so that paging is stable.</summary>
    internal IOrderedQueryable<Counterparty> Sorted(IQueryable<Counterparty> query, CounterpartySort sort) => sort switch
    {
        // The name without its legal form: ИП «Альфа» between ООО «Авангард» and ООО «Бета».
        CounterpartySort.NameDescending => query.OrderByDescending(c => c.SortName).ThenByDescending(c => c.Id),
        CounterpartySort.CreatedAt => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        CounterpartySort.CreatedAtDescending => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        // Cards without an ИНН go last on both providers. PostgreSQL puts NULLs last in ascending order
        // by itself, which keeps its index usable; SQLite puts them first and needs the extra key, which
        // an index on that expression serves (IX_Counterparties_InnNullsLast, made by SQL in the migration).
        CounterpartySort.Inn when db.ProviderKind == "postgres" => query.OrderBy(c => c.Inn).ThenBy(c => c.Id),
        CounterpartySort.Inn => query.OrderBy(c => c.Inn == null).ThenBy(c => c.Inn).ThenBy(c => c.Id),
        _ => query.OrderBy(c => c.SortName).ThenBy(c => c.Id),
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
