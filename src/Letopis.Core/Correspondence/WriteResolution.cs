#pragma warning disable CS9113 // the bodies come with the next commit
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;

namespace Letopis.Core.Correspondence;

/// <summary>Writes a resolution with its assignments on a letter.</summary>
public sealed class WriteResolution(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<ResolutionDto>> HandleAsync(AccessContext access, Guid documentId, WriteResolutionRequest request, CancellationToken ct) =>
        Task.FromResult<Result<ResolutionDto>>(new Error("not_implemented", "Not implemented yet."));
}
