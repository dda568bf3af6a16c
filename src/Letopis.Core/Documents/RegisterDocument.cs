#pragma warning disable CS9113 // contract commit: the body follows
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Documents;

/// <summary>
/// Registers a document: validates every field, then gives it the next number of its journal and
/// saves it in one transaction, so a failed registration leaves no gap in the numbering.
/// </summary>
public sealed class RegisterDocument(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<DocumentDto>> HandleAsync(AccessContext access, RegisterDocumentRequest request, CancellationToken ct) =>
        throw new NotImplementedException();
}
