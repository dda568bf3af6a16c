#pragma warning disable CS9113 // contract commit: the body follows
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Documents;

/// <summary>Registration journals: read by everyone, edited with the <c>documentType</c> right.</summary>
public sealed class ManageJournals(LetopisDb db)
{
    public Task<List<JournalDto>> ListAsync(bool? archived, CancellationToken ct) => throw new NotImplementedException();

    public Task<Result<JournalDto>> GetAsync(Guid id, CancellationToken ct) => throw new NotImplementedException();

    public Task<Result<JournalDto>> CreateAsync(AccessContext access, JournalFields fields, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<Result<JournalDto>> UpdateAsync(AccessContext access, Guid id, JournalFields fields, int? version, int? ifMatch, CancellationToken ct) =>
        throw new NotImplementedException();
}
