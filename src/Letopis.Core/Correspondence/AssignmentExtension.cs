#pragma warning disable CS9113 // the bodies come with the next commit
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;

namespace Letopis.Core.Correspondence;

/// <summary>An executor asks for a later due date; the controller (or the author) decides.</summary>
public sealed class AssignmentExtension(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<AssignmentDto>> RequestAsync(AccessContext access, Guid id, AssignmentExtensionRequest request, CancellationToken ct) =>
        Task.FromResult<Result<AssignmentDto>>(new Error("not_implemented", "Not implemented yet."));

    public Task<Result<AssignmentDto>> DecideAsync(AccessContext access, Guid id, AssignmentExtensionDecisionRequest request, CancellationToken ct) =>
        Task.FromResult<Result<AssignmentDto>>(new Error("not_implemented", "Not implemented yet."));
}
