#pragma warning disable CS9113 // the bodies come with the next commit
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;

namespace Letopis.Core.Correspondence;

/// <summary>«Поручения»: the caller's assignments as executor or controller.</summary>
public sealed class ListAssignments(LetopisDb db, TimeProvider time)
{
    public Task<PageOf<AssignmentListItemDto>> HandleAsync(AccessContext access, AssignmentQuery query, PageRequest page, CancellationToken ct) =>
        Task.FromResult(new PageOf<AssignmentListItemDto>([], 0, page.Page, page.PageSize));

    public Task<AssignmentCountsDto> CountAsync(AccessContext access, CancellationToken ct) =>
        Task.FromResult(new AssignmentCountsDto(0, 0, 0, 0, 0));
}
