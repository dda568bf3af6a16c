#pragma warning disable CS9113 // contract commit: the bodies follow
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;

namespace Letopis.Core.Activities;

/// <summary>Edits or moves a planned activity (JSON merge patch with a version check).</summary>
public sealed class UpdateActivity(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<ActivityDto>> HandleAsync(
        AccessContext access, Guid id, ActivityFields fields, int? version, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();
}
