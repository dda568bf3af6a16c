using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Correspondence;

/// <summary>
/// An executor asks for a later due date («перенос срока») with a reason; the controller — or, not on
/// control, the resolution's author — grants it (the due date moves, the reminders are re-armed) or refuses it.
/// </summary>
public sealed class AssignmentExtension(LetopisDb db, AssignmentWork work)
{
    public async Task<Result<AssignmentDto>> RequestAsync(AccessContext access, Guid id, AssignmentExtensionRequest request, CancellationToken ct)
    {
        var (assignment, document) = await work.LoadAsync(access, id, ct);
        if (assignment is null || document is null)
            return Error.NotFound();
        var executors = await work.ExecutorsAsync(id, ct);
        if (!AssignmentWork.IsExecutor(access, executors))
            return Error.Forbidden();
        if (AssignmentWork.IsClosed(assignment))
            return ReportAssignment.Closed();
        var errors = new List<(string, string)>();
        if (request.DueOn is not { } dueOn)
            errors.Add(("dueOn", FieldErrors.Required));
        else if (dueOn <= assignment.DueOn || dueOn < work.Today)
            errors.Add(("dueOn", CorrespondenceNotices.NotLater));
        else if (!DateLimits.Contains(dueOn))
            errors.Add(("dueOn", FieldErrors.OutOfRange));
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            errors.Add(("reason", FieldErrors.Required));
        else if (reason.Length > TextLimits.Long)
            errors.Add(("reason", FieldErrors.TooLong));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        assignment.ExtensionRequestedTo = request.DueOn;
        assignment.ExtensionReason = reason;
        if ((assignment.ControllerId ?? assignment.AuthorId) is { } decider)
            await work.TellAsync([decider], CorrespondenceNotices.ExtensionRequested, assignment, document, reason, ct,
                CorrespondenceNotices.Day(request.DueOn!.Value));
        await work.RecordAsync(document, CorrespondenceNotices.HistoryAssignment,
            await work.LineAsync(assignment, "extension → " + CorrespondenceNotices.Day(request.DueOn!.Value), ct) + "\n" + reason, null, ct);
        return await SaveAsync(access, id, ct);
    }

    public async Task<Result<AssignmentDto>> DecideAsync(AccessContext access, Guid id, AssignmentExtensionDecisionRequest request, CancellationToken ct)
    {
        var (assignment, document) = await work.LoadAsync(access, id, ct);
        if (assignment is null || document is null)
            return Error.NotFound();
        if (!AssignmentWork.DecidesExtension(access, assignment))
            return Error.Forbidden();
        if (AssignmentWork.IsClosed(assignment))
            return ReportAssignment.Closed();
        if (assignment.ExtensionRequestedTo is not { } asked)
            return new Error(CorrespondenceNotices.NoExtensionRequest, "Nobody asked for a later date.");
        if (request.Approve is not { } approve)
            return Error.Validation(("approve", FieldErrors.Required));
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (comment is { Length: > TextLimits.Long })
            return Error.Validation(("comment", FieldErrors.TooLong));

        var executors = await work.ExecutorsAsync(id, ct);
        assignment.ExtensionRequestedTo = null;
        assignment.ExtensionReason = null;
        var old = assignment.DueOn;
        if (approve)
        {
            assignment.DueOn = asked;
            AssignmentWork.Sync(assignment, executors);
            if (assignment.Status == AssignmentStatus.Open)
                await work.ArmAsync(assignment, document, executors.Select(x => x.UserId), ct);
            await work.TellAsync(executors.Select(x => x.UserId), CorrespondenceNotices.ExtensionApproved, assignment, document, comment, ct,
                CorrespondenceNotices.Day(asked));
        }
        else
        {
            await work.TellAsync(executors.Select(x => x.UserId), CorrespondenceNotices.ExtensionRefused, assignment, document, comment, ct);
        }
        var what = approve ? $"{CorrespondenceNotices.Day(old)} → {CorrespondenceNotices.Day(asked)}" : "extension refused";
        await work.RecordAsync(document, CorrespondenceNotices.HistoryAssignment,
            await work.LineAsync(assignment, what, ct) + (comment is null ? "" : "\n" + comment), null, ct);
        return await SaveAsync(access, id, ct);
    }

    private async Task<Result<AssignmentDto>> SaveAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            work.Reset();
            return Error.StaleVersion();
        }
        await work.PublishAsync(ct);
        return await work.CardAsync(access, id, ct);
    }
}
