#pragma warning disable CS9113 // contract commit: the body follows
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Documents;

/// <summary>The whole tree of any of its nodes, with what each contract still lacks.</summary>
public sealed class ReadDocumentTree(LetopisDb db)
{
    public Task<Result<DocumentTreeDto>> HandleAsync(AccessContext access, Guid id, CancellationToken ct) => throw new NotImplementedException();
}
