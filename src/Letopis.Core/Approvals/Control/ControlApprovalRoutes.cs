using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals.Control;

/// <summary>
/// What a holder of the approval right does with a route that went wrong: cancel it (with the
/// reason), restart it (a new round from the first stage of the same version), or reassign a task
/// — above all a stuck one, whose rule found nobody or whose assignee left — to an active colleague.
/// The route and its document must be visible to the caller (404 otherwise); without the right 403.
/// Every change lands on the document's history and the counterparty's timeline.
/// </summary>
public sealed class ControlApprovalRoutes(LetopisDb db, TimeProvider time, ICurrentActor actor, ApprovalFlow flow)
{
    /// <summary>Timeline entry kind: a route cancelled, restarted, reassigned or moved by a holder of the approval right.</summary>
    public const string TimelineKind = "approval_control";

    /// <summary>The document history field of control actions.</summary>
    public const string HistoryField = "approvalControl";

    public static Error Finished() => new("approval_route_finished", "The route has finished; only a running route can be changed.");

    public Task<Result<ApprovalRouteDto>> CancelAsync(AccessContext access, Guid routeId, ApprovalRouteCommentRequest request, CancellationToken ct) =>
        RetryAsync(() => CancelOnceAsync(access, routeId, request, ct));

    public Task<Result<ApprovalRouteDto>> RestartAsync(AccessContext access, Guid routeId, ApprovalRouteCommentRequest request, CancellationToken ct) =>
        RetryAsync(() => RestartOnceAsync(access, routeId, request, ct));

    public Task<Result<ApprovalRouteDto>> ReassignAsync(AccessContext access, Guid taskId, PassApprovalTaskRequest request, CancellationToken ct) =>
        RetryAsync(() => ReassignOnceAsync(access, taskId, request, ct));

    private async Task<Result<ApprovalRouteDto>> CancelOnceAsync(AccessContext access, Guid routeId, ApprovalRouteCommentRequest request, CancellationToken ct)
    {
        var (route, error) = await ControlledRouteAsync(access, routeId, ct);
        if (error is not null)
            return error;
        var errors = new List<(string, string)>();
        var comment = TextRules.Field(request.Comment, "comment", TextLimits.Long, errors, required: true, multiLine: true);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        if (route!.Status is not (ApprovalRouteStatus.Running or ApprovalRouteStatus.Rework))
            return Finished();

        var now = Now;
        var document = await db.Documents.SingleAsync(d => d.Id == route.DocumentId, ct);
        await flow.CloseOpenTasksAsync(route.Id, now, ct);
        foreach (var stage in await db.ApprovalRouteStages.Where(s => s.RouteId == route.Id).OrderBy(s => s.Index).ToListAsync(ct))
        {
            if (stage.Status is ApprovalStageStatus.Pending or ApprovalStageStatus.Active)
                stage.Status = ApprovalStageStatus.Stopped;
        }
        route.Status = ApprovalRouteStatus.Cancelled;
        route.FinishedAt = now;
        route.Outcome = comment;
        document.Status = DocumentStatus.Draft;
        await flow.RecordStatusAsync(document, comment, now, ct);
        await RecordAsync(document, $"Маршрут согласования отменён: {comment}", now, ct);
        await db.SaveChangesAsync(ct);
        return await ApprovalAccess.ProjectAsync(db, route.Id, now, ct);
    }

    private async Task<Result<ApprovalRouteDto>> RestartOnceAsync(AccessContext access, Guid routeId, ApprovalRouteCommentRequest request, CancellationToken ct)
    {
        var (route, error) = await ControlledRouteAsync(access, routeId, ct);
        if (error is not null)
            return error;
        var errors = new List<(string, string)>();
        var comment = TextRules.Field(request.Comment, "comment", TextLimits.Long, errors, multiLine: true);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        // An approved route is done with: a new approval is a new route.
        if (route!.Status == ApprovalRouteStatus.Approved)
            return Finished();
        var live = route.Status is ApprovalRouteStatus.Running or ApprovalRouteStatus.Rework;
        if (!live && await db.ApprovalRoutes.AnyAsync(r => r.DocumentId == route.DocumentId && r.Id != route.Id
                && (r.Status == ApprovalRouteStatus.Running || r.Status == ApprovalRouteStatus.Rework), ct))
            return ApprovalErrors.Running();

        var now = Now;
        var document = await db.Documents.SingleAsync(d => d.Id == route.DocumentId, ct);
        await flow.CloseOpenTasksAsync(route.Id, now, ct);
        // Stages a move to a newer version retired (negative places) stay as they are: history.
        foreach (var stage in await db.ApprovalRouteStages.Where(s => s.RouteId == route.Id && s.Index >= 0).OrderBy(s => s.Index).ToListAsync(ct))
        {
            stage.Status = ApprovalStageStatus.Pending;
            stage.StartedAt = null;
            stage.DueAt = null;
            stage.FinishedAt = null;
        }
        route.Round++;
        route.Status = ApprovalRouteStatus.Running;
        route.FinishedAt = null;
        route.Outcome = null;
        document.Status = DocumentStatus.OnApproval;
        await flow.RecordStatusAsync(document, comment, now, ct);
        await RecordAsync(document, $"Маршрут согласования перезапущен с первого этапа (круг {route.Round})" + (comment is null ? "" : $": {comment}"), now, ct);
        // Approvals of earlier rounds do not stand after a restart: everyone decides again.
        await ActivateFreshAsync(route, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Another route of the document went live at the same moment: the unique index refused this one.
            db.ChangeTracker.Clear();
            flow.Reset();
            return ApprovalErrors.Running();
        }
        await flow.PublishAsync(ct);
        return await ApprovalAccess.ProjectAsync(db, route.Id, now, ct);
    }

