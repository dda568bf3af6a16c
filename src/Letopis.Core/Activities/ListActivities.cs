#pragma warning disable CS9113 // contract commit: the bodies follow
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;

namespace Letopis.Core.Activities;

/// <summary>A page of visible activities: a date range for the calendar, a counterparty's for its card.</summary>
public sealed class ListActivities(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<PageOf<ActivityDto>>> HandleAsync(AccessContext access, ActivityListQuery query, PageRequest page, CancellationToken ct) =>
        throw new NotImplementedException();
}
