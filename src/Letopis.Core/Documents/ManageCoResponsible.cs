#pragma warning disable CS9113 // contract commit: the body follows
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Documents;

/// <summary>The co-responsible users of a document; every change goes to its history.</summary>
public sealed class ManageCoResponsible(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    /// <summary>Replaces the whole set.</summary>
    public Task<Result<DocumentDto>> SetAsync(
        AccessContext access, Guid documentId, IReadOnlyList<Guid> userIds, int? version, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<DocumentDto>> AddAsync(AccessContext access, Guid documentId, Guid userId, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<DocumentDto>> RemoveAsync(AccessContext access, Guid documentId, Guid userId, CancellationToken ct) =>
        throw new NotImplementedException();
}