    private async Task<Result<ApprovalRouteDto>> ReassignOnceAsync(AccessContext access, Guid taskId, PassApprovalTaskRequest request, CancellationToken ct)
    {
        var task = await db.ApprovalTasks.SingleOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null)
            return Error.NotFound();
        var (route, error) = await ControlledRouteAsync(access, task.RouteId, ct);
        if (error is not null)
            return error;

        var errors = new List<(string, string)>();
        if (request.UserId is not { } wanted)
            errors.Add(("userId", FieldErrors.Required));
        else if (!await db.Users.AnyAsync(u => u.Id == wanted && u.IsActive, ct))
            errors.Add(("userId", FieldErrors.NotFound));
        else if (wanted == task.AssigneeId)
            errors.Add(("userId", FieldErrors.Invalid));
        var comment = TextRules.Field(request.Comment, "comment", ApprovalTask.CommentMax, errors, required: true, multiLine: true);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        if (task.Status != ApprovalTaskStatus.Pending)
            return ApprovalErrors.Decided();
        var stage = await db.ApprovalRouteStages.SingleAsync(s => s.Id == task.StageId, ct);
        if (route!.Status != ApprovalRouteStatus.Running || stage.Status != ApprovalStageStatus.Active)
            return ApprovalErrors.NotRunning();

        var now = Now;
        var to = request.UserId!.Value;
        var document = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == route.DocumentId, ct);
        var rule = ApprovalFlow.StageDefinition(await flow.DefinitionOfAsync(route.SchemeVersionId, ct), stage) ?? new ApprovalStageDefinition { Name = stage.Name };
        var names = await db.Users.AsNoTracking().Where(u => u.Id == task.AssigneeId || u.Id == to)
            .ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var from = task.AssigneeId is { } previous ? names.GetValueOrDefault(previous) : task.Unresolved;

        await flow.DisarmTaskAsync(task.Id, now, ct);
        task.AssigneeId = to;
        task.Unresolved = null;
        task.DelegatedById = ApprovalAccess.RealUser(access, actor);
        task.DelegationComment = comment;
        db.Entry(route).Property(r => r.Version).IsModified = true;
        await flow.ArmTaskAsync(task, rule, document, now, ct);
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, document.Id, now, actor, ChangeOperation.Updated, "approvalAssignee",
            Cut($"{stage.Name}: {from ?? "—"}"), Cut($"{stage.Name}: {names.GetValueOrDefault(to)} — {comment}")));
        if (document.CounterpartyId is { } counterpartyId)
            Timeline.Add(db, counterpartyId, now, actor, TimelineKind,
                Cut($"{ApprovalNotices.DocumentText(await flow.TypeNameAsync(document, ct), document)} — {stage.Name}: {from ?? "—"} → {names.GetValueOrDefault(to)}"),
                Document.EntityKind, document.Id);
        await db.SaveChangesAsync(ct);
        await flow.PublishAsync(ct);
        return await ApprovalAccess.ProjectAsync(db, route.Id, now, ct);
    }

    /// <summary>
    /// Activates the route from its first stage as in a first round: the engine's carry-over of
    /// approvals after a rework must not apply, so the round's earlier approvals are hidden from it by
    /// activating under round 1 semantics and then stamping the new round on the created tasks.
    /// </summary>
    private async Task ActivateFreshAsync(ApprovalRoute route, DateTime now, CancellationToken ct)
    {
        var round = route.Round;
        route.Round = 1;
        try
        {
            await flow.ActivateFromAsync(route, 0, now, ct);
        }
        finally
        {
            route.Round = round;
        }
        foreach (var entry in db.ChangeTracker.Entries<ApprovalTask>().Where(e => e.State == EntityState.Added && e.Entity.RouteId == route.Id))
            entry.Entity.Round = round;
    }

    /// <summary>The route if the caller sees its document (404 otherwise) and holds the approval right (403 otherwise).</summary>
    private async Task<(ApprovalRoute? Route, Error? Error)> ControlledRouteAsync(AccessContext access, Guid routeId, CancellationToken ct)
    {
        var route = await db.ApprovalRoutes.SingleOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null || !await db.VisibleDocuments(access).AnyAsync(d => d.Id == route.DocumentId, ct))
            return (null, Error.NotFound());
        if (!ReadApprovalControl.HoldsRight(access))
            return (null, Error.Forbidden());
        return (route, null);
    }

    private async Task RecordAsync(Document document, string text, DateTime now, CancellationToken ct)
    {
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, document.Id, now, actor, ChangeOperation.Updated, HistoryField, null, Cut(text)));
        if (document.CounterpartyId is { } counterpartyId)
            Timeline.Add(db, counterpartyId, now, actor, TimelineKind,
                Cut($"{ApprovalNotices.DocumentText(await flow.TypeNameAsync(document, ct), document)} — {text}"), Document.EntityKind, document.Id);
    }

    internal static string Cut(string text) => text.Length > TextLimits.Long ? text[..TextLimits.Long] : text;

    private async Task<Result<ApprovalRouteDto>> RetryAsync(Func<Task<Result<ApprovalRouteDto>>> once)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await once();
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                flow.Reset();
            }
            catch (DbUpdateConcurrencyException)
            {
                return Error.StaleVersion();
            }
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
