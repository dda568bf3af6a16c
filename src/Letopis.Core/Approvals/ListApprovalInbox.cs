using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals;

/// <summary>
/// «На согласовании»: the caller's pending tasks and those of the colleagues they stand in for
/// today, by deadline. One range of the (AssigneeId, Status, DueAt) index per person, counted by
/// the same index; only the page's rows are joined to their documents, in one statement.
/// </summary>
public sealed class ListApprovalInbox(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, NameBook nameBook)
{
    public async Task<PageOf<ApprovalInboxItemDto>> HandleAsync(AccessContext access, PageRequest page, bool overdueOnly, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var people = await ApprovalAccess.AssigneesAsync(db, access, actor, company.Today(time), ct);
        var query = Pending(people, overdueOnly ? now : null);
        var total = await query.CountAsync(ct);
        // The page of tasks first (one index range), then its rows joined to their documents, types,
        // stages and routes in the same statement; names come from the cached name book.
        var pageOfTasks = query.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Skip(page.Skip).Take(page.PageSize);
        var rows = await (
            from t in pageOfTasks
            join d in db.Documents on t.DocumentId equals d.Id
            join ty in db.DocumentTypes on d.TypeId equals ty.Id
            join s in db.ApprovalRouteStages on t.StageId equals s.Id
            join r in db.ApprovalRoutes on t.RouteId equals r.Id
            join c in db.Counterparties on d.CounterpartyId equals c.Id into cs
            from c in cs.DefaultIfEmpty()
            orderby t.DueAt, t.Id
            select new
            {
                t.Id,
                t.RouteId,
                t.DocumentId,
                t.AssigneeId,
                t.ReceivedAt,
                t.DueAt,
                t.Version,
                d.Title,
                d.Number,
                TypeName = ty.Name,
                d.CounterpartyId,
                CounterpartyName = c == null ? null : c.Name,
                StageName = s.Name,
                r.StartedById,
            }).AsNoTracking().ToListAsync(ct);
        if (rows.Count == 0)
            return new PageOf<ApprovalInboxItemDto>([], total, page.Page, page.PageSize);

        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        DocumentPersonDto Person(Guid id) => new(id, names.User(id) ?? "");

        var items = rows.Select(r => new ApprovalInboxItemDto(
            r.Id, r.RouteId, r.DocumentId, r.Title, r.Number, r.TypeName,
            r.CounterpartyId, r.CounterpartyName, r.StageName, Person(r.StartedById),
            ApprovalAccess.Utc(r.ReceivedAt), ApprovalAccess.Utc(r.DueAt), now > r.DueAt,
            r.AssigneeId is { } a && a != access.UserId ? Person(a) : null, r.Version)).ToList();
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
