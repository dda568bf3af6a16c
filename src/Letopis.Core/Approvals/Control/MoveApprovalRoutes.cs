using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Letopis.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals.Control;

/// <summary>
/// Moves running routes of a scheme from older versions to its newest one — what a process model
/// that changes needs, without breaking the routes already under way. Stages are matched by their
/// <see cref="ApprovalStageDefinition.Key"/>: a stage of the new version is complete when its key
/// was approved in the route (or its condition leaves it out, or the approvals already given there
/// meet the new version's rule), and the route lands on the first stage that is not. The approvals
/// given at stages whose key is in both versions carry over and are named. A running route whose
/// active stage is gone from the new version, or a route in rework whose returning stage is gone,
/// cannot be mapped: it is named with the reason and left alone.
/// <para>
/// Moving rewrites the route's stages for the new version (renumbered, renamed, new ones added;
/// those no longer in the scheme keep their decided tasks as history under negative places, outside
/// the route's run), closes the open tasks and starts the landing stage, in one transaction per route
/// under the route's version check; the move lands on the document's history and the counterparty's timeline.
/// </para>
/// </summary>
public sealed class MoveApprovalRoutes(LetopisDb db, TimeProvider time, ICurrentActor actor, ApprovalFlow flow)
{
    public const string ActiveStageMissing = "active_stage_missing";
    public const string ReworkStageMissing = "rework_stage_missing";
    public const string RouteFinished = "route_finished";
    public const string AlreadyNewest = "already_newest";
    public const string RouteChanged = "route_changed";

    public static Error VersionChanged() =>
        new("approval_version_changed", "A newer version of the scheme was published after the preview; preview again.");

    public static Error NoVersion() => new("approval_no_scheme", "The scheme has no published version.");

    public async Task<Result<IReadOnlyList<RouteMovePreviewDto>>> PreviewAsync(AccessContext access, Guid schemeId, IReadOnlyList<Guid>? routeIds, CancellationToken ct)
    {
        var target = await TargetAsync(access, schemeId, ct);
        if (!target.IsSuccess)
            return target.Error!;
        var routes = await RoutesAsync(access, schemeId, target.Value.Number, routeIds, tracked: false, ct);
        var previews = new List<RouteMovePreviewDto>();
        foreach (var route in routes)
            previews.Add((await PlanAsync(route, target.Value, ct)).Preview);
        return previews;
    }

