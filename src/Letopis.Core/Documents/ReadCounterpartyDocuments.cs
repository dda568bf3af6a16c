using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>The documents part of the combined counterparty card: every tree holding one of its documents.</summary>
public sealed class ReadCounterpartyDocuments(LetopisDb db)
{
    /// <summary>At most this many trees, the newest first: a card is not a registry (the registry pages the rest).</summary>
    public const int MaxTrees = 200;

    public async Task<Result<CounterpartyDocumentsDto>> HandleAsync(AccessContext access, Guid counterpartyId, CancellationToken ct)
    {
        if (!await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).AnyAsync(c => c.Id == counterpartyId, ct))
            return Error.NotFound();
        var roots = await db.VisibleDocuments(access)
            .Where(d => d.CounterpartyId == counterpartyId)
            .GroupBy(d => d.RootId)
            .Select(g => new { RootId = g.Key, Latest = g.Max(d => d.RegisteredOn) })
            .OrderByDescending(g => g.Latest)
            .Take(MaxTrees)
            .Select(g => g.RootId)
            .ToListAsync(ct);
        var (trees, count) = await DocumentTrees.BuildAsync(db, access, roots, ct);
        return new CounterpartyDocumentsDto(counterpartyId, trees, count);
    }
}
