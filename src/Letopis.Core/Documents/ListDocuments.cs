using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents.Files;
using Letopis.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>
/// The document registry: visible documents, filtered, newest registration date first and, within a
/// date, by number in natural order (a contract before its appendices, П-2 before П-10), paged with
/// the total. Grouped, a page holds contracts (tree roots) with their filtered documents under them.
/// </summary>
public sealed class ListDocuments(LetopisDb db, TimeProvider time, CompanyTimeZone company)
{
    /// <summary>The longest «expiring within» window, in days.</summary>
    public const int MaxExpiringDays = 366;

    public async Task<Result<PageOf<DocumentListItemDto>>> HandleAsync(AccessContext access, DocumentFilter filter, PageRequest page, CancellationToken ct)
    {
        var filtered = await FilteredAsync(access, filter, ct);
        if (!filtered.IsSuccess)
            return filtered.Error!;
        if (filter.Grouped)
            return await GroupedAsync(access, filtered.Value, page, ct);

        var result = await Rows(Sorted(filtered.Value)).ToPageAsync(page, ct);
        return new PageOf<DocumentListItemDto>(result.Items.Select(r => ToDto(r, 0)).ToList(), result.Total, result.Page, result.PageSize);
    }

    /// <summary>The visible documents that pass the filter, unordered: the list and the export share it.</summary>
    internal async Task<Result<IQueryable<Document>>> FilteredAsync(AccessContext access, DocumentFilter filter, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var query = db.VisibleDocuments(access).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.TypeCode))
        {
            var codes = filter.TypeCode.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var typeIds = await db.DocumentTypes.Where(t => codes.Contains(t.Code)).Select(t => t.Id).ToListAsync(ct);
            if (typeIds.Count != codes.Distinct().Count())
                errors.Add(("typeCode", FieldErrors.NotFound));
            query = typeIds.Count == 1 ? query.Where(d => d.TypeId == typeIds[0]) : query.Where(d => typeIds.Contains(d.TypeId));
        }
        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            var statuses = filter.Status.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(DocumentStatuses.Parse).ToList();
            if (statuses.Any(s => s is null))
                errors.Add(("status", FieldErrors.Invalid));
            var wanted = statuses.OfType<DocumentStatus>().ToList();
            query = wanted.Count == 1 ? query.Where(d => d.Status == wanted[0]) : query.Where(d => wanted.Contains(d.Status));
        }
        if (filter.From is { } from && filter.To is { } to && to < from)
            errors.Add(("to", FieldErrors.EndBeforeStart));
        if (filter.ExpiringWithinDays is < 0 or > MaxExpiringDays)
            errors.Add(("expiringWithinDays", FieldErrors.Invalid));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        // The documents of a hidden deal are as hidden as the deal.
        if (filter.DealId is { } dealId)
        {
            if (!await db.Deals.VisibleTo(access, Deals.Deal.EntityKind).AnyAsync(d => d.Id == dealId, ct))
                return Error.NotFound();
            query = query.Where(d => d.DealId == dealId);
        }

        if (filter.CounterpartyId is { } counterpartyId)
            query = query.Where(d => d.CounterpartyId == counterpartyId);
        if (filter.ResponsibleId is { } responsibleId)
            query = query.Where(d => d.ResponsibleId == responsibleId);
        if (filter.ParentId is { } parentId)
            query = query.Where(d => d.ParentId == parentId);
        if (filter.From is { } f)
            query = query.Where(d => d.RegisteredOn >= f);
        if (filter.To is { } t)
            query = query.Where(d => d.RegisteredOn <= t);
        if (filter.ExpiringWithinDays is { } days)
        {
            // Days of the company: a contract ending «today» in Moscow still ends today at 01:00 UTC.
            var today = company.Today(time);
            var last = today.AddDays(days);
            query = query.Where(d => d.ValidTo != null && d.ValidTo >= today && d.ValidTo <= last);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim();
            // The card's own index rows and the rows of its files' text (kept under the document's id),
            // both from the index the global search reads; the registry's access filter applies to the documents.
            var matching = SearchIndex.MatchingIds(db, Document.EntityKind, text);
            var inFiles = SearchIndex.MatchingIds(db, DocumentTextSearchSource.TextKind, text);
            // A registration number typed whole finds its document even when it holds nothing searchable («1»).
            query = matching is null || inFiles is null
                ? query.Where(d => d.Number == text)
                : query.Where(d => matching.Contains(d.Id) || inFiles.Contains(d.Id) || d.Number == text);
        }
        return Result<IQueryable<Document>>.Ok(query);
    }

    /// <summary>
    /// The registry order, one index range (<c>RegisteredOn DESC, NumberSortKey, Id</c>): the number's
    /// zero-padded digit runs make string order natural, and the id keeps pages from overlapping.
    /// </summary>
    internal static IOrderedQueryable<Document> Sorted(IQueryable<Document> query) =>
        query.OrderByDescending(d => d.RegisteredOn).ThenBy(d => d.NumberSortKey).ThenBy(d => d.Id);

    /// <summary>
    /// A page of groups: each tree root that holds a filtered document (itself or one under it),
    /// in registry order, followed by its filtered documents, depth first. A filtered document whose
    /// root the caller cannot see is a group of its own, so every filtered row appears exactly once.
    /// </summary>
    private async Task<PageOf<DocumentListItemDto>> GroupedAsync(AccessContext access, IQueryable<Document> filtered, PageRequest page, CancellationToken ct)
    {
        var visibleRoots = db.VisibleDocuments(access);
        var heads = db.VisibleDocuments(access).AsNoTracking().Where(h =>
            (h.ParentId == null && filtered.Any(d => d.RootId == h.Id))
            || (h.ParentId != null && filtered.Any(d => d.Id == h.Id) && !visibleRoots.Any(r => r.Id == h.RootId)));
        var groups = await Rows(Sorted(heads)).ToPageAsync(page, ct);
        var rootIds = groups.Items.Where(g => g.ParentId is null).Select(g => g.Id).ToList();
        var members = rootIds.Count == 0
            ? []
            : await Rows(filtered.Where(d => rootIds.Contains(d.RootId) && d.Id != d.RootId)
                .OrderBy(d => d.RegisteredOn).ThenBy(d => d.NumberSortKey).ThenBy(d => d.Id)).ToListAsync(ct);

        var items = new List<DocumentListItemDto>();
        foreach (var head in groups.Items)
        {
            items.Add(ToDto(head, 0));
            if (head.ParentId is not null)
                continue;
            // Under the nearest shown ancestor: an act under an appendix filtered out hangs from the contract.
            var tree = members.Where(m => m.RootId == head.Id).ToList();
            var shown = tree.Select(m => m.Id).ToHashSet();
            var children = tree.ToLookup(m => m.ParentId is { } p && shown.Contains(p) ? p : head.Id);
            void Add(Guid parent, int depth)
            {
                foreach (var child in children[parent])
                {
                    items.Add(ToDto(child, depth));
                    Add(child.Id, depth + 1);
                }
            }
            Add(head.Id, 1);
        }
        return new PageOf<DocumentListItemDto>(items, groups.Total, groups.Page, groups.PageSize);
    }

    private IQueryable<Row> Rows(IQueryable<Document> ordered) =>
        from d in ordered
        join ty in db.DocumentTypes on d.TypeId equals ty.Id
        select new Row
        {
            Id = d.Id,
            Number = d.Number,
            RegisteredOn = d.RegisteredOn,
            TypeId = d.TypeId,
            TypeCode = ty.Code,
            TypeName = ty.Name,
            Kind = ty.Kind,
            Gender = ty.Gender,
            Title = d.Title,
            CounterpartyId = d.CounterpartyId,
            CounterpartyName = db.Counterparties.Where(c => c.Id == d.CounterpartyId).Select(c => c.Name).FirstOrDefault(),
            OurCompanyId = d.OurCompanyId,
            OurCompanyName = db.OurCompanies.Where(c => c.Id == d.OurCompanyId).Select(c => c.Name).FirstOrDefault(),
            ParentId = d.ParentId,
            DealId = d.DealId,
            RootId = d.RootId,
            Status = d.Status,
            AmountMinor = d.AmountMinor,
            Currency = d.Currency,
            ValidFrom = d.ValidFrom,
            ValidTo = d.ValidTo,
            ResponsibleId = d.ResponsibleId,
            ResponsibleName = db.Users.Where(u => u.Id == d.ResponsibleId).Select(u => u.FullName).FirstOrDefault(),
            Version = d.Version,
        };

    private static DocumentListItemDto ToDto(Row r, int depth) => new(
        r.Id, r.Number, r.RegisteredOn, r.TypeId, r.TypeCode, r.TypeName, ApiNames.Of(r.Kind), r.Title, r.CounterpartyId, r.CounterpartyName,
        r.ParentId, DocumentStatuses.ToApi(r.Status), Document.FromMinor(r.AmountMinor), r.Currency, r.ResponsibleId, r.ResponsibleName,
        r.Version)
    {
        ValidFrom = r.ValidFrom,
        ValidTo = r.ValidTo,
        OurCompanyId = r.OurCompanyId,
        OurCompanyName = r.OurCompanyName,
        Depth = depth,
        TypeGender = ApiNames.Of(DocumentType.GenderOf(r.Gender, r.Kind)),
        DealId = r.DealId,
    };

    // A named type, not an anonymous one: the flat and the grouped pages share the projection.
    private sealed class Row
    {
        public Guid Id { get; init; }
        public string? Number { get; init; }
        public DateOnly RegisteredOn { get; init; }
        public Guid TypeId { get; init; }
        public string TypeCode { get; init; } = "";
        public string TypeName { get; init; } = "";
        public DocumentKind Kind { get; init; }
        public GrammaticalGender? Gender { get; init; }
        public string Title { get; init; } = "";
        public Guid? CounterpartyId { get; init; }
        public string? CounterpartyName { get; init; }
        public Guid? OurCompanyId { get; init; }
        public string? OurCompanyName { get; init; }
        public Guid? ParentId { get; init; }
        public Guid? DealId { get; init; }
        public Guid RootId { get; init; }
        public DocumentStatus Status { get; init; }
        public long? AmountMinor { get; init; }
        public string Currency { get; init; } = "RUB";
        public DateOnly? ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public Guid? ResponsibleId { get; init; }
        public string? ResponsibleName { get; init; }
        public int Version { get; init; }
    }
}
