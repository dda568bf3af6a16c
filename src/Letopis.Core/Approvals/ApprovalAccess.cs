using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals;

/// <summary>
/// Who may see and decide what. A route is visible with its document, and to everyone who has
/// (or stands in for someone who has) a task on it: an approver sees what they are asked to approve.
/// A task is decided by its assignee, or by a deputy of the assignee whose deputyship runs today.
/// </summary>
public static class ApprovalAccess
{
    /// <summary>The signed-in person (the deputy when acting for someone through the switch).</summary>
    public static Guid RealUser(AccessContext access, ICurrentActor actor) => actor.UserId ?? access.UserId;

    /// <summary>The colleagues the person stands in for today (company days).</summary>
    public static async Task<List<Guid>> PrincipalsAsync(LetopisDb db, Guid deputyId, DateOnly today, CancellationToken ct) =>
        await db.Deputyships.AsNoTracking()
            .Where(x => x.DeputyId == deputyId && x.StartsOn <= today && x.EndsOn >= today)
            .OrderBy(x => x.StartsOn).Select(x => x.PrincipalId).Distinct().ToListAsync(ct);

    /// <summary>Whose tasks the caller may decide: their own (or the principal's they act as) and those of whom they stand in for.</summary>
    public static async Task<List<Guid>> AssigneesAsync(LetopisDb db, AccessContext access, ICurrentActor actor, DateOnly today, CancellationToken ct)
    {
        var real = RealUser(access, actor);
        var list = new List<Guid> { access.UserId };
        if (real != access.UserId)
            list.Add(real);
        foreach (var principal in await PrincipalsAsync(db, real, today, ct))
        {
            if (!list.Contains(principal))
                list.Add(principal);
        }
        return list;
    }

    /// <summary>Whether the caller sees the document, or has a task on one of its routes.</summary>
    public static async Task<bool> SeesDocumentAsync(LetopisDb db, AccessContext access, ICurrentActor actor, Guid documentId, DateOnly today, CancellationToken ct)
    {
        if (await db.VisibleDocuments(access).AnyAsync(d => d.Id == documentId, ct))
            return true;
        if (!await db.Documents.AnyAsync(d => d.Id == documentId && !d.Deleted, ct))
            return false;
        var people = await AssigneesAsync(db, access, actor, today, ct);
        return await db.ApprovalTasks.AnyAsync(t => t.DocumentId == documentId
            && ((t.AssigneeId != null && people.Contains(t.AssigneeId.Value)) || (t.DecidedById != null && people.Contains(t.DecidedById.Value))), ct);
    }

    public static DateTimeOffset Utc(DateTime instant) => new(DateTime.SpecifyKind(instant, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? instant) => instant is { } i ? Utc(i) : null;

    /// <summary>Routes as the card shows them, with stages, tasks, names and the files each decision saw.</summary>
    public static async Task<List<ApprovalRouteDto>> ProjectAsync(LetopisDb db, IReadOnlyList<ApprovalRoute> routes, DateTime now, CancellationToken ct)
    {
        if (routes.Count == 0)
            return [];
        var routeIds = routes.Select(r => r.Id).ToList();
        var schemeIds = routes.Select(r => r.SchemeId).Distinct().ToList();
        var schemes = await db.ApprovalSchemes.AsNoTracking().Where(s => schemeIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Name, s.PublishedVersion }).ToDictionaryAsync(s => s.Id, ct);
        var stages = await db.ApprovalRouteStages.AsNoTracking().Where(s => routeIds.Contains(s.RouteId))
            .OrderBy(s => s.RouteId).ThenBy(s => s.Index).ToListAsync(ct);
        var tasks = await db.ApprovalTasks.AsNoTracking().Where(t => routeIds.Contains(t.RouteId))
            .OrderBy(t => t.RouteId).ThenBy(t => t.ReceivedAt).ThenBy(t => t.Id).ToListAsync(ct);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var files = new List<ApprovalTaskFile>();
        foreach (var chunk in taskIds.Chunk(500))
            files.AddRange(await db.ApprovalTaskFiles.AsNoTracking().Where(f => chunk.Contains(f.TaskId)).OrderBy(f => f.Name).ThenBy(f => f.Id).ToListAsync(ct));
        var filesByTask = files.ToLookup(f => f.TaskId);
        var people = tasks.SelectMany(t => new[] { t.AssigneeId, t.OriginalAssigneeId, t.DecidedById, t.OnBehalfOfId, t.DelegatedById })
            .Concat(routes.Select(r => (Guid?)r.StartedById)).Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id))
            .Select(u => new { u.Id, u.FullName, u.IsActive }).ToDictionaryAsync(u => u.Id, ct);
        DocumentPersonDto? Person(Guid? id) => id is { } key
            ? new DocumentPersonDto(key, users.TryGetValue(key, out var u) ? u.FullName : "")
            : null;

        ApprovalTaskDto Task(ApprovalTask t) => new(
            t.Id, t.RouteId, t.StageId, t.Round, ApiNames.Of(t.Status),
            Person(t.AssigneeId), Person(t.OriginalAssigneeId),
            t.AssigneeId is { } a && users.TryGetValue(a, out var au) && !au.IsActive, t.Unresolved,
            Utc(t.ReceivedAt), Utc(t.DueAt),
            t.Status == ApprovalTaskStatus.Pending ? now > t.DueAt : t.DecidedAt > t.DueAt,
            Utc(t.DecidedAt), Person(t.DecidedById), Person(t.OnBehalfOfId),
            t.Comment, t.DelayReason, Person(t.DelegatedById), t.DelegationComment,
            [.. filesByTask[t.Id].Select(f => new ApprovalFileDto(f.FileVersionId, f.Name, f.FileVersion, f.Sha256))], t.Version);

        var tasksByStage = tasks.ToLookup(t => t.StageId);
        var stagesByRoute = stages.ToLookup(s => s.RouteId);
        return [.. routes.Select(r => new ApprovalRouteDto(
            r.Id, r.DocumentId, r.SchemeId, schemes.TryGetValue(r.SchemeId, out var s) ? s.Name : "", r.SchemeVersionNumber,
            s?.PublishedVersion ?? r.SchemeVersionNumber, ApiNames.Of(r.Status), r.CurrentStage, r.Round, Utc(r.StartedAt),
            Person(r.StartedById)!, Utc(r.FinishedAt), r.Outcome,
            [.. stagesByRoute[r.Id].Select(st => new ApprovalRouteStageDto(
                st.Id, st.Index, st.Key, st.Name, ApiNames.Of(st.Mode), st.Required, st.Days, ApiNames.Of(st.Status),
                Utc(st.StartedAt), Utc(st.DueAt), Utc(st.FinishedAt), [.. tasksByStage[st.Id].Select(Task)]))],
            r.Version))];
    }

    public static async Task<ApprovalRouteDto> ProjectAsync(LetopisDb db, Guid routeId, DateTime now, CancellationToken ct)
    {
        var route = await db.ApprovalRoutes.AsNoTracking().SingleAsync(r => r.Id == routeId, ct);
        return (await ProjectAsync(db, [route], now, ct))[0];
    }
}
