#pragma warning disable CS9113 // contract commit: the body follows
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Documents;

/// <summary>Free links between documents («see also», «replaces»), both ends visible to the caller.</summary>
public sealed class ManageDocumentLinks(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<List<DocumentLinkDto>>> ListAsync(AccessContext access, Guid documentId, CancellationToken ct) =>
        throw new NotImplementedException();

    /// <param name="kind"><c>see_also</c> (default) or <c>replaces</c>.</param>
    public Task<Result<DocumentLinkDto>> AddAsync(AccessContext access, Guid documentId, Guid? toId, string? kind, CancellationToken ct) =>
        throw new NotImplementedException();

    /// <summary>Removes the link to <paramref name="toId"/> (of that kind, or of any kind when null), in either direction.</summary>
    public Task<Result<int>> RemoveAsync(AccessContext access, Guid documentId, Guid? toId, string? kind, CancellationToken ct) =>
        throw new NotImplementedException();
}
