#pragma warning disable CS9113 // contract commit: the bodies follow
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;

namespace Letopis.Core.Activities;

/// <summary>Plans an activity for the caller or, with authority over them, for a colleague.</summary>
public sealed class PlanActivity(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<ActivityDto>> HandleAsync(AccessContext access, PlanActivityRequest request, CancellationToken ct) =>
        throw new NotImplementedException();
}
