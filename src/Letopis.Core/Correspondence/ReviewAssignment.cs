#pragma warning disable CS9113 // the bodies come with the next commit
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;

namespace Letopis.Core.Correspondence;

/// <summary>The controller accepts or returns a report; the author or the controller cancels an assignment.</summary>
public sealed class ReviewAssignment(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<AssignmentDto>> AcceptAsync(AccessContext access, Guid id, AssignmentReviewRequest? request, CancellationToken ct) =>
        Task.FromResult<Result<AssignmentDto>>(new Error("not_implemented", "Not implemented yet."));

    public Task<Result<AssignmentDto>> ReturnAsync(AccessContext access, Guid id, AssignmentReviewRequest request, CancellationToken ct) =>
        Task.FromResult<Result<AssignmentDto>>(new Error("not_implemented", "Not implemented yet."));

    public Task<Result<AssignmentDto>> CancelAsync(AccessContext access, Guid id, AssignmentReviewRequest? request, CancellationToken ct) =>
        Task.FromResult<Result<AssignmentDto>>(new Error("not_implemented", "Not implemented yet."));
}
