using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>
/// Edits or moves a planned activity (JSON merge patch with a version check). A done activity only
/// takes corrections of its result and next step; a cancelled one takes nothing.
/// </summary>
public sealed class UpdateActivity(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, NameBook nameBook, IActivityWording? wording = null)
{
    public async Task<Result<ActivityDto>> HandleAsync(
        AccessContext access, Guid id, ActivityFields fields, int? version, int? ifMatch, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var activity = await viewer.Visible(db.Activities).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (activity is null)
            return Error.NotFound();
        if (!viewer.MayChange(activity))
            return Error.Forbidden();
        if (VersionCheck.Fails(activity.Version, version, ifMatch) is { } stale)
            return stale;
        var touchesPlan = fields.Kind.HasValue || fields.Subject.HasValue || fields.Description.HasValue || fields.PlannedAt.HasValue
            || fields.DurationMinutes.HasValue || fields.EndsAt.HasValue || fields.Place.HasValue || fields.AssigneeId.HasValue
            || fields.CounterpartyId.HasValue || fields.ContactId.HasValue || fields.RemindBeforeMinutes.HasValue
            || fields.LeadId.HasValue || fields.DealId.HasValue;
        var touchesResult = fields.Result.HasValue || fields.NextStep.HasValue;
        if (activity.Status == ActivityStatus.Cancelled && (touchesPlan || touchesResult)
            || activity.Status == ActivityStatus.Done && touchesPlan)
            return ActivityRules.NotPlanned(activity.Status);

        var errors = new List<(string, string)>();
        if (activity.Status == ActivityStatus.Planned && touchesResult)
        {
            if (fields.Result.HasValue)
                errors.Add(("result", ActivityErrors.NotPlanned));
            if (fields.NextStep.HasValue)
                errors.Add(("nextStep", ActivityErrors.NotPlanned));
        }

        var kind = activity.Kind;
        if (fields.Kind.HasValue)
        {
            if (fields.Kind.Value is null)
                errors.Add(("kind", FieldErrors.Required));
            else if (ActivityRules.ParseKind(fields.Kind.Value) is { } k)
                kind = k;
            else
                errors.Add(("kind", FieldErrors.Invalid));
        }
        var subject = fields.Subject.HasValue ? ActivityRules.Text(fields.Subject.Value, "subject", TextLimits.Name, true, errors) : activity.Subject;
        var description = fields.Description.HasValue ? ActivityRules.Text(fields.Description.Value, "description", TextLimits.Long, false, errors) : activity.Description;
        var place = fields.Place.HasValue ? ActivityRules.Text(fields.Place.Value, "place", TextLimits.Name, false, errors) : activity.Place;
        var plannedAt = activity.PlannedAt;
        if (fields.PlannedAt.HasValue)
        {
            if (fields.PlannedAt.Value is not { } p)
                errors.Add(("plannedAt", FieldErrors.Required));
            else if (p.UtcDateTime != activity.PlannedAt && p.UtcDateTime < now - ActivityRules.PastGrace)
                errors.Add(("plannedAt", ActivityErrors.InPast));
            else
                plannedAt = p.UtcDateTime;
        }
        var duration = fields.EndsAt.HasValue || fields.DurationMinutes.HasValue
            ? ActivityRules.Duration(fields.DurationMinutes.Or(null), fields.EndsAt.Or(null), plannedAt, kind, errors)
            : activity.DurationMinutes;
        if (duration is null && kind == ActivityKind.Meeting && !errors.Any(e => e.Item1 is "durationMinutes" or "endsAt"))
            duration = Activity.DefaultMeetingMinutes;
        var remind = fields.RemindBeforeMinutes.Or(activity.RemindBeforeMinutes);
        if (fields.RemindBeforeMinutes is { HasValue: true, Value: { } r } && r is < 0 or > ActivityRules.MaxRemindBeforeMinutes)
            errors.Add(("remindBeforeMinutes", ActivityErrors.OutOfRange));

        var assigneeId = activity.AssigneeId;
        if (fields.AssigneeId.HasValue)
        {
            if (fields.AssigneeId.Value is not { } a)
                errors.Add(("assigneeId", FieldErrors.Required));
            else
            {
                assigneeId = a;
                if (a != activity.AssigneeId)
                    await ActivityRules.CheckAssigneeAsync(db, viewer, a, errors, null, ct);
            }
        }
        var counterpartyId = fields.CounterpartyId.Or(activity.CounterpartyId);
        // A new counterparty drops the old one's contact person unless a contact comes with it.
        var contactId = fields.ContactId.HasValue ? fields.ContactId.Value
            : fields.CounterpartyId.HasValue && counterpartyId != activity.CounterpartyId ? null : activity.ContactId;
        if (fields.CounterpartyId.HasValue || fields.ContactId.HasValue)
            await ActivityRules.CheckCounterpartyAsync(db, access, counterpartyId, contactId, errors, null, ct);
        var leadId = fields.LeadId.Or(activity.LeadId);
        var dealId = fields.DealId.Or(activity.DealId);
        await ActivityRules.CheckLeadAndDealAsync(db, access, leadId != activity.LeadId ? leadId : null,
            dealId != activity.DealId ? dealId : null, errors, null, ct);
        if (errors.Count > 0)
            return ActivityRules.Validation(errors);

        var acting = viewer.ActingOn(activity.AssigneeId);
        db.RecordAs = acting;
        var moved = plannedAt != activity.PlannedAt;
        activity.Kind = kind;
        activity.Subject = subject!;
        activity.Description = description;
        activity.Place = place;
        activity.PlannedAt = plannedAt;
        activity.DurationMinutes = duration;
        activity.RemindBeforeMinutes = remind;
        activity.AssigneeId = assigneeId;
        activity.CounterpartyId = counterpartyId;
        activity.ContactId = contactId;
        activity.LeadId = leadId;
        activity.DealId = dealId;
        if (fields.Result.HasValue)
            activity.Result = ActivityRules.Text(fields.Result.Value, "result", TextLimits.Long, true, errors);
        if (fields.NextStep.HasValue)
            activity.NextStep = ActivityRules.Text(fields.NextStep.Value, "nextStep", TextLimits.Long, false, errors);
        if (errors.Count > 0)
            return ActivityRules.Validation(errors);

        var entry = db.Entry(activity);
        entry.DetectChanges();
        string[] reminding = [nameof(Activity.Kind), nameof(Activity.Subject), nameof(Activity.PlannedAt), nameof(Activity.DurationMinutes),
            nameof(Activity.RemindBeforeMinutes), nameof(Activity.AssigneeId), nameof(Activity.CounterpartyId), nameof(Activity.ContactId),
            nameof(Activity.Description), nameof(Activity.Place)];
        if (activity.Status == ActivityStatus.Planned && reminding.Any(p => entry.Property(p).IsModified))
        {
            // Moving re-arms: the old reminders go, new ones follow the new time, person and wording.
            await ActivityReminders.CancelAsync(db, activity.Id, now, ct);
            await ActivityReminders.ArmAsync(db, activity, now, wording, ct);
        }
        if (moved)
            ActivityTimeline.Add(db, activity, now, acting, TimelineKinds.ActivityMoved);
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
