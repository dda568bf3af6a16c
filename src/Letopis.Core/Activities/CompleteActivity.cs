#pragma warning disable CS9113 // contract commit: the bodies follow
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;

namespace Letopis.Core.Activities;

/// <summary>Records the result of an activity and, in the same transaction, plans its follow-up.</summary>
public sealed class CompleteActivity(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<CompletedActivityDto>> HandleAsync(
        AccessContext access, Guid id, CompleteActivityRequest request, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();
}
