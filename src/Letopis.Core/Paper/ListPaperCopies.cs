using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Paper;

/// <summary>
/// Copies out and overdue: of everyone (the office staff), of a holder, of a department and the
/// departments below it. Others see the copies of documents they may read and the copies they hold.
/// Each filter is one range of the copy indexes by state and due date.
/// </summary>
public sealed class ListPaperCopies(LetopisDb db, TimeProvider time, CompanyTimeZone company)
{
    public async Task<PageOf<PaperCopyDto>> HandleAsync(AccessContext access, PaperCopyQuery query, PageRequest page, CancellationToken ct)
    {
        var today = company.Today(time);
        var rows = await (await FilterAsync(access, query, today, ct))
            .OrderBy(c => c.DueBack).ThenBy(c => c.Id).ToPageAsync(page, ct);
        return new PageOf<PaperCopyDto>(await PaperViews.CopiesAsync(db, rows.Items, today, ct), rows.Total, rows.Page, rows.PageSize);
    }

    /// <summary>How many copies are out and how many of them overdue, under the holder and department filters.</summary>
    public async Task<PaperCopyCountsDto> CountsAsync(AccessContext access, PaperCopyQuery query, CancellationToken ct)
    {
        var today = company.Today(time);
        var outNow = await (await FilterAsync(access, query with { Out = true, Overdue = null }, today, ct)).CountAsync(ct);
        var overdue = await (await FilterAsync(access, query with { Out = null, Overdue = true }, today, ct)).CountAsync(ct);
        return new PaperCopyCountsDto(outNow, overdue);
    }

    private async Task<IQueryable<PaperCopy>> FilterAsync(AccessContext access, PaperCopyQuery query, DateOnly today, CancellationToken ct)
    {
        var copies = db.PaperCopies.AsNoTracking();
        if (query.Overdue == true)
            copies = copies.Where(c => c.State == PaperCopyState.Out && c.DueBack < today);
        else if (query.Overdue == false)
            copies = copies.Where(c => !(c.State == PaperCopyState.Out && c.DueBack < today));
        if (query.Out == true)
            copies = copies.Where(c => c.State == PaperCopyState.Out);
        else if (query.Out == false)
            copies = copies.Where(c => c.State != PaperCopyState.Out);
        if (query.HolderId is { } holderId)
            copies = copies.Where(c => c.HolderId == holderId);
        if (query.DepartmentId is { } departmentId)
        {
            var all = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ParentId }).ToListAsync(ct);
            var tree = Department.SelfAndDescendants(departmentId, all.Select(d => (d.Id, d.ParentId))).ToList();
            copies = copies.Where(c => c.HolderDepartmentId != null && tree.Contains(c.HolderDepartmentId.Value));
        }
        if (query.DocumentId is { } documentId)
            copies = copies.Where(c => c.DocumentId == documentId);
        if (!PaperRights.IsOffice(access))
        {
            var me = access.UserId;
            var visible = db.VisibleDocuments(access).Select(d => d.Id);
            copies = copies.Where(c => c.HolderId == me || visible.Contains(c.DocumentId));
        }
        return copies;
    }
}
