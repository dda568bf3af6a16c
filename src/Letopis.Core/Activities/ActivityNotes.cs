#pragma warning disable CS9113 // contract commit: the bodies follow
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;

namespace Letopis.Core.Activities;

/// <summary>The chronicle notes of an activity; each also lands on its counterparty's timeline.</summary>
public sealed class ActivityNotes(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public Task<Result<PageOf<ActivityNoteDto>>> ListAsync(AccessContext access, Guid activityId, PageRequest page, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<ActivityNoteDto>> AddAsync(AccessContext access, Guid activityId, string? text, CancellationToken ct) =>
        throw new NotImplementedException();
}
