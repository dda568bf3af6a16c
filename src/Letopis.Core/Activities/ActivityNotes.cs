using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>The chronicle notes of an activity; each also lands on its counterparty's timeline.</summary>
public sealed class ActivityNotes(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company)
{
    public async Task<Result<PageOf<ActivityNoteDto>>> ListAsync(AccessContext access, Guid activityId, PageRequest page, CancellationToken ct)
    {
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        if (!await viewer.Visible(db.Activities).AnyAsync(a => a.Id == activityId, ct))
            return Error.NotFound();
        var query = db.ActivityNotes.AsNoTracking().Where(n => n.ActivityId == activityId);
        var total = await query.CountAsync(ct);
        var items = await Project(query.OrderByDescending(n => n.At).ThenByDescending(n => n.Id).Skip(page.Skip).Take(page.PageSize)).ToListAsync(ct);
        return new PageOf<ActivityNoteDto>(items, total, page.Page, page.PageSize);
    }

    /// <summary>
    /// A dated note on where things stand. Anyone who sees the activity may add one, like the
    /// counterparty's chronicle: it is the team's memory of the client.
    /// </summary>
    public async Task<Result<ActivityNoteDto>> AddAsync(AccessContext access, Guid activityId, string? text, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var activity = await viewer.Visible(db.Activities.AsNoTracking()).SingleOrDefaultAsync(a => a.Id == activityId, ct);
        if (activity is null)
            return Error.NotFound();
        var errors = new List<(string, string)>();
        var note = ActivityRules.Text(text, "text", TextLimits.Long, true, errors);
        if (errors.Count > 0)
            return ActivityRules.Validation(errors);

        var acting = viewer.ActingOn(activity.AssigneeId);
        var entry = new ActivityNote { ActivityId = activityId, At = now, Text = note!, UserId = acting.UserId, OnBehalfOfId = acting.OnBehalfOfId };
        db.ActivityNotes.Add(entry);
        ActivityTimeline.Add(db, activity, now, acting, TimelineKinds.ActivityNote, note);
        await db.SaveChangesAsync(ct);
        return await Project(db.ActivityNotes.AsNoTracking().Where(n => n.Id == entry.Id)).SingleAsync(ct);
    }

    private IQueryable<ActivityNoteDto> Project(IQueryable<ActivityNote> notes) =>
        notes.Select(n => new ActivityNoteDto(n.Id, n.ActivityId, n.At, n.Text,
            n.UserId, db.Users.Where(u => u.Id == n.UserId).Select(u => u.FullName).FirstOrDefault(),
            n.OnBehalfOfId, db.Users.Where(u => u.Id == n.OnBehalfOfId).Select(u => u.FullName).FirstOrDefault()));
}
