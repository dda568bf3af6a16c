using Letopis.Core.Access;
using Letopis.Core.Data;

namespace Letopis.Core.Deals;

/// <summary>The one way a lead or a deal's move is recorded: a <see cref="StageTransition"/> with the time spent where it stood.</summary>
internal static class StageMoves
{
    /// <summary>
    /// Records a move into <paramref name="to"/>; <paramref name="from"/> is null for the stage a record
    /// is created in, otherwise <paramref name="since"/> is when it entered <paramref name="from"/>.
    /// </summary>
    public static void Record(LetopisDb db, string kind, Guid id, Guid? from, Guid to, DateTime now, DateTime since, ICurrentActor? actor) =>
        db.StageTransitions.Add(new StageTransition
        {
            EntityKind = kind,
            EntityId = id,
            FromStageId = from,
            ToStageId = to,
            At = now,
            SecondsInPrevious = from is null ? null : (long)Math.Max(0, (now - since).TotalSeconds),
            UserId = actor?.UserId,
            OnBehalfOfId = actor?.OnBehalfOfId,
        });
}
