using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>Cancels a planned activity; its reminders are cancelled with it.</summary>
public sealed class CancelActivity(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, NameBook nameBook)
{
    public async Task<Result<ActivityDto>> HandleAsync(
        AccessContext access, Guid id, CancelActivityRequest request, int? ifMatch, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var activity = await viewer.Visible(db.Activities).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (activity is null)
            return Error.NotFound();
        if (!viewer.MayChange(activity))
            return Error.Forbidden();
        if (VersionCheck.Fails(activity.Version, request.Version, ifMatch) is { } stale)
            return stale;
        if (activity.Status != ActivityStatus.Planned)
            return ActivityRules.NotPlanned(activity.Status);
        var errors = new List<(string, string)>();
        var reason = ActivityRules.Text(request.Reason, "reason", TextLimits.Long, false, errors);
        if (errors.Count > 0)
            return ActivityRules.Validation(errors);

        var acting = viewer.ActingOn(activity.AssigneeId);
        db.RecordAs = acting;
        activity.Status = ActivityStatus.Cancelled;
        activity.CancelledAt = now;
        activity.CancelledById = acting.UserId;
        activity.CancelledOnBehalfOfId = acting.OnBehalfOfId;
        if (reason is not null)
            activity.Result = reason;
        await ActivityReminders.CancelAsync(db, activity.Id, now, ct);
        ActivityTimeline.Add(db, activity, now, acting, TimelineKinds.ActivityCancelled, reason);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return (await ActivityProjection.LoadAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), id, now, ct))!;
    }
}
