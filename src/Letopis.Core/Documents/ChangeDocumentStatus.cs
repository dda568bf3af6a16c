#pragma warning disable CS9113 // contract commit: the body follows
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Documents;

/// <summary>Moves a document along its life cycle (<see cref="DocumentStatuses"/>); the comment goes to the history and the timeline.</summary>
public sealed class ChangeDocumentStatus(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<DocumentDto>> HandleAsync(
        AccessContext access, Guid id, string? status, string? comment, int? version, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();
}
