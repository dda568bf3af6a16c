using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Access;

/// <summary>The colleague directory: every signed-in user may see who works where.</summary>
public sealed class ListUsers(LetopisDb db, TimeProvider time)
{
    public async Task<PageOf<UserDto>> HandleAsync(string? q, Guid? departmentId, bool? active, PageRequest page, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            var upper = term.ToUpperInvariant();
            // Full names are compared as typed and capitalised (SQLite's LIKE ignores case only for ASCII).
            var capital = term.Length > 0 ? char.ToUpperInvariant(term[0]) + term[1..] : term;
            query = query.Where(u => u.NormalizedUserName!.Contains(upper)
                                     || u.FullName.Contains(term) || u.FullName.Contains(capital)
                                     || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(upper)));
        }
        if (departmentId is { } d)
            query = query.Where(u => u.DepartmentId == d);
        if (active is { } a)
            query = query.Where(u => u.IsActive == a);

        var total = await query.CountAsync(ct);
        var pageQuery = query.OrderBy(u => u.FullName).ThenBy(u => u.Id).Skip(page.Skip).Take(page.PageSize);
        var items = await UserProjection.LoadManyAsync(db, pageQuery, time.GetUtcNow().UtcDateTime, ct);
        return new PageOf<UserDto>(items, total, page.Page, page.PageSize);
    }

    public async Task<Result<UserDto>> GetAsync(Guid id, CancellationToken ct) =>
        await UserProjection.LoadAsync(db, id, time.GetUtcNow().UtcDateTime, ct) is { } user ? user : Error.NotFound();
}
