#pragma warning disable CS9113 // contract commit: the bodies follow
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;

namespace Letopis.Core.Activities;

/// <summary>Cancels a planned activity; its reminders are cancelled with it.</summary>
public sealed class CancelActivity(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<ActivityDto>> HandleAsync(
        AccessContext access, Guid id, CancelActivityRequest request, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();
}
