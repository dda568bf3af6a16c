#pragma warning disable CS9113 // contract commit: the body follows
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Documents;

/// <summary>Edits a document card (JSON merge patch); the number and the type never change, the status has its own handler.</summary>
public sealed class UpdateDocument(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<DocumentDto>> HandleAsync(
        AccessContext access, Guid id, DocumentFields fields, int? version, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();
}
