using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>
/// A page of visible activities: a date range for the calendar (days of the caller's time zone, the
/// days their calendar grid shows), a counterparty's for its card.
/// </summary>
public sealed class ListActivities(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, NameBook nameBook, UserClock clock)
{
    public async Task<Result<PageOf<ActivityDto>>> HandleAsync(AccessContext access, ActivityListQuery query, PageRequest page, CancellationToken ct)
    {
        if (query.From is { } f && query.To is { } t && t < f)
            return Error.Validation(("to", FieldErrors.EndBeforeStart));
        var now = time.GetUtcNow().UtcDateTime;
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var activities = viewer.Visible(db.Activities.AsNoTracking());
        if (query.UserId is { } userId)
            activities = activities.Where(a => a.AssigneeId == userId);
        if (query.CounterpartyId is { } counterpartyId)
            activities = activities.Where(a => a.CounterpartyId == counterpartyId);
        if (query.LeadId is { } leadId)
            activities = activities.Where(a => a.LeadId == leadId);
        if (query.DealId is { } dealId)
            activities = activities.Where(a => a.DealId == dealId);
        if (query.Status is { } status)
            activities = activities.Where(a => a.Status == status);
        var zone = query.From is not null || query.To is not null ? await clock.ViewerZoneAsync(access, ct) : clock.Company;
        if (query.From is { } from)
        {
            var start = ActivityDays.StartUtc(from, zone);
            activities = activities.Where(a => a.PlannedAt >= start);
        }
        if (query.To is { } to)
        {
            var end = ActivityDays.StartUtc(to.AddDays(1), zone);
            activities = activities.Where(a => a.PlannedAt < end);
        }
        // A calendar reads forwards; a card's history reads newest first.
        var ordered = query.From is not null || query.To is not null
            ? activities.OrderBy(a => a.PlannedAt).ThenBy(a => a.Id)
            : activities.OrderByDescending(a => a.PlannedAt).ThenByDescending(a => a.Id);
        var result = await ordered.Project(db).ToPageAsync(page, ct);
        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        return result with { Items = result.Items.Select(i => i.Finish(now, names)).ToList() };
    }
}
