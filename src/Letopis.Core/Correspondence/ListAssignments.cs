using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Correspondence;

/// <summary>
/// «Поручения»: the caller's assignments as executor or co-executor (read from the executors' index,
/// one range per user), those on the caller's control, or the assignments of the letters the caller
/// sees; by due date, open and reported by default.
/// </summary>
public sealed class ListAssignments(LetopisDb db, AssignmentWork work)
{
    private static readonly AssignmentStatus[] Live = [AssignmentStatus.Open, AssignmentStatus.Reported];

    private sealed record Row(Guid Id, DateOnly DueOn);

    public async Task<PageOf<AssignmentListItemDto>> HandleAsync(AccessContext access, AssignmentQuery query, PageRequest page, CancellationToken ct)
    {
        var today = work.Today;
        var me = access.UserId;
        var statuses = Statuses(query.Status);
        var liveOnly = statuses.All(Live.Contains);

        IQueryable<Row> rows;
        if (query.Mine && !query.Controlled)
        {
            // The executors' index (user, open, due date, assignment) answers the inbox by itself.
            var mine = db.AssignmentExecutors.Where(x => x.UserId == me);
            if (liveOnly)
                mine = mine.Where(x => x.Open);
            if (query.Overdue)
                mine = mine.Where(x => x.Open && x.DueOn < today);
            if (query.DocumentId is { } doc)
                mine = mine.Where(x => db.Assignments.Any(a => a.Id == x.AssignmentId && a.DocumentId == doc));
            if (statuses.Length != Live.Length || !liveOnly)
                mine = mine.Where(x => db.Assignments.Any(a => a.Id == x.AssignmentId && statuses.Contains(a.Status)));
            rows = mine.OrderBy(x => x.DueOn).ThenBy(x => x.AssignmentId).Select(x => new Row(x.AssignmentId, x.DueOn));
        }
        else
        {
            var assignments = db.Assignments.Where(a => statuses.Contains(a.Status));
            if (query.Controlled && query.Mine)
                assignments = assignments.Where(a => a.ControllerId == me || db.AssignmentExecutors.Any(x => x.AssignmentId == a.Id && x.UserId == me));
            else if (query.Controlled)
                assignments = assignments.Where(a => a.ControllerId == me);
            else
                assignments = assignments.Where(a => db.VisibleDocuments(access, PermissionAction.Read).Any(d => d.Id == a.DocumentId));
            if (query.Overdue)
                assignments = assignments.Where(a => (a.Status == AssignmentStatus.Open || a.Status == AssignmentStatus.Reported) && a.DueOn < today);
            if (query.DocumentId is { } doc)
                assignments = assignments.Where(a => a.DocumentId == doc);
            rows = assignments.OrderBy(a => a.DueOn).ThenBy(a => a.Id).Select(a => new Row(a.Id, a.DueOn));
        }
        var found = await rows.ToPageAsync(page, ct);
        return new PageOf<AssignmentListItemDto>(await ItemsAsync(access, found.Items.Select(r => r.Id).ToList(), today, ct), found.Total, found.Page, found.PageSize);
    }

    /// <summary>The badge numbers of «Поручения».</summary>
    public async Task<AssignmentCountsDto> CountAsync(AccessContext access, CancellationToken ct)
    {
        var today = work.Today;
        var me = access.UserId;
        var mine = db.AssignmentExecutors.Where(x => x.UserId == me && x.Open);
        var controlled = db.Assignments.Where(a => a.ControllerId == me && (a.Status == AssignmentStatus.Open || a.Status == AssignmentStatus.Reported));
        var waiting = await controlled.CountAsync(a => a.Status == AssignmentStatus.Reported || a.ExtensionRequestedTo != null, ct)
            + await db.Assignments.CountAsync(a => a.ControllerId == null && a.AuthorId == me && a.ExtensionRequestedTo != null
                && (a.Status == AssignmentStatus.Open || a.Status == AssignmentStatus.Reported), ct);
        return new AssignmentCountsDto(
            await mine.CountAsync(ct), await mine.CountAsync(x => x.DueOn < today, ct),
            await controlled.CountAsync(ct), await controlled.CountAsync(a => a.DueOn < today, ct), waiting);
    }

    private async Task<List<AssignmentListItemDto>> ItemsAsync(AccessContext access, List<Guid> ids, DateOnly today, CancellationToken ct)
    {
        if (ids.Count == 0)
            return [];
        var rows = await (
            from a in db.Assignments.AsNoTracking()
            join d in db.Documents on a.DocumentId equals d.Id
            where ids.Contains(a.Id)
            select new
            {
                A = a,
                d.Number,
                d.Title,
                CounterpartyName = db.Counterparties.Where(c => c.Id == d.CounterpartyId).Select(c => c.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var executors = await db.AssignmentExecutors.AsNoTracking().Where(x => ids.Contains(x.AssignmentId))
            .Select(x => new { x.AssignmentId, x.UserId, x.Lead }).ToListAsync(ct);
        var userIds = rows.Select(r => r.A.ExecutorId).Concat(rows.Where(r => r.A.ControllerId != null).Select(r => r.A.ControllerId!.Value)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var byId = rows.ToDictionary(r => r.A.Id);
        return ids.Where(byId.ContainsKey).Select(id =>
        {
            var r = byId[id];
            var a = r.A;
            var open = !AssignmentWork.IsClosed(a);
            return new AssignmentListItemDto(
                a.Id, a.DocumentId, r.Number, r.Title, r.CounterpartyName, a.Number, a.Text,
                new DocumentPersonDto(a.ExecutorId, names.GetValueOrDefault(a.ExecutorId, "")),
                executors.Count(x => x.AssignmentId == id && !x.Lead),
                a.ControllerId is { } c ? new DocumentPersonDto(c, names.GetValueOrDefault(c, "")) : null,
                a.ExecutorId == access.UserId, a.DueOn, open && a.DueOn < today, ApiNames.Of(a.Status), a.ExtensionRequestedTo, a.Version);
        }).ToList();
    }

    private static AssignmentStatus[] Statuses(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Live;
        var parsed = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ApiNames.Parse<AssignmentStatus>).Where(s => s is not null).Select(s => s!.Value).Distinct().ToArray();
        // Nothing recognizable finds nothing rather than everything.
        return parsed;
    }
}
