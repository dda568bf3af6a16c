using Letopis.Core.Access;
using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>An activity as the card's summary names it: what, when, about what, and the result of a done one.</summary>
public sealed record SummaryActivityDto(Guid Id, ActivityKind Kind, string Subject, DateTime At, string? Result);

/// <summary>Where things stand with a counterparty: the next planned activity and the last contact made.</summary>
public sealed record CounterpartySummaryDto(SummaryActivityDto? Next, SummaryActivityDto? LastContact);

/// <summary>
/// The two activities the card's summary shows, among those the reader may see: the next planned
/// one (the earliest still planned, overdue ones first) and the last completed contact (a call,
/// meeting, letter… — a task is no contact). Each is one top-1 read on the card's
/// (counterparty, planned at) index.
/// </summary>
public sealed class ReadCounterpartySummary(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company)
{
    public async Task<Result<CounterpartySummaryDto>> HandleAsync(AccessContext access, Guid counterpartyId, CancellationToken ct)
    {
        if (!await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).AnyAsync(c => c.Id == counterpartyId, ct))
            return Error.NotFound();
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var activities = viewer.Visible(db.Activities.AsNoTracking()).Where(a => a.CounterpartyId == counterpartyId);
        var next = await activities
            .Where(a => a.Status == ActivityStatus.Planned)
            .OrderBy(a => a.PlannedAt).ThenBy(a => a.Id)
            .Select(a => new SummaryActivityDto(a.Id, a.Kind, a.Subject, a.PlannedAt, null))
            .FirstOrDefaultAsync(ct);
        var last = await activities
            .Where(a => a.Status == ActivityStatus.Done && a.Kind != ActivityKind.Task)
            .OrderByDescending(a => a.CompletedAt ?? a.PlannedAt).ThenByDescending(a => a.Id)
            .Select(a => new SummaryActivityDto(a.Id, a.Kind, a.Subject, a.CompletedAt ?? a.PlannedAt, a.Result))
            .FirstOrDefaultAsync(ct);
        return new CounterpartySummaryDto(next, last);
    }
}
