#pragma warning disable CS9113 // the bodies come with the next commit
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;

namespace Letopis.Core.Correspondence;

/// <summary>One assignment with its reports.</summary>
public sealed class ReadAssignment(LetopisDb db, TimeProvider time)
{
    public Task<Result<AssignmentDto>> HandleAsync(AccessContext access, Guid id, CancellationToken ct) =>
        Task.FromResult<Result<AssignmentDto>>(new Error("not_implemented", "Not implemented yet."));
}
