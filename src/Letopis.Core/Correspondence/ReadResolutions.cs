#pragma warning disable CS9113 // the bodies come with the next commit
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;

namespace Letopis.Core.Correspondence;

/// <summary>The resolutions of a letter with their assignments and reports.</summary>
public sealed class ReadResolutions(LetopisDb db, TimeProvider time)
{
    public Task<Result<IReadOnlyList<ResolutionDto>>> ForDocumentAsync(AccessContext access, Guid documentId, CancellationToken ct) =>
        Task.FromResult<Result<IReadOnlyList<ResolutionDto>>>(new Error("not_implemented", "Not implemented yet."));
}
