using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Approvals;

/// <summary>A document's approval routes as the card shows them: the current one, or all rounds.</summary>
public sealed class ReadApprovalRoute(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company)
{
    /// <summary>The newest route of the document; null when it never went to approval.</summary>
    public async Task<Result<ApprovalRouteDto?>> CurrentAsync(AccessContext access, Guid documentId, CancellationToken ct)
    {
        if (!await ApprovalAccess.SeesDocumentAsync(db, access, actor, documentId, company.Today(time), ct))
            return Error.NotFound();
        var route = await db.ApprovalRoutes.AsNoTracking().Where(r => r.DocumentId == documentId)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (route is null)
            return Result<ApprovalRouteDto?>.Ok(null);
        return (await ApprovalAccess.ProjectAsync(db, [route], Now, ct))[0];
    }

    /// <summary>Every route of the document, newest first.</summary>
    public async Task<Result<IReadOnlyList<ApprovalRouteDto>>> ListAsync(AccessContext access, Guid documentId, CancellationToken ct)
    {
        if (!await ApprovalAccess.SeesDocumentAsync(db, access, actor, documentId, company.Today(time), ct))
            return Error.NotFound();
        var routes = await db.ApprovalRoutes.AsNoTracking().Where(r => r.DocumentId == documentId)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).ToListAsync(ct);
        return await ApprovalAccess.ProjectAsync(db, routes, Now, ct);
    }

    public async Task<Result<ApprovalRouteDto>> GetAsync(AccessContext access, Guid routeId, CancellationToken ct)
    {
        var route = await db.ApprovalRoutes.AsNoTracking().SingleOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null || !await ApprovalAccess.SeesDocumentAsync(db, access, actor, route.DocumentId, company.Today(time), ct))
            return Error.NotFound();
        return (await ApprovalAccess.ProjectAsync(db, [route], Now, ct))[0];
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
