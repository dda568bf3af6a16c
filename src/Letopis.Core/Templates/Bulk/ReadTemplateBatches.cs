using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Templates.Bulk;

/// <summary>
/// Batches as their creator sees them: the list of their own, one batch with its progress, and its
/// items. A batch belongs to whoever started it; administrators see every batch, anyone else gets
/// not found, exactly as for a batch that does not exist.
/// </summary>
public sealed class ReadTemplateBatches(LetopisDb db)
{
    public async Task<PageOf<TemplateBatchDto>> ListAsync(AccessContext access, PageRequest page, CancellationToken ct)
    {
        var me = access.UserId;
        var query = db.TemplateBatches.AsNoTracking().Where(b => b.CreatedById == me);
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(b => new { Batch = b, Name = db.DocumentTemplates.Where(t => t.Id == b.TemplateId).Select(t => t.Name).FirstOrDefault() })
            .ToListAsync(ct);
        return new PageOf<TemplateBatchDto>(rows.Select(r => Dto(r.Batch, r.Name ?? "")).ToList(), total, page.Page, page.PageSize);
    }

    public async Task<Result<TemplateBatchDto>> GetAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var batch = await FindAsync(db, access, id, ct);
        if (batch is null)
            return Error.NotFound();
        var name = await db.DocumentTemplates.AsNoTracking().Where(t => t.Id == batch.TemplateId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        return Dto(batch, name ?? "");
    }

    /// <summary>A page of the batch's items in their order, optionally only those of one status.</summary>
    public async Task<Result<PageOf<TemplateBatchItemDto>>> ItemsAsync(
        AccessContext access, Guid id, TemplateBatchItemStatus? status, PageRequest page, CancellationToken ct)
    {
        if (await FindAsync(db, access, id, ct) is null)
            return Error.NotFound();
        var items = db.TemplateBatchItems.AsNoTracking().Where(i => i.BatchId == id);
        if (status is { } s)
            items = items.Where(i => i.Status == s);
        var total = await items.CountAsync(ct);
        // Names and numbers only of the records the reader may still see.
        var counterparties = db.Counterparties.AsNoTracking().VisibleTo(access, Counterparty.EntityKind);
        var documents = db.VisibleDocuments(access).AsNoTracking();
        var rows = await items
            .OrderBy(i => i.Order).ThenBy(i => i.Id)
            .Skip(page.Skip).Take(page.PageSize)
            .Select(i => new TemplateBatchItemDto(
                i.Id,
                i.Order,
                i.CounterpartyId,
                counterparties.Where(c => c.Id == i.CounterpartyId).Select(c => c.Name).FirstOrDefault(),
                i.Status,
                i.DocumentId,
                documents.Where(d => d.Id == i.DocumentId).Select(d => d.Number).FirstOrDefault(),
                i.FileName,
                i.BlobKey != null,
                i.Error,
                i.FinishedAt))
            .ToListAsync(ct);
        return new PageOf<TemplateBatchItemDto>(rows, total, page.Page, page.PageSize);
    }

    /// <summary>The generated file of an unregistered item: its blob key and name.</summary>
    public async Task<Result<(string BlobKey, string FileName)>> ItemFileAsync(AccessContext access, Guid id, Guid itemId, CancellationToken ct)
    {
        if (await FindAsync(db, access, id, ct) is null)
            return Error.NotFound();
        var item = await db.TemplateBatchItems.AsNoTracking()
            .Where(i => i.Id == itemId && i.BatchId == id && i.BlobKey != null)
            .Select(i => new { i.BlobKey, i.FileName })
            .SingleOrDefaultAsync(ct);
        return item is null ? Error.NotFound() : (item.BlobKey!, item.FileName ?? "file");
    }

    /// <summary>The batch when the caller started it or is an administrator.</summary>
    internal static Task<TemplateBatch?> FindAsync(LetopisDb db, AccessContext access, Guid id, CancellationToken ct)
    {
        var me = access.UserId;
        var query = db.TemplateBatches.AsNoTracking().Where(b => b.Id == id);
        if (!access.IsAdmin)
            query = query.Where(b => b.CreatedById == me);
        return query.SingleOrDefaultAsync(ct);
    }

    internal static TemplateBatchDto Dto(TemplateBatch b, string templateName) => new(
        b.Id, b.TemplateId, templateName, b.Output, b.Register, b.Filter, b.Status, b.Total, b.Succeeded, b.Failed,
        Progress(b), b.CreatedById, b.CreatedAt, b.StartedAt, b.FinishedAt, b.Version);

    private static int Progress(TemplateBatch b) =>
        b.Status == TemplateBatchStatus.Completed || b.Total == 0 ? 100 : (int)Math.Min(100, (long)(b.Succeeded + b.Failed) * 100 / b.Total);
}
