using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

/// <summary>
/// A user's change history: their roles, department, activity and sign-in settings over time. It is
/// personnel data, not the colleague directory, so it is read by those who manage the person: an
/// administrator (the only one who changes users), the head of the person's department or of a
/// department above it, and the person themself. Anyone else gets 404, as for a record they cannot
/// see.
/// </summary>
public sealed class ReadUserHistory(LetopisDb db, GetHistory history)
{
    public async Task<Result<PageOf<ChangeDto>>> HandleAsync(AccessContext access, Guid userId, PageRequest page, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.DepartmentId }).SingleOrDefaultAsync(ct);
        if (user is null || !await MayReadAsync(access, userId, user.DepartmentId, ct))
            return Error.NotFound();
        return await history.HandleAsync(EntityKinds.User, userId, page, ct);
    }

    private async Task<bool> MayReadAsync(AccessContext access, Guid userId, Guid? departmentId, CancellationToken ct)
    {
        if (access.IsAdmin || access.UserId == userId)
            return true;
        if (departmentId is null)
            return false;
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ParentId, d.HeadId }).ToListAsync(ct);
        var byId = departments.ToDictionary(d => d.Id);
        // Up the tree from the person's department: a head anywhere on the way manages them.
        var current = departmentId;
        for (var guard = 0; current is { } id && byId.TryGetValue(id, out var d) && guard < 10_000; guard++)
        {
            if (d.HeadId == access.UserId)
                return true;
            current = d.ParentId;
        }
        return false;
    }
}
