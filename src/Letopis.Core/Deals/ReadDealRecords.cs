using Letopis.Core.Access;
using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Deals;

/// <summary>A document of a deal, with how many files it holds.</summary>
/// <param name="Status">The document's status (API name: <c>draft</c>, <c>signed</c>…).</param>
public sealed record DealDocumentDto(
    Guid Id, string? Number, DateOnly RegisteredOn, string TypeCode, string TypeName, string Title, string Status,
    decimal? Amount, string Currency, int FilesCount);

/// <summary>
/// What the deal card shows besides its fields: its timeline, its history of changes and its
/// activities. Each needs the deal to be visible, and shows only the documents and activities
/// the caller may open.
/// </summary>
public sealed class ReadDealRecords(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, NameBook nameBook, GetHistory history)
{
    /// <summary>The deal's timeline, newest first.</summary>
    public async Task<Result<PageOf<TimelineItemDto>>> TimelineAsync(AccessContext access, Guid dealId, PageRequest page, CancellationToken ct)
    {
        if (!await VisibleAsync(access, dealId, ct))
            return Error.NotFound();
        var documents = db.VisibleDocuments(access);
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var activities = viewer.Visible(db.Activities);
        var query = db.TimelineEvents.AsNoTracking()
            .Where(t => t.DealId == dealId)
            .Where(t => t.EntityKind != Document.EntityKind || documents.Any(d => d.Id == t.EntityId))
            .Where(t => t.EntityKind != Activity.EntityKind || activities.Any(a => a.Id == t.EntityId));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(t => t.At).ThenByDescending(t => t.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        var items = rows.Select(t => new TimelineItemDto(t.Id, t.At, t.Kind, t.Text, t.UserId, names.User(t.UserId),
            t.OnBehalfOfId, names.User(t.OnBehalfOfId), t.EntityKind, t.EntityId)).ToList();
        return new PageOf<TimelineItemDto>(items, total, page.Page, page.PageSize);
    }

    /// <summary>The deal's field changes, newest first.</summary>
    public async Task<Result<PageOf<ChangeDto>>> HistoryAsync(AccessContext access, Guid dealId, PageRequest page, CancellationToken ct)
    {
        if (!await VisibleAsync(access, dealId, ct))
            return Error.NotFound();
        return await history.HandleAsync(Deal.EntityKind, dealId, page, ct);
    }

    /// <summary>The deal's activities the caller may see, newest first.</summary>
    public async Task<Result<PageOf<ActivityDto>>> ActivitiesAsync(AccessContext access, Guid dealId, PageRequest page, CancellationToken ct)
    {
        if (!await VisibleAsync(access, dealId, ct))
            return Error.NotFound();
        var now = time.GetUtcNow().UtcDateTime;
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var result = await viewer.Visible(db.Activities.AsNoTracking()).Where(a => a.DealId == dealId)
            .OrderByDescending(a => a.PlannedAt).ThenByDescending(a => a.Id)
            .Project(db).ToPageAsync(page, ct);
        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        return result with { Items = result.Items.Select(i => i.Finish(now, names)).ToList() };
    }

    /// <summary>
    /// The deal's documents the caller may open, newest registration first, each with how many files it
    /// holds: the files of a deal are the files of its documents.
    /// </summary>
    public async Task<Result<PageOf<DealDocumentDto>>> DocumentsAsync(AccessContext access, Guid dealId, PageRequest page, CancellationToken ct)
    {
        if (!await VisibleAsync(access, dealId, ct))
            return Error.NotFound();
        var query = db.VisibleDocuments(access).AsNoTracking().Where(d => d.DealId == dealId);
        var total = await query.CountAsync(ct);
        var rows = await (
            from d in query.OrderByDescending(d => d.RegisteredOn).ThenByDescending(d => d.Id).Skip(page.Skip).Take(page.PageSize)
            join t in db.DocumentTypes on d.TypeId equals t.Id
            select new
            {
                d.Id,
                d.Number,
                d.RegisteredOn,
                t.Code,
                TypeName = t.Name,
                d.Title,
                d.Status,
                d.AmountMinor,
                d.Currency,
                Files = db.DocumentFiles.Count(f => f.DocumentId == d.Id && !f.Deleted),
            }).ToListAsync(ct);
        var items = rows
            .OrderByDescending(r => r.RegisteredOn).ThenByDescending(r => r.Id)
            .Select(r => new DealDocumentDto(r.Id, r.Number, r.RegisteredOn, r.Code, r.TypeName, r.Title,
                DocumentStatuses.ToApi(r.Status), Document.FromMinor(r.AmountMinor), r.Currency, r.Files)).ToList();
        return new PageOf<DealDocumentDto>(items, total, page.Page, page.PageSize);
    }

    private Task<bool> VisibleAsync(AccessContext access, Guid dealId, CancellationToken ct) =>
        db.Deals.VisibleTo(access, Deal.EntityKind).AnyAsync(d => d.Id == dealId, ct);
}
