using System.Linq.Expressions;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>Activities projected straight to what the screens show, in one SQL statement.</summary>
internal static class ActivityProjection
{
    /// <summary>The most items one agenda returns (a day plus forgotten overdue ones).</summary>
    public const int AgendaLimit = 500;

    /// <summary>The shape of an activity row on screen; the database is a parameter so the compiled agenda query can share it.</summary>
    private static readonly Expression<Func<LetopisDb, Activity, ActivityDto>> Shape = (db, a) => new ActivityDto(
            a.Id, a.Kind, a.Status, a.Subject, a.Description, a.PlannedAt, a.DurationMinutes, a.PlannedAt, a.Place,
            a.AssigneeId, db.Users.Where(u => u.Id == a.AssigneeId).Select(u => u.FullName).FirstOrDefault() ?? "",
            a.PlannedById, db.Users.Where(u => u.Id == a.PlannedById).Select(u => u.FullName).FirstOrDefault() ?? "",
            a.PlannedOnBehalfOfId, db.Users.Where(u => u.Id == a.PlannedOnBehalfOfId).Select(u => u.FullName).FirstOrDefault(),
            a.CounterpartyId, db.Counterparties.Where(c => c.Id == a.CounterpartyId).Select(c => c.Name).FirstOrDefault(),
            a.ContactId, db.ContactPersons.Where(p => p.Id == a.ContactId).Select(p => p.FullName).FirstOrDefault(),
            db.ContactPersons.Where(p => p.Id == a.ContactId).Select(p => p.Phone ?? p.Phone2).FirstOrDefault()
                ?? db.Counterparties.Where(c => c.Id == a.CounterpartyId).Select(c => c.Phone).FirstOrDefault(),
            null,
            a.RemindBeforeMinutes,
            a.CompletedAt, a.CompletedById, db.Users.Where(u => u.Id == a.CompletedById).Select(u => u.FullName).FirstOrDefault(),
            a.CompletedOnBehalfOfId, db.Users.Where(u => u.Id == a.CompletedOnBehalfOfId).Select(u => u.FullName).FirstOrDefault(),
            a.Result, a.NextStep,
            a.CancelledAt, a.CancelledById, db.Users.Where(u => u.Id == a.CancelledById).Select(u => u.FullName).FirstOrDefault(),
            a.CancelledOnBehalfOfId, db.Users.Where(u => u.Id == a.CancelledOnBehalfOfId).Select(u => u.FullName).FirstOrDefault(),
            a.FollowUpOfId, false, a.CreatedAt, a.Version);

    public static IQueryable<ActivityDto> Project(this IQueryable<Activity> query, LetopisDb db) =>
        query.Select(QueryShapes.Bind(Shape, Expression.Constant(db)));

    /// <summary>Adds what SQL does not compute: the end, the overdue flag, the phone as people read it.</summary>
    public static ActivityDto Finish(this ActivityDto dto, DateTime now)
    {
        var ends = dto.PlannedAt.AddMinutes(dto.DurationMinutes ?? 0);
        return dto with
        {
            EndsAt = ends,
            Overdue = dto.Status == ActivityStatus.Planned && ends < now,
            PhoneFormatted = dto.Phone is { } phone ? Phones.Format(phone) : null,
        };
    }

    public static async Task<ActivityDto?> LoadAsync(LetopisDb db, Guid id, DateTime now, CancellationToken ct) =>
        (await db.Activities.AsNoTracking().Where(a => a.Id == id).Project(db).SingleOrDefaultAsync(ct))?.Finish(now);

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

    private static Expression<Func<LetopisDb, Guid, DateTime, DateTime, IQueryable<ActivityDto>>> AgendaExpression()
    {
        Expression<Func<LetopisDb, Guid, DateTime, DateTime, IQueryable<Activity>>> rows = (db, userId, from, to) =>
            db.Activities.AsNoTracking()
                .Where(a => a.AssigneeId == userId && a.Status == ActivityStatus.Planned && a.PlannedAt >= from && a.PlannedAt < to)
                // Ordered by the index itself: no sort step (same-minute items keep the index's order).
                .OrderBy(a => a.PlannedAt)
                .Take(AgendaLimit);
        var select = QueryShapes.Select(rows.Body, Shape, rows.Parameters[0]);
        return Expression.Lambda<Func<LetopisDb, Guid, DateTime, DateTime, IQueryable<ActivityDto>>>(select, rows.Parameters);
    }
}
