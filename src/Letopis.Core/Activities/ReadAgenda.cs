#pragma warning disable CS9113 // contract commit: the bodies follow
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;

namespace Letopis.Core.Activities;

/// <summary>A user's planned activities for a day, grouped by kind, with the agendas of the colleagues the caller stands in for.</summary>
public sealed class ReadAgenda(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    /// <param name="date">The day; default: today.</param>
    /// <param name="userId">Whose agenda; default: the caller.</param>
    public Task<Result<AgendaDto>> HandleAsync(AccessContext access, DateOnly? date, Guid? userId, CancellationToken ct) =>
        throw new NotImplementedException();
}
