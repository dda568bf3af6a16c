using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Correspondence;

/// <summary>
/// The controller accepts a report (the assignment is done) or returns it for rework with a comment
/// (open again, the reminders re-armed); the author, the controller or an editor of the letter
/// cancels an assignment.
/// </summary>
public sealed class ReviewAssignment(LetopisDb db, AssignmentWork work, ICurrentActor actor)
{
    public async Task<Result<AssignmentDto>> AcceptAsync(AccessContext access, Guid id, AssignmentReviewRequest? request, CancellationToken ct) =>
        await ReviewAsync(access, id, request ?? new AssignmentReviewRequest(null), accept: true, ct);

    public async Task<Result<AssignmentDto>> ReturnAsync(AccessContext access, Guid id, AssignmentReviewRequest request, CancellationToken ct) =>
        await ReviewAsync(access, id, request, accept: false, ct);

    public async Task<Result<AssignmentDto>> CancelAsync(AccessContext access, Guid id, AssignmentReviewRequest? request, CancellationToken ct)
    {
        var (assignment, document) = await work.LoadAsync(access, id, ct);
        if (assignment is null || document is null)
            return Error.NotFound();
        if (assignment.AuthorId != access.UserId && !AssignmentWork.IsController(access, assignment) && !await work.EditsLetterAsync(access, document, ct))
            return Error.Forbidden();
        if (request?.Version is { } version && version != assignment.Version)
            return Error.StaleVersion();
        if (AssignmentWork.IsClosed(assignment))
            return ReportAssignment.Closed();
        var comment = Comment(request?.Comment, out var bad);
        if (bad is not null)
            return bad;

        var executors = await work.ExecutorsAsync(id, ct);
        await work.CloseAsync(assignment, AssignmentStatus.Cancelled, null, executors, ct);
        await work.TellAsync(executors.Select(x => x.UserId), CorrespondenceNotices.Cancelled, assignment, document, comment, ct);
        await work.RecordAsync(document, CorrespondenceNotices.HistoryAssignment,
            await work.LineAsync(assignment, "cancelled", ct) + (comment is null ? "" : "\n" + comment), null, ct);
        return await SaveAsync(access, id, ct);
    }

    private async Task<Result<AssignmentDto>> ReviewAsync(AccessContext access, Guid id, AssignmentReviewRequest request, bool accept, CancellationToken ct)
    {
        var (assignment, document) = await work.LoadAsync(access, id, ct);
        if (assignment is null || document is null)
            return Error.NotFound();
        if (!AssignmentWork.IsController(access, assignment))
            return Error.Forbidden();
        if (request.Version is { } version && version != assignment.Version)
            return Error.StaleVersion();
        if (AssignmentWork.IsClosed(assignment))
            return ReportAssignment.Closed();
        if (assignment.Status != AssignmentStatus.Reported)
            return new Error(CorrespondenceNotices.NotReported, "No report waits for a verdict.");
        var comment = Comment(request.Comment, out var bad);
        if (bad is not null)
            return bad;
        if (!accept && comment is null)
            return Error.Validation(("comment", FieldErrors.Required));

        var report = await db.AssignmentReports.Where(r => r.AssignmentId == id && r.Outcome == null && r.Text != "")
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var now = work.Now;
        if (report is not null)
        {
            report.Outcome = accept ? AssignmentReportOutcome.Accepted : AssignmentReportOutcome.Returned;
            report.ReviewComment = comment;
            report.ReviewedAt = now;
            report.ReviewedById = actor.UserId ?? access.UserId;
        }
        var executors = await work.ExecutorsAsync(id, ct);
        if (accept)
        {
            await work.CloseAsync(assignment, AssignmentStatus.Done, AssignmentClosure.Accepted, executors, ct);
            await work.TellAsync(executors.Select(x => x.UserId), CorrespondenceNotices.Accepted, assignment, document, comment, ct);
        }
        else
        {
            assignment.Status = AssignmentStatus.Open;
            AssignmentWork.Sync(assignment, executors);
            await work.ArmAsync(assignment, document, executors.Select(x => x.UserId), ct);
            await work.TellAsync(executors.Select(x => x.UserId), CorrespondenceNotices.Returned, assignment, document, comment, ct);
        }
        await work.RecordAsync(document, CorrespondenceNotices.HistoryAssignment,
            await work.LineAsync(assignment, accept ? "accepted" : "returned", ct) + (comment is null ? "" : "\n" + comment),
            accept ? CorrespondenceNotices.TimelineAssignmentDone : null, ct);
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

    private static string? Comment(string? text, out Error? bad)
    {
        var comment = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        bad = comment is { Length: > TextLimits.Long } ? Error.Validation(("comment", FieldErrors.TooLong)) : null;
        return comment;
    }
}
