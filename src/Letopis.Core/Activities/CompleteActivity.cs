using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>Records the result of an activity and, in the same transaction, plans its follow-up.</summary>
public sealed class CompleteActivity(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, NameBook nameBook,
    UserClock clock, ActivityStartDefaults starts, IActivityWording? wording = null)
{
    public async Task<Result<CompletedActivityDto>> HandleAsync(
        AccessContext access, Guid id, CompleteActivityRequest request, int? ifMatch, CancellationToken ct)
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
        // Completing twice would overwrite the first result: refuse and change nothing.
        if (activity.Status != ActivityStatus.Planned)
            return ActivityRules.NotPlanned(activity.Status);

        var errors = new List<(string, string)>();
        var result = ActivityRules.Text(request.Result, "result", TextLimits.Long, true, errors);
        var nextStep = ActivityRules.Text(request.NextStep, "nextStep", TextLimits.Long, false, errors);
        Activity? followUp = null;
        if (request.FollowUp is { } next)
        {
            // The follow-up concerns the same client unless it says otherwise.
            var withDefaults = next with
            {
                CounterpartyId = next.CounterpartyId ?? activity.CounterpartyId,
                ContactId = next.ContactId ?? (next.CounterpartyId is null ? activity.ContactId : null),
                AssigneeId = next.AssigneeId ?? activity.AssigneeId,
                LeadId = next.LeadId ?? activity.LeadId,
                DealId = next.DealId ?? activity.DealId,
            };
            // Without a start: the next working day at the contact's own time, on the follow-up assignee's clock.
            DateTime? defaultStart = null;
            if (next.PlannedAt is null)
            {
                var zone = await clock.ZoneOfAsync(withDefaults.AssigneeId!.Value, access.Stamp, ct);
                defaultStart = TimeZones.ToUtc(await starts.FollowUpAsync(zone, activity.PlannedAt, ct), zone);
            }
            followUp = await ActivityRules.BuildAsync(db, access, viewer, withDefaults, now, errors, ct, prefix: "followUp.", defaultStart: defaultStart);
        }
        if (errors.Count > 0)
            return ActivityRules.Validation(errors);

        var acting = viewer.ActingOn(activity.AssigneeId);
        db.RecordAs = acting;
        activity.Status = ActivityStatus.Done;
        activity.CompletedAt = now;
        activity.CompletedById = acting.UserId;
        activity.CompletedOnBehalfOfId = acting.OnBehalfOfId;
        activity.Result = result;
        activity.NextStep = nextStep;
        await ActivityReminders.CancelAsync(db, activity.Id, now, ct);
        // The next step belongs to the record of the contact, on its own line after the result.
        ActivityTimeline.Add(db, activity, now, acting, TimelineKinds.ActivityDone, nextStep is null ? result : result + "\n→ " + nextStep);
        if (followUp is not null)
        {
            followUp.FollowUpOfId = activity.Id;
            db.Activities.Add(followUp);
            await ActivityReminders.ArmAsync(db, followUp, now, wording, ct);
            ActivityTimeline.Add(db, followUp, now, acting, TimelineKinds.ActivityPlanned);
        }
        try
        {
            // One SaveChanges: the result, the follow-up, their reminders and timeline entries, or nothing.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        return new CompletedActivityDto(
            (await ActivityProjection.LoadAsync(db, names, id, now, ct))!,
            followUp is null ? null : await ActivityProjection.LoadAsync(db, names, followUp.Id, now, ct));
    }
}
