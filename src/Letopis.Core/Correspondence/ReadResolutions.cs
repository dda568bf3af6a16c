using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Correspondence;

/// <summary>The resolutions of a letter, oldest first, with their assignments and reports.</summary>
public sealed class ReadResolutions(LetopisDb db, AssignmentWork work)
{
    public async Task<Result<IReadOnlyList<ResolutionDto>>> ForDocumentAsync(AccessContext access, Guid documentId, CancellationToken ct)
    {
        if (!await db.VisibleDocuments(access).AnyAsync(d => d.Id == documentId, ct))
            return Error.NotFound();
        var resolutions = await db.Resolutions.AsNoTracking().Where(r => r.DocumentId == documentId)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.DocumentId == documentId)
            .OrderBy(a => a.Number).ThenBy(a => a.Id).Select(a => new { a.Id, a.ResolutionId }).ToListAsync(ct);
        var cards = (await work.CardsAsync(access, assignments.Select(a => a.Id).ToList(), ct)).ToLookup(c => c.ResolutionId);
        var authorIds = resolutions.Where(r => r.AuthorId != null).Select(r => r.AuthorId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        return resolutions.Select(r => new ResolutionDto(
            r.Id, r.DocumentId, r.AuthorId is { } a ? new DocumentPersonDto(a, names.GetValueOrDefault(a, "")) : null, r.Text, r.CreatedAt,
            cards[r.Id].ToList())).ToList();
    }
}