    public async Task<Result<MoveRoutesResultDto>> MoveAsync(AccessContext access, Guid schemeId, MoveRoutesRequest request, CancellationToken ct)
    {
        var target = await TargetAsync(access, schemeId, ct);
        if (!target.IsSuccess)
            return target.Error!;
        if (request.ToVersion is { } wanted && wanted != target.Value.Number)
            return VersionChanged();
        var ids = (await RoutesAsync(access, schemeId, target.Value.Number, request.RouteIds, tracked: false, ct)).Select(r => r.Id).ToList();

        var moved = new List<Guid>();
        var left = new List<RouteMovePreviewDto>();
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            flow.Reset();
            var route = await db.ApprovalRoutes.SingleAsync(r => r.Id == id, ct);
            var plan = await PlanAsync(route, target.Value, ct);
            if (!plan.Preview.CanMove)
            {
                left.Add(plan.Preview);
                continue;
            }
            try
            {
                await ApplyAsync(plan, target.Value, ct);
                moved.Add(id);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                flow.Reset();
                left.Add(plan.Preview with { CanMove = false, Problem = RouteChanged });
            }
        }
        db.ChangeTracker.Clear();
        return new MoveRoutesResultDto(moved, left);
    }

    private sealed record Target(ApprovalSchemeVersion Version, ApprovalDefinition Definition)
    {
        public int Number => Version.Number;
    }

    /// <summary>How a route maps onto the new version: what each new stage becomes and where the route lands.</summary>
    private sealed record Plan(
        RouteMovePreviewDto Preview, ApprovalRoute Route, Document Document, List<ApprovalRouteStage> Stages,
        List<StageMapping> Mapping, int Landing, Dictionary<Guid, HashSet<Guid>> Approvals);

    /// <summary>A stage of the new version: the route's row it takes over (null: a new one), and whether it counts as complete.</summary>
    private sealed record StageMapping(ApprovalStageDefinition Rule, ApprovalRouteStage? Row, ApprovalStageStatus? Done);

    private async Task<Result<Target>> TargetAsync(AccessContext access, Guid schemeId, CancellationToken ct)
    {
        if (!ReadApprovalControl.HoldsRight(access))
            return Error.Forbidden();
        var scheme = await db.ApprovalSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Id == schemeId, ct);
        if (scheme is null)
            return Error.NotFound();
        var version = await db.ApprovalSchemeVersions.AsNoTracking().Where(v => v.SchemeId == schemeId)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (version is null)
            return NoVersion();
        return new Target(version, ApprovalDefinition.FromJson(version.Definition));
    }

    /// <summary>
    /// The routes to look at: the chosen ones of the scheme (whatever their state, so a finished one is
    /// named), or every live route on an older version; only those whose document the caller sees.
    /// </summary>
    private async Task<List<ApprovalRoute>> RoutesAsync(AccessContext access, Guid schemeId, int newest, IReadOnlyList<Guid>? routeIds, bool tracked, CancellationToken ct)
    {
        var query = db.ApprovalRoutes.Where(r => r.SchemeId == schemeId);
        if (routeIds is { Count: > 0 })
        {
            var ids = routeIds.Distinct().ToList();
            query = query.Where(r => ids.Contains(r.Id));
        }
        else
        {
            query = query.Where(r => (r.Status == ApprovalRouteStatus.Running || r.Status == ApprovalRouteStatus.Rework) && r.SchemeVersionNumber < newest);
        }
        var visible = db.VisibleDocuments(access);
        query = query.Where(r => visible.Any(d => d.Id == r.DocumentId));
        if (!tracked)
            query = query.AsNoTracking();
        return await query.OrderBy(r => r.StartedAt).ThenBy(r => r.Id).ToListAsync(ct);
    }

    private async Task<Plan> PlanAsync(ApprovalRoute route, Target target, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == route.DocumentId, ct);
        var stages = await db.ApprovalRouteStages.Where(s => s.RouteId == route.Id).OrderBy(s => s.Index).ToListAsync(ct);
        var running = stages.Where(s => s.Index >= 0).ToList();
        var byKey = running.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First());
        var oldDefinition = await flow.DefinitionOfAsync(route.SchemeVersionId, ct);

        // Approvals that stand at each stage: this round's, and earlier rounds' too when the old scheme keeps them after rework.
        var approved = await db.ApprovalTasks.AsNoTracking()
            .Where(t => t.RouteId == route.Id && t.Status == ApprovalTaskStatus.Approved && t.AssigneeId != null)
            .OrderBy(t => t.DecidedAt).ThenBy(t => t.Id)
            .Select(t => new { t.StageId, AssigneeId = t.AssigneeId!.Value, t.Round })
            .ToListAsync(ct);
        var approvals = approved.Where(t => t.Round == route.Round || oldDefinition.Rework == ReworkPolicy.NotYetApproved)
            .GroupBy(t => t.StageId).ToDictionary(g => g.Key, g => g.Select(t => t.AssigneeId).ToHashSet());
        var names = await db.Users.AsNoTracking().Where(u => approved.Select(a => a.AssigneeId).Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.FullName, ct);

        var current = route.Status == ApprovalRouteStatus.Rework
            ? running.LastOrDefault(s => s.Status == ApprovalStageStatus.Returned) ?? running.FirstOrDefault(s => s.Index == route.CurrentStage)
            : running.FirstOrDefault(s => s.Status == ApprovalStageStatus.Active) ?? running.FirstOrDefault(s => s.Index == route.CurrentStage);
        RouteMovePreviewDto Preview(string? toStage, IReadOnlyList<string> carried, string? problem) => new(
            route.Id, document.Id, document.Title, document.Number, route.SchemeVersionNumber, target.Number,
            current?.Name, toStage, carried, problem is null, problem);
        Plan Refused(string problem) => new(Preview(null, [], problem), route, document, stages, [], -1, approvals);

        if (route.Status is not (ApprovalRouteStatus.Running or ApprovalRouteStatus.Rework))
            return Refused(RouteFinished);
        if (route.SchemeVersionNumber >= target.Number)
            return Refused(AlreadyNewest);
        var newKeys = target.Definition.Stages.Select(s => s.Key).ToHashSet();
        if (current is not null && !newKeys.Contains(current.Key))
            return Refused(route.Status == ApprovalRouteStatus.Rework ? ReworkStageMissing : ActiveStageMissing);

        var mapping = new List<StageMapping>();
        var landing = -1;
        var carriedOver = new List<string>();
        foreach (var rule in target.Definition.Stages)
        {
            var row = byKey.GetValueOrDefault(rule.Key);
            ApprovalStageStatus? done = null;
            if (landing < 0)
            {
                var given = row is not null ? approvals.GetValueOrDefault(row.Id) ?? [] : [];
                if (!ApprovalDefinition.Applies(rule.Condition, document.AmountMinor))
                    done = ApprovalStageStatus.Skipped;
                else if (row?.Status == ApprovalStageStatus.Approved)
                    done = ApprovalStageStatus.Approved;
                else if (given.Count > 0)
                {
                    // Approvals already given may meet the new version's rule for the stage by themselves.
                    var people = (await flow.ResolveApproversAsync(rule, document, ct)).Where(p => p.UserId is not null).Select(p => p.UserId!.Value).ToList();
                    if (given.Count(people.Contains) >= Math.Max(1, ApprovalFlow.Required(rule, people.Count)))
                        done = ApprovalStageStatus.Approved;
                }
                // A route in rework waits for its author: it lands where it was returned unless an earlier stage is not complete.
                if (done is null || (route.Status == ApprovalRouteStatus.Rework && row?.Id == current?.Id))
                {
                    landing = mapping.Count;
                    done = null;
                }
                if (row is not null && done != ApprovalStageStatus.Skipped)
                    carriedOver.AddRange((approvals.GetValueOrDefault(row.Id) ?? []).Select(u => $"{rule.Name}: {names.GetValueOrDefault(u, "")}"));
            }
            mapping.Add(new StageMapping(rule, row, done));
        }
        if (landing < 0)
            landing = mapping.Count;
        var toStage = landing < mapping.Count ? mapping[landing].Rule.Name : null;
        return new Plan(Preview(toStage, carriedOver, null), route, document, stages, mapping, landing, approvals);
    }

    private async Task ApplyAsync(Plan plan, Target target, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var route = plan.Route;
        var fromText = $"версия {route.SchemeVersionNumber}" + (plan.Preview.FromStage is { } from ? $", этап «{from}»" : "");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Places are unique per route: every row steps aside first, then takes its new place.
        var rows = plan.Stages;
        for (var i = 0; i < rows.Count; i++)
            rows[i].Index = -1000 - i;
        db.Entry(route).Property(r => r.Version).IsModified = true;
        await db.SaveChangesAsync(ct);

        var kept = plan.Mapping.Where(m => m.Row is not null).Select(m => m.Row!.Id).ToHashSet();
        var retired = 0;
        foreach (var row in rows.Where(r => !kept.Contains(r.Id)).OrderBy(r => r.StartedAt ?? DateTime.MaxValue).ThenBy(r => r.Id))
        {
            row.Index = -1 - retired++;
            if (row.Status is ApprovalStageStatus.Pending or ApprovalStageStatus.Active)
                row.Status = ApprovalStageStatus.Stopped;
        }
        if (route.Status == ApprovalRouteStatus.Running)
            await flow.CloseOpenTasksAsync(route.Id, now, ct);

        var returnedAt = plan.Landing;
        for (var i = 0; i < plan.Mapping.Count; i++)
        {
            var (rule, existing, done) = plan.Mapping[i];
            var row = existing ?? new ApprovalRouteStage { RouteId = route.Id, Key = rule.Key };
            if (existing is null)
                db.ApprovalRouteStages.Add(row);
            row.Index = i;
            row.Key = rule.Key;
            row.Name = rule.Name;
            row.Mode = rule.Mode;
            row.Days = rule.Days;
            if (i < plan.Landing)
            {
                var status = done ?? ApprovalStageStatus.Approved;
                if (existing is null || row.Status != status)
                {
                    row.Status = status;
                    row.StartedAt ??= now;
                    row.FinishedAt = now;
                }
            }
            else if (route.Status == ApprovalRouteStatus.Rework && i == returnedAt)
            {
                // The author's resubmission starts here (the engine resumes a route in rework at its returned stage).
                row.Status = ApprovalStageStatus.Returned;
            }
            else
            {
                row.Status = ApprovalStageStatus.Pending;
                row.StartedAt = null;
                row.DueAt = null;
                row.FinishedAt = null;
            }
        }

        route.SchemeVersionId = target.Version.Id;
        route.SchemeVersionNumber = target.Number;
        route.CurrentStage = Math.Min(plan.Landing, Math.Max(0, plan.Mapping.Count - 1));
        var document = await db.Documents.SingleAsync(d => d.Id == route.DocumentId, ct);
        var quiet = false;
        if (route.Status == ApprovalRouteStatus.Running)
        {
            await flow.ActivateFromAsync(route, plan.Landing, now, ct);
            quiet = DropCarriedTasks(plan, document);
        }

        var toText = $"версия {target.Number}" + (plan.Preview.ToStage is { } to ? $", этап «{to}»" : ", все этапы пройдены");
        var carried = plan.Preview.CarriedOver.Count > 0 ? $"; сохранены согласования: {string.Join("; ", plan.Preview.CarriedOver)}" : "";
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, document.Id, now, actor, ChangeOperation.Updated, "approvalVersion",
            ControlApprovalRoutes.Cut(fromText), ControlApprovalRoutes.Cut(toText + carried)));
        if (document.CounterpartyId is { } counterpartyId)
            Timeline.Add(db, counterpartyId, now, actor, ControlApprovalRoutes.TimelineKind,
                ControlApprovalRoutes.Cut($"{ApprovalNotices.DocumentText(await flow.TypeNameAsync(document, ct), document)} — маршрут переведён: {fromText} → {toText}"),
                Document.EntityKind, document.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (!quiet)
            await flow.PublishAsync(ct);
        else
            flow.Reset();
    }

    /// <summary>
    /// The landing stage was started afresh; the people who had approved it already keep their
    /// approval, so the new tasks made for them (with their notice and reminders) are dropped before
    /// anything is saved. Returns whether anything was dropped.
    /// </summary>
    private bool DropCarriedTasks(Plan plan, Document document)
    {
        if (plan.Landing >= plan.Mapping.Count || plan.Mapping[plan.Landing].Row is not { } row
            || plan.Approvals.GetValueOrDefault(row.Id) is not { Count: > 0 } given)
            return false;
        var duplicates = db.ChangeTracker.Entries<ApprovalTask>()
            .Where(e => e.State == EntityState.Added && e.Entity.StageId == row.Id && e.Entity.AssigneeId is { } a && given.Contains(a))
            .Select(e => e.Entity).ToList();
        if (duplicates.Count == 0)
            return false;
        var ids = duplicates.Select(t => t.Id).ToHashSet();
        var people = duplicates.Select(t => t.AssigneeId!.Value).ToHashSet();
        var link = ApprovalNotices.Link(document.Id);
        foreach (var reminder in db.ChangeTracker.Entries<Reminder>()
                     .Where(e => e.State == EntityState.Added && e.Entity.EntityId is { } id && ids.Contains(id)).Select(e => e.Entity).ToList())
            db.Reminders.Remove(reminder);
        foreach (var notice in db.ChangeTracker.Entries<Notification>()
                     .Where(e => e.State == EntityState.Added && people.Contains(e.Entity.UserId) && e.Entity.Link == link).Select(e => e.Entity).ToList())
            db.Notifications.Remove(notice);
        foreach (var task in duplicates)
            db.ApprovalTasks.Remove(task);
        return true;
    }
}
