using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;

namespace Letopis.Core.Activities;

/// <summary>Plans an activity for the caller or, with authority over them, for a colleague; by default at the next working hour.</summary>
public sealed class PlanActivity(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, NameBook nameBook,
    UserClock clock, ActivityStartDefaults starts, IActivityWording? wording = null)
{
    public async Task<Result<ActivityDto>> HandleAsync(AccessContext access, PlanActivityRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var errors = new List<(string, string)>();
        // Without a start: the next working hour of whoever does it, on their clock.
        DateTime? defaultStart = null;
        if (request.PlannedAt is null)
        {
            var zone = await clock.ZoneOfAsync(request.AssigneeId ?? access.UserId, access.Stamp, ct);
            defaultStart = TimeZones.ToUtc(await starts.NextAsync(zone, ct), zone);
        }
        var activity = await ActivityRules.BuildAsync(db, access, viewer, request, now, errors, ct, defaultStart: defaultStart);
        if (activity is null)
            return ActivityRules.Validation(errors);

        var acting = viewer.ActingOn(activity.AssigneeId);
        db.RecordAs = acting;
        db.Activities.Add(activity);
        await ActivityReminders.ArmAsync(db, activity, now, wording, ct);
        ActivityTimeline.Add(db, activity, now, acting, TimelineKinds.ActivityPlanned);
        await db.SaveChangesAsync(ct);
        return (await ActivityProjection.LoadAsync(db, await nameBook.GetAsync(db, access.Stamp, ct), activity.Id, now, ct))!;
    }
}
