using System.Linq.Expressions;
using Letopis.Core.Access;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>Activities projected straight to what the screens show, in one SQL statement.</summary>
internal static class ActivityProjection
{
    /// <summary>The most items one agenda returns (a day plus forgotten overdue ones).</summary>
    public const int AgendaLimit = 500;

    /// <summary>
    /// The shape of an activity row on screen; the database is a parameter so the compiled agenda query
    /// can share it. Users' names come from the node's <see cref="NameBook"/> in <see cref="Finish"/>:
    /// looked up in SQL they were seven of the eleven index searches per row of an agenda.
    /// </summary>
    private static readonly Expression<Func<LetopisDb, Activity, ActivityDto>> Shape = (db, a) => new ActivityDto(
            a.Id, a.Kind, a.Status, a.Subject, a.Description, a.PlannedAt, a.DurationMinutes, default, a.Place,
            a.AssigneeId, "", a.PlannedById, "", a.PlannedOnBehalfOfId, null,
            a.CounterpartyId, db.Counterparties.Where(c => c.Id == a.CounterpartyId).Select(c => c.Name).FirstOrDefault(),
            a.ContactId, db.ContactPersons.Where(p => p.Id == a.ContactId).Select(p => p.FullName).FirstOrDefault(),
            db.ContactPersons.Where(p => p.Id == a.ContactId).Select(p => p.Phone ?? p.Phone2).FirstOrDefault()
                ?? db.Counterparties.Where(c => c.Id == a.CounterpartyId).Select(c => c.Phone).FirstOrDefault(),
            null,
            a.RemindBeforeMinutes,
            a.CompletedAt, a.CompletedById, null, a.CompletedOnBehalfOfId, null,
            a.Result, a.NextStep,
            a.CancelledAt, a.CancelledById, null, a.CancelledOnBehalfOfId, null,
            a.FollowUpOfId, false, a.CreatedAt, a.Version)
    {
        LeadId = a.LeadId,
        LeadTitle = db.Leads.Where(l => l.Id == a.LeadId).Select(l => l.Title).FirstOrDefault(),
        DealId = a.DealId,
        DealTitle = db.Deals.Where(d => d.Id == a.DealId).Select(d => d.Title).FirstOrDefault(),
    };

    public static IQueryable<ActivityDto> Project(this IQueryable<Activity> query, LetopisDb db) =>
        query.Select(QueryShapes.Bind(Shape, Expression.Constant(db)));

    /// <summary>Adds what SQL does not compute: users' names, the end, the overdue flag, the phone as people read it.</summary>
    public static ActivityDto Finish(this ActivityDto dto, DateTime now, Names names)
    {
        var ends = dto.PlannedAt.AddMinutes(dto.DurationMinutes ?? 0);
        return dto with
        {
            AssigneeName = names.User(dto.AssigneeId) ?? "",
            PlannedByName = names.User(dto.PlannedById) ?? "",
            PlannedOnBehalfOfName = names.User(dto.PlannedOnBehalfOfId),
            CompletedByName = names.User(dto.CompletedById),
            CompletedOnBehalfOfName = names.User(dto.CompletedOnBehalfOfId),
            CancelledByName = names.User(dto.CancelledById),
            CancelledOnBehalfOfName = names.User(dto.CancelledOnBehalfOfId),
            EndsAt = ends,
            Overdue = dto.Status == ActivityStatus.Planned && ends < now,
            PhoneFormatted = dto.Phone is { } phone ? Phones.Format(phone) : null,
        };
    }

    public static async Task<ActivityDto?> LoadAsync(LetopisDb db, Names names, Guid id, DateTime now, CancellationToken ct) =>
        (await db.Activities.AsNoTracking().Where(a => a.Id == id).Project(db).SingleOrDefaultAsync(ct))?.Finish(now, names);

    /// <summary>
    /// The agenda's one query: a user's still-planned activities from <c>from</c> (the day's start, or
    /// the beginning of time to bring overdue ones along) to the day's end. It reads the partial index
    /// <c>IX_Activities_Agenda</c> (assignee, start; planned rows only); compiled, so EF does not
    /// translate it again on every request.
    /// </summary>
    public static IAsyncEnumerable<ActivityDto> Agenda(LetopisDb db, Guid userId, DateTime from, DateTime to) =>
        AgendaQuery.For(db)(db, userId, from, to);

    private static readonly PerModel<Func<LetopisDb, Guid, DateTime, DateTime, IAsyncEnumerable<ActivityDto>>> AgendaQuery =
        new(() => EF.CompileAsyncQuery(AgendaExpression()));

    // The rows of the day first (from the partial index, in its order, at most AgendaLimit), then the
    // counterparty and the contact person joined once each: as scalar subqueries per column they cost
    // four lookups per row instead of two.
    private static Expression<Func<LetopisDb, Guid, DateTime, DateTime, IQueryable<ActivityDto>>> AgendaExpression() =>
        (db, userId, start, end) =>
            from a in db.Activities.AsNoTracking()
                .Where(x => x.AssigneeId == userId && x.Status == ActivityStatus.Planned && x.PlannedAt >= start && x.PlannedAt < end)
                .OrderBy(x => x.PlannedAt)
                .Take(AgendaLimit)
            join counterparty in db.Counterparties on a.CounterpartyId equals (Guid?)counterparty.Id into counterparties
            from c in counterparties.DefaultIfEmpty()
            join contact in db.ContactPersons on a.ContactId equals (Guid?)contact.Id into contacts
            from p in contacts.DefaultIfEmpty()
            orderby a.PlannedAt
            // Planned activities have no completion or cancellation yet: those columns are not read,
            // nor the start twice (Finish computes the end).
            select new ActivityDto(
                a.Id, a.Kind, a.Status, a.Subject, a.Description, a.PlannedAt, a.DurationMinutes, default, a.Place,
                a.AssigneeId, "", a.PlannedById, "", a.PlannedOnBehalfOfId, null,
                a.CounterpartyId, c!.Name, a.ContactId, p!.FullName, p.Phone ?? p.Phone2 ?? c.Phone, null,
                a.RemindBeforeMinutes,
                null, null, null, null, null,
                null, null,
                null, null, null, null, null,
                a.FollowUpOfId, false, a.CreatedAt, a.Version)
            {
                LeadId = a.LeadId,
                DealId = a.DealId,
            };
}
