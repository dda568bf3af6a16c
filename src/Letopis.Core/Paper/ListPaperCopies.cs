#pragma warning disable CS9113 // bodies follow
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;

namespace Letopis.Core.Paper;

/// <summary>Copies out and overdue, of everyone (office staff), of a holder, of a department and below.</summary>
public sealed class ListPaperCopies(LetopisDb db, TimeProvider time)
{
    public Task<PageOf<PaperCopyDto>> HandleAsync(AccessContext access, PaperCopyQuery query, PageRequest page, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<PaperCopyCountsDto> CountsAsync(AccessContext access, PaperCopyQuery query, CancellationToken ct) =>
        throw new NotImplementedException();
}
