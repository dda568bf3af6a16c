#pragma warning disable CS9113 // contract commit: the body follows
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Documents;

/// <summary>The document registry: visible documents, filtered, newest registration first, paged with the total.</summary>
public sealed class ListDocuments(LetopisDb db)
{
    public Task<Result<PageOf<DocumentListItemDto>>> HandleAsync(AccessContext access, DocumentFilter filter, PageRequest page, CancellationToken ct) =>
        throw new NotImplementedException();
}
