using Letopis.Core.Access;
using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Crm;

/// <summary>A timeline entry with the names of who did it.</summary>
public sealed record TimelineItemDto(
    Guid Id, DateTime At, string Kind, string? Text, Guid? UserId, string? UserName, Guid? OnBehalfOfId, string? OnBehalfOfName,
    string? EntityKind, Guid? EntityId);

/// <summary>
/// Reads a counterparty's timeline and adds notes to it; both need the card to be visible. The
/// timeline holds only the entries about documents and activities the caller may open.
/// </summary>
public sealed class ReadTimeline(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company)
{
    public Task<Result<PageOf<TimelineItemDto>>> HandleAsync(AccessContext access, Guid counterpartyId, PageRequest page, CancellationToken ct) =>
        HandleAsync(access, counterpartyId, page, null, ct);

    /// <summary>A page of the timeline, only of the entry <paramref name="kinds"/> given (null: all; see <see cref="TimelineFilters"/>).</summary>
    public async Task<Result<PageOf<TimelineItemDto>>> HandleAsync(
        AccessContext access, Guid counterpartyId, PageRequest page, IReadOnlyCollection<string>? kinds, CancellationToken ct)
    {
        if (!await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).AnyAsync(c => c.Id == counterpartyId, ct))
            return Error.NotFound();
        // An entry about a document (registered, status, file) names it and its files: it is shown
        // only to those who may open that document, filtered in SQL so that pages and the total agree.
        // The same holds for an activity (planned, moved, done, cancelled): its subject is as private
        // as the activity, which only its people, their heads and deputies and the scope's holders see.
        var documents = db.VisibleDocuments(access);
        var viewer = await ActivityViewer.LoadAsync(db, access, actor, company.Today(time), ct);
        var activities = viewer.Visible(db.Activities);
        var query = db.TimelineEvents.AsNoTracking()
            .Where(t => t.CounterpartyId == counterpartyId)
            .Where(t => t.EntityKind != Document.EntityKind || documents.Any(d => d.Id == t.EntityId))
            .Where(t => t.EntityKind != Activity.EntityKind || activities.Any(a => a.Id == t.EntityId));
        if (kinds is not null)
            query = query.Where(t => kinds.Contains(t.Kind));
        var total = await query.CountAsync(ct);
        var items = await Project(query.OrderByDescending(t => t.At).ThenByDescending(t => t.Id).Skip(page.Skip).Take(page.PageSize))
            .ToListAsync(ct);
        return new PageOf<TimelineItemDto>(items, total, page.Page, page.PageSize);
    }

    /// <summary>
    /// A dated note on where things stand («КП на рассмотрении, ждём ответа до пятницы»). Anyone who
    /// sees the card may add one: the chronicle is the whole team's memory of the client.
    /// </summary>
    public async Task<Result<TimelineItemDto>> AddNoteAsync(AccessContext access, Guid counterpartyId, string? text, CancellationToken ct)
    {
        if (!await db.Counterparties.VisibleTo(access, Counterparty.EntityKind).AnyAsync(c => c.Id == counterpartyId, ct))
            return Error.NotFound();
        var note = text?.Trim();
        if (string.IsNullOrEmpty(note))
            return Error.Validation(("text", FieldErrors.Required));
        if (note.Length > TextLimits.Long)
            return Error.Validation(("text", FieldErrors.TooLong));
        if (!TextRules.IsAllowed(note, multiLine: true))
            return Error.Validation(("text", TextRules.ControlCharacters));
        var entry = Timeline.Add(db, counterpartyId, time.GetUtcNow().UtcDateTime, actor, TimelineKinds.Note, note);
        await db.SaveChangesAsync(ct);
        return await Project(db.TimelineEvents.AsNoTracking().Where(t => t.Id == entry.Id)).SingleAsync(ct);
    }

    private IQueryable<TimelineItemDto> Project(IQueryable<TimelineEvent> events) =>
        events.Select(t => new TimelineItemDto(t.Id, t.At, t.Kind, t.Text,
            t.UserId, db.Users.Where(u => u.Id == t.UserId).Select(u => u.FullName).FirstOrDefault(),
            t.OnBehalfOfId, db.Users.Where(u => u.Id == t.OnBehalfOfId).Select(u => u.FullName).FirstOrDefault(),
            t.EntityKind, t.EntityId));
}
