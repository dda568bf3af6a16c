#pragma warning disable CS9113 // contract commit: the body follows
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Documents;

/// <summary>The documents part of the combined counterparty card: every tree holding one of its documents.</summary>
public sealed class ReadCounterpartyDocuments(LetopisDb db)
{
    public Task<Result<CounterpartyDocumentsDto>> HandleAsync(AccessContext access, Guid counterpartyId, CancellationToken ct) =>
        throw new NotImplementedException();
}
