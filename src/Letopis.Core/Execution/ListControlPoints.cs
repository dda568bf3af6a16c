using Letopis.Core.Access;
using Letopis.Core.Common;

namespace Letopis.Core.Execution;

/// <summary>Control points across contracts: the department view of what is overdue.</summary>
public sealed class ListControlPoints
{
    public Task<PageOf<ControlPointDto>> HandleAsync(AccessContext access, ControlPointQuery query, PageRequest page, CancellationToken ct) =>
        Task.FromResult(new PageOf<ControlPointDto>([], 0, page.Page, page.PageSize));
}
