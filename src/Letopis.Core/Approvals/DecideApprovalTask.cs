using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals;

/// <summary>
/// An approver's decision: approve, reject or return for rework. The decision binds the file
/// versions the approver had before them, completes the stage when enough approvals are in and
/// starts the next one in the same transaction. Every decision touches the route row, so two
/// parallel decisions that complete a stage cannot both start the next one: the loser starts over.
/// </summary>
public sealed class DecideApprovalTask(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, ApprovalFlow flow)
{
    public async Task<Result<ApprovalRouteDto>> HandleAsync(AccessContext access, Guid taskId, ApprovalDecisionRequest request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryAsync(access, taskId, request, attempt > 1, ct);
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

    private async Task<Result<ApprovalRouteDto>> TryAsync(AccessContext access, Guid taskId, ApprovalDecisionRequest request, bool retry, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var task = await db.ApprovalTasks.SingleOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null)
            return Error.NotFound();
        var real = ApprovalAccess.RealUser(access, actor);
        Guid? onBehalfOf;
        if (task.AssigneeId == real)
            onBehalfOf = null;
        else if (task.AssigneeId is { } assignee && assignee == access.UserId)
            onBehalfOf = assignee;
        else if (task.AssigneeId is { } principal
                 && (await ApprovalAccess.PrincipalsAsync(db, real, company.Today(time), ct)).Contains(principal))
            onBehalfOf = principal;
        else
            return Error.NotFound();

        var decision = Decision(request.Decision);
        if (task.Status != ApprovalTaskStatus.Pending)
        {
            // Pressing the same button twice (a double click, a retried request) is harmless.
            if (decision == task.Status && task.DecidedById == real)
                return await ApprovalAccess.ProjectAsync(db, task.RouteId, now, ct);
            return ApprovalErrors.Decided();
        }
        // After a lost race the caller's version is naturally behind; it was right when they pressed.
        if (!retry && VersionCheck.Fails(task.Version, request.Version, null) is { } stale)
            return stale;

        var errors = new List<(string, string)>();
        if (decision is null)
            errors.Add(("decision", string.IsNullOrWhiteSpace(request.Decision) ? FieldErrors.Required : FieldErrors.Invalid));
        var comment = TextRules.Field(request.Comment, "comment", ApprovalTask.CommentMax, errors,
            required: decision is ApprovalTaskStatus.Rejected or ApprovalTaskStatus.Rework, multiLine: true);
        var overdue = now > task.DueAt;
        var delayReason = TextRules.Field(request.DelayReason, "delayReason", ApprovalTask.CommentMax, errors, required: overdue, multiLine: true);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var route = await db.ApprovalRoutes.SingleAsync(r => r.Id == task.RouteId, ct);
        var stage = await db.ApprovalRouteStages.SingleAsync(s => s.Id == task.StageId, ct);
        if (route.Status != ApprovalRouteStatus.Running || stage.Status != ApprovalStageStatus.Active)
            return ApprovalErrors.NotRunning();
        var document = await db.Documents.SingleAsync(d => d.Id == route.DocumentId, ct);

        task.Status = decision!.Value;
        task.DecidedAt = now;
        task.DecidedById = real;
        task.OnBehalfOfId = onBehalfOf;
        task.Comment = comment;
        task.DelayReason = overdue ? delayReason : null;
        foreach (var file in await ApprovalSaves.CurrentFiles(db, document.Id).OrderBy(v => v.Name).ThenBy(v => v.Id).ToListAsync(ct))
            db.ApprovalTaskFiles.Add(new ApprovalTaskFile { TaskId = task.Id, FileVersionId = file.Id, Name = file.Name, FileVersion = file.Version, Sha256 = file.Sha256 });
        await flow.DisarmTaskAsync(task.Id, now, ct);
        // The route's version is the stage's lock: parallel deciders of one stage conflict here.
        db.Entry(route).Property(r => r.Version).IsModified = true;
        await flow.RecordDecisionAsync(document, task, stage.Name, now, ct);

        switch (task.Status)
        {
            case ApprovalTaskStatus.Approved:
                var definition = await flow.DefinitionOfAsync(route.SchemeVersionId, ct);
                var approvals = definition.Rework == ReworkPolicy.NotYetApproved
                    ? (await flow.ApproversOfStageAsync(stage.Id, ct)).Count
                    : await db.ApprovalTasks.CountAsync(t => t.StageId == stage.Id && t.Round == route.Round && t.Status == ApprovalTaskStatus.Approved && t.Id != task.Id, ct) + 1;
                if (approvals >= stage.Required)
                {
                    stage.Status = ApprovalStageStatus.Approved;
                    stage.FinishedAt = now;
                    await flow.CloseOpenTasksAsync(route.Id, now, ct);
                    await flow.ActivateFromAsync(route, stage.Index + 1, now, ct);
                }
                break;
            case ApprovalTaskStatus.Rejected:
                stage.Status = ApprovalStageStatus.Rejected;
                stage.FinishedAt = now;
                await StopRestAsync(route, stage, now, ct);
                route.Status = ApprovalRouteStatus.Rejected;
                route.FinishedAt = now;
                route.Outcome = comment;
                document.Status = DocumentStatus.Rejected;
                await flow.RecordStatusAsync(document, comment, now, ct);
                await flow.TellAuthorAsync(route, document, ApprovalNotices.Rejected, now, ct, comment);
                break;
            case ApprovalTaskStatus.Rework:
                stage.Status = ApprovalStageStatus.Returned;
                stage.FinishedAt = now;
                await flow.CloseOpenTasksAsync(route.Id, now, ct);
                route.Status = ApprovalRouteStatus.Rework;
                route.Outcome = comment;
                document.Status = DocumentStatus.Rework;
                await flow.RecordStatusAsync(document, comment, now, ct);
                await flow.TellAuthorAsync(route, document, ApprovalNotices.Rework, now, ct, comment);
                break;
        }

        await db.SaveChangesAsync(ct);
        await flow.PublishAsync(ct);
        return await ApprovalAccess.ProjectAsync(db, route.Id, now, ct);
    }

    /// <summary>Closes the open tasks and marks the stages not reached as stopped.</summary>
    private async Task StopRestAsync(ApprovalRoute route, ApprovalRouteStage current, DateTime now, CancellationToken ct)
    {
        await flow.CloseOpenTasksAsync(route.Id, now, ct);
        foreach (var later in await db.ApprovalRouteStages.Where(s => s.RouteId == route.Id && s.Index > current.Index).OrderBy(s => s.Index).ToListAsync(ct))
        {
            if (later.Status is ApprovalStageStatus.Pending or ApprovalStageStatus.Active)
                later.Status = ApprovalStageStatus.Stopped;
        }
    }

    private static ApprovalTaskStatus? Decision(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "approve" => ApprovalTaskStatus.Approved,
        "reject" => ApprovalTaskStatus.Rejected,
        "rework" => ApprovalTaskStatus.Rework,
        _ => null,
    };
}
