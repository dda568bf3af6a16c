using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals;

/// <summary>What the author does with a route (withdraw it, resubmit it after rework) and what an approver does with a task (delegate it).</summary>
public sealed class ManageApprovalRoute(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, ApprovalFlow flow)
{
    /// <summary>The author takes the route back: open tasks close, the document returns to draft.</summary>
    public Task<Result<ApprovalRouteDto>> WithdrawAsync(AccessContext access, Guid routeId, ApprovalRouteCommentRequest request, CancellationToken ct) =>
        RetryAsync(() => WithdrawOnceAsync(access, routeId, request, ct));

    /// <summary>The author sends the revised document back; the scheme's rework policy says who decides again.</summary>
    public Task<Result<ApprovalRouteDto>> ResubmitAsync(AccessContext access, Guid routeId, ApprovalRouteCommentRequest request, CancellationToken ct) =>
        RetryAsync(() => ResubmitOnceAsync(access, routeId, request, ct));

    /// <summary>The assignee hands the task to a colleague with a comment; the reminders move with it.</summary>
    public Task<Result<ApprovalRouteDto>> DelegateAsync(AccessContext access, Guid taskId, PassApprovalTaskRequest request, CancellationToken ct) =>
        RetryAsync(() => DelegateOnceAsync(access, taskId, request, ct));

    private async Task<Result<ApprovalRouteDto>> WithdrawOnceAsync(AccessContext access, Guid routeId, ApprovalRouteCommentRequest request, CancellationToken ct)
    {
        var (route, error) = await AuthorsRouteAsync(access, routeId, ct);
        if (error is not null)
            return error;
        var errors = new List<(string, string)>();
        var comment = TextRules.Field(request.Comment, "comment", TextLimits.Long, errors, multiLine: true);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        if (route!.Status is not (ApprovalRouteStatus.Running or ApprovalRouteStatus.Rework))
            return ApprovalErrors.NotRunning();

        var now = Now;
        var document = await db.Documents.SingleAsync(d => d.Id == route.DocumentId, ct);
        await flow.CloseOpenTasksAsync(route.Id, now, ct);
        foreach (var stage in await db.ApprovalRouteStages.Where(s => s.RouteId == route.Id).OrderBy(s => s.Index).ToListAsync(ct))
        {
            if (stage.Status is ApprovalStageStatus.Pending or ApprovalStageStatus.Active)
                stage.Status = ApprovalStageStatus.Stopped;
        }
        route.Status = ApprovalRouteStatus.Withdrawn;
        route.FinishedAt = now;
        route.Outcome = comment;
        document.Status = DocumentStatus.Draft;
        await flow.RecordStatusAsync(document, comment, now, ct);
        await db.SaveChangesAsync(ct);
        return await ApprovalAccess.ProjectAsync(db, route.Id, now, ct);
    }

    private async Task<Result<ApprovalRouteDto>> ResubmitOnceAsync(AccessContext access, Guid routeId, ApprovalRouteCommentRequest request, CancellationToken ct)
    {
        var (route, error) = await AuthorsRouteAsync(access, routeId, ct);
        if (error is not null)
            return error;
        var errors = new List<(string, string)>();
        var comment = TextRules.Field(request.Comment, "comment", TextLimits.Long, errors, multiLine: true);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        if (route!.Status != ApprovalRouteStatus.Rework)
            return ApprovalErrors.NotRunning();
        // A new version since the return: a current file version the returning approver did not see
        // (their decision is bound to the versions they had), not a comparison of clocks.
        var returning = await db.ApprovalTasks.Where(t => t.RouteId == route.Id && t.Status == ApprovalTaskStatus.Rework)
            .OrderByDescending(t => t.DecidedAt).ThenByDescending(t => t.Id).Select(t => t.Id).FirstOrDefaultAsync(ct);
        var seen = await db.ApprovalTaskFiles.Where(f => f.TaskId == returning).Select(f => f.FileVersionId).ToListAsync(ct);
        var current = await ApprovalSaves.CurrentFiles(db, route.DocumentId).Select(v => v.Id).ToListAsync(ct);
        var revised = current.Any(id => !seen.Contains(id));
        if (!revised)
            return ApprovalErrors.NoNewVersion();

        var now = Now;
        var document = await db.Documents.SingleAsync(d => d.Id == route.DocumentId, ct);
        var definition = await flow.DefinitionOfAsync(route.SchemeVersionId, ct);
        var stages = await db.ApprovalRouteStages.Where(s => s.RouteId == route.Id).OrderBy(s => s.Index).ToListAsync(ct);
        var returned = stages.LastOrDefault(s => s.Status == ApprovalStageStatus.Returned)?.Index ?? route.CurrentStage;
        var from = definition.Rework == ReworkPolicy.Everyone ? 0 : returned;
        foreach (var stage in stages.Where(s => s.Index >= from))
        {
            stage.Status = ApprovalStageStatus.Pending;
            stage.StartedAt = null;
            stage.DueAt = null;
            stage.FinishedAt = null;
        }
        route.Round++;
        route.Status = ApprovalRouteStatus.Running;
        route.Outcome = null;
        document.Status = DocumentStatus.OnApproval;
        await flow.RecordStatusAsync(document, comment, now, ct);
        await flow.ActivateFromAsync(route, from, now, ct);
        await db.SaveChangesAsync(ct);
        await flow.PublishAsync(ct);
        return await ApprovalAccess.ProjectAsync(db, route.Id, now, ct);
    }

