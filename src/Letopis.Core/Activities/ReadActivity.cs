#pragma warning disable CS9113 // contract commit: the bodies follow
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;

namespace Letopis.Core.Activities;

/// <summary>One activity and its history, if visible to the caller.</summary>
public sealed class ReadActivity(LetopisDb db, TimeProvider time, ICurrentActor actor, GetHistory history)
{
    public Task<Result<ActivityDto>> HandleAsync(AccessContext access, Guid id, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<PageOf<ChangeDto>>> HistoryAsync(AccessContext access, Guid id, PageRequest page, CancellationToken ct) =>
        throw new NotImplementedException();
}
