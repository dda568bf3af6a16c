#pragma warning disable CS9113 // the bodies come with the next commit
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;

namespace Letopis.Core.Correspondence;

/// <summary>Records that an outgoing letter was sent; a reply closes the answered letter's open assignments.</summary>
public sealed class SendLetter(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<DocumentDto>> HandleAsync(AccessContext access, Guid documentId, SendLetterRequest request, CancellationToken ct) =>
        Task.FromResult<Result<DocumentDto>>(new Error("not_implemented", "Not implemented yet."));
}
