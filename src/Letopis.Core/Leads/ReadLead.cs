using Letopis.Core.Access;
using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Leads;

/// <summary>Reads a lead's card and its timeline; a lead the caller may not see does not exist for them.</summary>
public sealed class ReadLead(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company)
{
    public async Task<Result<LeadDto>> HandleAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var lead = await db.Leads.AsNoTracking().VisibleTo(access, Lead.EntityKind).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
            return Error.NotFound();
        return await LeadProjection.ShapeAsync(db, access, lead, ct);
    }

    /// <summary>Whether the caller may see the lead.</summary>
    public Task<bool> VisibleAsync(AccessContext access, Guid id, CancellationToken ct) =>
        db.Leads.VisibleTo(access, Lead.EntityKind).AnyAsync(l => l.Id == id, ct);

    /// <summary>
    /// A page of the lead's timeline, newest first. Entries about activities are shown only to those
    /// who may open the activity, as on a counterparty's timeline.
    /// </summary>
    public async Task<Result<PageOf<TimelineItemDto>>> TimelineAsync(AccessContext access, Guid id, PageRequest page, CancellationToken ct)
    {
        if (!await VisibleAsync(access, id, ct))
            return Error.NotFound();
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var activities = viewer.Visible(db.Activities);
        var query = db.TimelineEvents.AsNoTracking()
            .Where(t => t.LeadId == id)
            .Where(t => t.EntityKind != Activity.EntityKind || activities.Any(a => a.Id == t.EntityId));
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(t => t.At).ThenByDescending(t => t.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(t => new TimelineItemDto(t.Id, t.At, t.Kind, t.Text,
                t.UserId, db.Users.Where(u => u.Id == t.UserId).Select(u => u.FullName).FirstOrDefault(),
                t.OnBehalfOfId, db.Users.Where(u => u.Id == t.OnBehalfOfId).Select(u => u.FullName).FirstOrDefault(),
                t.EntityKind, t.EntityId))
            .ToListAsync(ct);
        return new PageOf<TimelineItemDto>(items, total, page.Page, page.PageSize);
    }
}
