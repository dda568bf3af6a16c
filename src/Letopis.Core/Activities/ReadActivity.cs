using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>One activity and its history, if visible to the caller.</summary>
public sealed class ReadActivity(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, GetHistory history, NameBook nameBook)
{
    public async Task<Result<ActivityDto>> HandleAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var dto = await viewer.Visible(db.Activities.AsNoTracking()).Where(a => a.Id == id).Project(db).SingleOrDefaultAsync(ct);
        return dto is null ? Error.NotFound() : dto.Finish(now, await nameBook.GetAsync(db, access.Stamp, ct));
    }

    /// <summary>The field changes of the activity, newest first, with who made them and for whom.</summary>
    public async Task<Result<PageOf<ChangeDto>>> HistoryAsync(AccessContext access, Guid id, PageRequest page, CancellationToken ct)
    {
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        // The history of a hidden activity is as hidden as the activity.
        if (!await viewer.Visible(db.Activities).AnyAsync(a => a.Id == id, ct))
            return Error.NotFound();
        return await history.HandleAsync(Activity.EntityKind, id, page, ct);
    }
}
