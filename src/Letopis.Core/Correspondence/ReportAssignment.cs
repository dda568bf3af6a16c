using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents.Files;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Correspondence;

/// <summary>
/// An executor (lead or co-executor) reports on an assignment («отчёт об исполнении»). On control
/// the assignment waits for the controller (<c>reported</c>); otherwise the report closes it
/// (<c>done</c>, closure <c>reported</c>). Files go to the letter's files and onto the report: the one
/// waiting for a verdict, else a report being prepared (a row without text until the executor sends it).
/// </summary>
public sealed class ReportAssignment(LetopisDb db, AssignmentWork work, UploadDocumentFile upload, ICurrentActor actor)
{
    public async Task<Result<AssignmentDto>> ReportAsync(AccessContext access, Guid id, AssignmentReportRequest request, CancellationToken ct)
    {
        var (assignment, document) = await work.LoadAsync(access, id, ct);
        if (assignment is null || document is null)
            return Error.NotFound();
        var executors = await work.ExecutorsAsync(id, ct);
        if (!AssignmentWork.IsExecutor(access, executors))
            return Error.Forbidden();
        if (AssignmentWork.IsClosed(assignment))
            return Closed();
        if (assignment.Status == AssignmentStatus.Reported)
            return new Error(CorrespondenceNotices.AlreadyReported, "The report waits for the controller's verdict.");
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
            return Error.Validation(("text", FieldErrors.Required));
        if (text.Length > TextLimits.Long)
            return Error.Validation(("text", FieldErrors.TooLong));

        var now = work.Now;
        var report = await PreparedReportAsync(id, ct);
        if (report is null)
        {
            report = new AssignmentReport { AssignmentId = id };
            db.AssignmentReports.Add(report);
        }
        report.AuthorId = actor.UserId ?? access.UserId;
        report.Text = text;
        report.At = now;
        string line;
        if (assignment.ControllerId is { } controller)
        {
            assignment.Status = AssignmentStatus.Reported;
            // The executors did their part: only the controller's verdict is awaited now.
            await work.DisarmAsync(assignment.Id, ct);
            await work.TellAsync([controller], CorrespondenceNotices.Reported, assignment, document, text, ct);
            line = "reported";
        }
        else
        {
            await work.CloseAsync(assignment, AssignmentStatus.Done, AssignmentClosure.Reported, executors, ct);
            if (assignment.AuthorId is { } author)
                await work.TellAsync([author], CorrespondenceNotices.Reported, assignment, document, text, ct);
            line = "done";
        }
        await work.RecordAsync(document, CorrespondenceNotices.HistoryAssignment, await work.LineAsync(assignment, line, ct) + "\n" + text,
            assignment.Status == AssignmentStatus.Done ? CorrespondenceNotices.TimelineAssignmentDone : null, ct);
        if (await SaveAsync(ct) is { } stale)
            return stale;
        return await work.CardAsync(access, id, ct);
    }

    /// <summary>Stores a file among the letter's files and attaches it to the open report (a report being prepared when none waits).</summary>
    public async Task<Result<AssignmentDto>> AttachFileAsync(AccessContext access, Guid id, string? name, Stream content, long? declaredLength, CancellationToken ct)
    {
        var (assignment, document) = await work.LoadAsync(access, id, ct);
        if (assignment is null || document is null)
            return Error.NotFound();
        var executors = await work.ExecutorsAsync(id, ct);
        if (!AssignmentWork.IsExecutor(access, executors))
            return Error.Forbidden();
        if (AssignmentWork.IsClosed(assignment))
            return Closed();
        if (UploadDocumentFile.CheckName(name) is { } badName)
            return badName;
        var target = await upload.PrepareReportFileAsync(access, document.Id, declaredLength, ct);
        if (!target.IsSuccess)
            return target.Error!;
        var stored = await upload.StoreAsync(target.Value, content, ct);
        if (!stored.IsSuccess)
            return stored.Error!;
        // The file is the letter's from here on (its history and quota say so), whatever happens to the report.
        var committed = await upload.CommitAsync(target.Value, name!, stored.Value, null, ct);
        if (!committed.IsSuccess)
            return committed.Error!;

        db.ChangeTracker.Clear();
        var report = await OpenReportAsync(id, assignment.Status, ct);
        if (report is null)
        {
            report = new AssignmentReport { AssignmentId = id, AuthorId = actor.UserId ?? access.UserId, Text = "", At = work.Now };
            db.AssignmentReports.Add(report);
        }
        db.AssignmentReportFiles.Add(new AssignmentReportFile { ReportId = report.Id, FileVersionId = committed.Value.VersionId, Name = committed.Value.Name });
        await db.SaveChangesAsync(ct);
        return await work.CardAsync(access, id, ct);
    }

    /// <summary>The report a file belongs to: the one sent and waiting, else the one being prepared.</summary>
    private async Task<AssignmentReport?> OpenReportAsync(Guid id, AssignmentStatus status, CancellationToken ct) =>
        status == AssignmentStatus.Reported
            ? await db.AssignmentReports.Where(r => r.AssignmentId == id && r.Outcome == null).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct)
            : await PreparedReportAsync(id, ct);

    /// <summary>A report without text yet: files gathered before the executor sends the report.</summary>
    private async Task<AssignmentReport?> PreparedReportAsync(Guid id, CancellationToken ct) =>
        await db.AssignmentReports.Where(r => r.AssignmentId == id && r.Outcome == null && r.Text == "")
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);

    private async Task<Error?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            await work.PublishAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            work.Reset();
            return Error.StaleVersion();
        }
    }

    internal static Error Closed() => new(CorrespondenceNotices.Closed, "The assignment is closed.");
}
