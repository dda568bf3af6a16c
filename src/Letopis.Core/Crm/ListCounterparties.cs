using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>Directory filters; every one is optional and they combine with AND.</summary>
public sealed record CounterpartyFilter(
    string? Q,
    Guid? RegionId,
    Guid? CategoryId,
    Guid? GroupId,
    Guid? ActivityTypeId,
    Guid? AdSourceId,
    Guid? ResponsibleId,
    CounterpartyKind? Kind);

/// <summary>The counterparty directory and card, limited to what the caller may see.</summary>
public sealed class ListCounterparties(LetopisDb db)
{
    public async Task<PageOf<CounterpartyDto>> HandleAsync(AccessContext access, CounterpartyFilter filter, PageRequest page, CancellationToken ct)
    {
        var query = db.Counterparties.AsNoTracking().VisibleTo(access, Counterparty.EntityKind);
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
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            // Names in any grammatical form, ИНН and phone fragments, e-mail: all through the search index.
            var matches = Search.SearchIndex.MatchingIds(db, Counterparty.EntityKind, filter.Q);
            var upper = filter.Q.Trim().ToUpperInvariant();
            query = matches is not null
                ? query.Where(c => matches.Contains(c.Id))
                : query.Where(c => c.NameNormalized.Contains(upper));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(c => c.NameNormalized).ThenBy(c => c.Id)
            .Skip(page.Skip).Take(page.PageSize)
            .Project(db)
            .ToListAsync(ct);
        return new PageOf<CounterpartyDto>(items.Select(i => i.Finish()).ToList(), total, page.Page, page.PageSize);
    }

    /// <summary>The card, or not found when it does not exist or is hidden from the caller.</summary>
    public async Task<Result<CounterpartyDto>> GetAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var dto = await db.Counterparties.AsNoTracking().VisibleTo(access, Counterparty.EntityKind)
            .Where(c => c.Id == id).Project(db).SingleOrDefaultAsync(ct);
        return dto is null ? Error.NotFound() : dto.Finish();
    }
}
