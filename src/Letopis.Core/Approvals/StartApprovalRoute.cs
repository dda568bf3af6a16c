using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals;

/// <summary>Error codes of the approval engine (409 unless said otherwise); the web layer localizes them as <c>error.&lt;code&gt;</c>.</summary>
public static class ApprovalErrors
{
    public static Error NoScheme() => new("approval_no_scheme", "No approval scheme is published for this document type.");

    public static Error Running() => new("approval_running", "The document is already on approval.");

    public static Error NoFile() => new("approval_no_file", "The document has no file to approve.");

    public static Error Decided() => new("approval_task_decided", "The task is decided already.");

    public static Error NotRunning() => new("approval_not_running", "The route is not in a state that allows this.");

    public static Error NoNewVersion() => new("approval_no_new_version", "Upload a new version of the file before resubmitting.");

    public static Error DocumentStatus() => new("approval_document_status", "A document in this status cannot go to approval.");
}

/// <summary>Sends a document to approval along its type's newest published scheme version.</summary>
public sealed class StartApprovalRoute(LetopisDb db, TimeProvider time, ApprovalFlow flow)
{
    private static readonly DocumentStatus[] Startable = [DocumentStatus.Draft, DocumentStatus.Rework, DocumentStatus.Rejected, DocumentStatus.Approved];

    public async Task<Result<ApprovalRouteDto>> HandleAsync(AccessContext access, Guid documentId, StartApprovalRequest request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryAsync(access, documentId, request, ct);
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

    private async Task<Result<ApprovalRouteDto>> TryAsync(AccessContext access, Guid documentId, StartApprovalRequest request, CancellationToken ct)
    {
        var (document, co) = await DocumentWrites.LoadAsync(db, access, documentId, ct);
        if (document is null)
            return Error.NotFound();
        if (!DocumentAccess.Allows(access, PermissionAction.Edit, document.ResponsibleId, co))
            return Error.Forbidden();
        var errors = new List<(string, string)>();
        var comment = TextRules.Field(request.Comment, "comment", TextLimits.Long, errors, multiLine: true);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var scheme = await db.ApprovalSchemes.AsNoTracking()
            .Where(s => s.DocumentTypeId == document.TypeId && s.PublishedVersionId != null)
            .Select(s => new { s.Id, s.Name, VersionId = s.PublishedVersionId!.Value, s.PublishedVersion }).SingleOrDefaultAsync(ct);
        if (scheme is null)
            return ApprovalErrors.NoScheme();
        if (await db.ApprovalRoutes.AnyAsync(r => r.DocumentId == documentId
                && (r.Status == ApprovalRouteStatus.Running || r.Status == ApprovalRouteStatus.Rework), ct))
            return ApprovalErrors.Running();
        if (!await ApprovalSaves.CurrentFiles(db, documentId).AnyAsync(ct))
            return ApprovalErrors.NoFile();
        if (!Startable.Contains(document.Status))
            return ApprovalErrors.DocumentStatus();

        var now = time.GetUtcNow().UtcDateTime;
        var definition = await flow.DefinitionOfAsync(scheme.VersionId, ct);
        var route = new ApprovalRoute
        {
            DocumentId = documentId,
            SchemeId = scheme.Id,
            SchemeVersionId = scheme.VersionId,
            SchemeVersionNumber = scheme.PublishedVersion,
            Status = ApprovalRouteStatus.Running,
            StartedAt = now,
            StartedById = access.UserId,
        };
        db.ApprovalRoutes.Add(route);
        flow.AddStages(route, definition);
        document.Status = DocumentStatus.OnApproval;
        await flow.RecordStatusAsync(document, comment, now, ct);
        await flow.ActivateFromAsync(route, 0, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Two starts raced: the filtered unique index let only one live route in.
            db.ChangeTracker.Clear();
            flow.Reset();
            if (await db.ApprovalRoutes.AnyAsync(r => r.DocumentId == documentId
                    && (r.Status == ApprovalRouteStatus.Running || r.Status == ApprovalRouteStatus.Rework), ct))
                return ApprovalErrors.Running();
            throw;
        }
        await flow.PublishAsync(ct);
        return await ApprovalAccess.ProjectAsync(db, route.Id, now, ct);
    }
}

/// <summary>Steps the engine's handlers share around saving.</summary>
internal static class ApprovalSaves
{
    /// <summary>How often a handler starts over after losing a race on the route's version.</summary>
    public const int Attempts = 5;

    /// <summary>The current version of each file of the document: what an approver has before them.</summary>
    public static IQueryable<DocumentFileVersion> CurrentFiles(LetopisDb db, Guid documentId) =>
        db.DocumentFiles.Where(f => f.DocumentId == documentId && !f.Deleted)
            .Join(db.DocumentFileVersions, f => new { FileId = f.Id, Number = f.CurrentVersion }, v => new { v.FileId, Number = v.Version }, (f, v) => v);
}
