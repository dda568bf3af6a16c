using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals;

/// <summary>
/// «На согласовании»: the caller's pending tasks and those of the colleagues they stand in for
/// today, by deadline. One range of the (AssigneeId, Status, DueAt) index per person, counted by
/// the same index; only the page's rows are joined to their documents.
/// </summary>
public sealed class ListApprovalInbox(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company)
{
    public async Task<PageOf<ApprovalInboxItemDto>> HandleAsync(AccessContext access, PageRequest page, bool overdueOnly, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var people = await ApprovalAccess.AssigneesAsync(db, access, actor, company.Today(time), ct);
        var query = Pending(people, overdueOnly ? now : null);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(t => new { t.Id, t.RouteId, t.StageId, t.DocumentId, t.AssigneeId, t.ReceivedAt, t.DueAt, t.Version })
            .ToListAsync(ct);
        if (rows.Count == 0)
            return new PageOf<ApprovalInboxItemDto>([], total, page.Page, page.PageSize);

        var documentIds = rows.Select(r => r.DocumentId).Distinct().ToList();
        var documents = await db.Documents.AsNoTracking().Where(d => documentIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Title, d.Number, d.TypeId, d.CounterpartyId }).ToDictionaryAsync(d => d.Id, ct);
        var typeIds = documents.Values.Select(d => d.TypeId).Distinct().ToList();
        var types = await db.DocumentTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var counterpartyIds = documents.Values.Where(d => d.CounterpartyId != null).Select(d => d.CounterpartyId!.Value).Distinct().ToList();
        var counterparties = await db.Counterparties.AsNoTracking().Where(c => counterpartyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var stageIds = rows.Select(r => r.StageId).Distinct().ToList();
        var stages = await db.ApprovalRouteStages.AsNoTracking().Where(s => stageIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var routeIds = rows.Select(r => r.RouteId).Distinct().ToList();
        var authors = await db.ApprovalRoutes.AsNoTracking().Where(r => routeIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.StartedById, ct);
        var userIds = authors.Values.Concat(rows.Where(r => r.AssigneeId != null).Select(r => r.AssigneeId!.Value)).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        DocumentPersonDto Person(Guid id) => new(id, users.GetValueOrDefault(id, ""));

        var items = rows.Select(r =>
        {
            var d = documents[r.DocumentId];
            return new ApprovalInboxItemDto(
                r.Id, r.RouteId, r.DocumentId, d.Title, d.Number, types.GetValueOrDefault(d.TypeId, ""),
                d.CounterpartyId, d.CounterpartyId is { } c ? counterparties.GetValueOrDefault(c) : null,
                stages.GetValueOrDefault(r.StageId, ""), Person(authors[r.RouteId]),
                ApprovalAccess.Utc(r.ReceivedAt), ApprovalAccess.Utc(r.DueAt), now > r.DueAt,
                r.AssigneeId is { } a && a != access.UserId ? Person(a) : null, r.Version);
        }).ToList();
        return new PageOf<ApprovalInboxItemDto>(items, total, page.Page, page.PageSize);
    }

    /// <summary>The navigation badge: open tasks and how many of them are overdue.</summary>
    public async Task<(int Open, int Overdue)> CountAsync(AccessContext access, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var people = await ApprovalAccess.AssigneesAsync(db, access, actor, company.Today(time), ct);
        var open = await Pending(people, null).CountAsync(ct);
        var overdue = open == 0 ? 0 : await Pending(people, now).CountAsync(ct);
        return (open, overdue);
    }

    private IQueryable<ApprovalTask> Pending(List<Guid> people, DateTime? overdueAt)
    {
        // One person (the usual case) is one equality: a single index range the planner cannot miss.
        var one = people[0];
        var query = people.Count == 1
            ? db.ApprovalTasks.AsNoTracking().Where(t => t.AssigneeId == one && t.Status == ApprovalTaskStatus.Pending)
            : db.ApprovalTasks.AsNoTracking().Where(t => t.AssigneeId != null && people.Contains(t.AssigneeId.Value) && t.Status == ApprovalTaskStatus.Pending);
        return overdueAt is { } at ? query.Where(t => t.DueAt < at) : query;
    }
}
