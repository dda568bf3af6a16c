using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Correspondence;

/// <summary>One assignment with its reports, for whoever sees its letter.</summary>
public sealed class ReadAssignment(LetopisDb db, AssignmentWork work)
{
    public async Task<Result<AssignmentDto>> HandleAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var documentId = await db.Assignments.AsNoTracking().Where(a => a.Id == id).Select(a => (Guid?)a.DocumentId).SingleOrDefaultAsync(ct);
        if (documentId is null || !await db.VisibleDocuments(access).AnyAsync(d => d.Id == documentId, ct))
            return Error.NotFound();
        return await work.CardAsync(access, id, ct);
    }
}
