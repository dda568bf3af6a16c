using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>The whole tree of any of its nodes, with what each contract still lacks.</summary>
public sealed class ReadDocumentTree(LetopisDb db)
{
    public async Task<Result<DocumentTreeDto>> HandleAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var root = await db.VisibleDocuments(access).Where(d => d.Id == id).Select(d => (Guid?)d.RootId).SingleOrDefaultAsync(ct);
        if (root is null)
            return Error.NotFound();
        var (roots, _) = await DocumentTrees.BuildAsync(db, access, [root.Value], ct);
        return new DocumentTreeDto(id, roots);
    }
}