    private async Task<Result<ApprovalRouteDto>> DelegateOnceAsync(AccessContext access, Guid taskId, PassApprovalTaskRequest request, CancellationToken ct)
    {
        var task = await db.ApprovalTasks.SingleOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null)
            return Error.NotFound();
        var real = ApprovalAccess.RealUser(access, actor);
        var mine = task.AssigneeId is { } assignee
                   && (assignee == real || assignee == access.UserId
                       || (await ApprovalAccess.PrincipalsAsync(db, real, company.Today(time), ct)).Contains(assignee));
        if (!mine)
            return Error.NotFound();
        if (task.Status != ApprovalTaskStatus.Pending)
            return ApprovalErrors.Decided();

        var errors = new List<(string, string)>();
        if (request.UserId is not { } to)
            errors.Add(("userId", FieldErrors.Required));
        else if (!await db.Users.AnyAsync(u => u.Id == to && u.IsActive, ct))
            errors.Add(("userId", FieldErrors.NotFound));
        else if (to == task.AssigneeId)
            errors.Add(("userId", FieldErrors.Invalid));
        var comment = TextRules.Field(request.Comment, "comment", ApprovalTask.CommentMax, errors, required: true, multiLine: true);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var now = Now;
        var route = await db.ApprovalRoutes.SingleAsync(r => r.Id == task.RouteId, ct);
        var stage = await db.ApprovalRouteStages.SingleAsync(s => s.Id == task.StageId, ct);
        if (route.Status != ApprovalRouteStatus.Running || stage.Status != ApprovalStageStatus.Active)
            return ApprovalErrors.NotRunning();
        var document = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == route.DocumentId, ct);
        var rule = ApprovalFlow.StageDefinition(await flow.DefinitionOfAsync(route.SchemeVersionId, ct), stage) ?? new ApprovalStageDefinition { Name = stage.Name };

        await flow.DisarmTaskAsync(task.Id, now, ct);
        var names = await db.Users.Where(u => u.Id == task.AssigneeId || u.Id == request.UserId).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, document.Id, now, actor, ChangeOperation.Updated, "approvalAssignee",
            names.GetValueOrDefault(task.AssigneeId!.Value), names.GetValueOrDefault(request.UserId!.Value)));
        task.DelegatedById = real;
        task.DelegationComment = comment;
        task.AssigneeId = request.UserId;
        db.Entry(route).Property(r => r.Version).IsModified = true;
        await flow.ArmTaskAsync(task, rule, document, now, ct);
        await db.SaveChangesAsync(ct);
        await flow.PublishAsync(ct);
        return await ApprovalAccess.ProjectAsync(db, route.Id, now, ct);
    }

    /// <summary>The route if the caller sees it (404 otherwise) and is its author (403 otherwise).</summary>
    private async Task<(ApprovalRoute? Route, Error? Error)> AuthorsRouteAsync(AccessContext access, Guid routeId, CancellationToken ct)
    {
        var route = await db.ApprovalRoutes.SingleOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null || !await ApprovalAccess.SeesDocumentAsync(db, access, actor, route.DocumentId, company.Today(time), ct))
            return (null, Error.NotFound());
        if (route.StartedById != access.UserId && route.StartedById != ApprovalAccess.RealUser(access, actor))
            return (null, Error.Forbidden());
        return (route, null);
    }

    private async Task<Result<ApprovalRouteDto>> RetryAsync(Func<Task<Result<ApprovalRouteDto>>> once)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await once();
            }
            catch (DbUpdateConcurrencyException) when (attempt < ApprovalSaves.Attempts)
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
