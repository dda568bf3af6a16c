using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents.Files;
using Letopis.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>The document registry: visible documents, filtered, newest registration first, paged with the total.</summary>
public sealed class ListDocuments(LetopisDb db)
{
    public async Task<Result<PageOf<DocumentListItemDto>>> HandleAsync(AccessContext access, DocumentFilter filter, PageRequest page, CancellationToken ct)
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
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

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

        var rows =
            from d in query
            join ty in db.DocumentTypes on d.TypeId equals ty.Id
            orderby d.RegisteredOn descending, d.Id descending
            select new
            {
                d.Id,
                d.Number,
                d.RegisteredOn,
                d.TypeId,
                ty.Code,
                ty.Name,
                ty.Kind,
                ty.Gender,
                d.Title,
                d.CounterpartyId,
                CounterpartyName = db.Counterparties.Where(c => c.Id == d.CounterpartyId).Select(c => c.Name).FirstOrDefault(),
                d.ParentId,
                d.Status,
                d.AmountMinor,
                d.Currency,
                d.ResponsibleId,
                ResponsibleName = db.Users.Where(u => u.Id == d.ResponsibleId).Select(u => u.FullName).FirstOrDefault(),
                d.Version,
            };
        var result = await rows.ToPageAsync(page, ct);
        var items = result.Items.Select(r => new DocumentListItemDto(
            r.Id, r.Number, r.RegisteredOn, r.TypeId, r.Code, r.Name, ApiNames.Of(r.Kind), r.Title, r.CounterpartyId, r.CounterpartyName,
            r.ParentId, DocumentStatuses.ToApi(r.Status), Document.FromMinor(r.AmountMinor), r.Currency, r.ResponsibleId, r.ResponsibleName,
            r.Version)
        { TypeGender = ApiNames.Of(DocumentType.GenderOf(r.Gender, r.Kind)) }).ToList();
        return new PageOf<DocumentListItemDto>(items, result.Total, result.Page, result.PageSize);
    }
}
