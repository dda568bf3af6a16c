using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Documents;

/// <summary>The document card: fields, parent, children, links and files the caller may see.</summary>
public sealed class ReadDocument(LetopisDb db)
{
    public async Task<Result<DocumentDto>> HandleAsync(AccessContext access, Guid id, CancellationToken ct) =>
        await DocumentProjection.LoadAsync(db, access, id, ct) is { } card ? card : Error.NotFound();
}
