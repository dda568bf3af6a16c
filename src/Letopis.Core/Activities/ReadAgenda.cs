using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>A user's planned activities for a day and those done on it, grouped by kind, with the agendas of the colleagues the caller stands in for.</summary>
public sealed class ReadAgenda(LetopisDb db, TimeProvider time, ICurrentActor actor, CompanyTimeZone company, NameBook nameBook, UserClock clock)
{
    /// <summary>Overdue activities older than this are not carried along (a floor for the index range, not a rule users meet).</summary>
    private static readonly DateTime OverdueFloor = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>How far back an activity done on the day may have been planned to be shown on it (bounds the index range).</summary>
    private static readonly TimeSpan DoneLookBack = TimeSpan.FromDays(31);

    /// <summary>Whom the caller stands in for today: asked on every agenda read, so compiled.</summary>
    private static readonly PerModel<Func<LetopisDb, Guid, DateOnly, IAsyncEnumerable<Principal>>> PrincipalsQuery = new(() =>
        EF.CompileAsyncQuery((LetopisDb d, Guid deputy, DateOnly today) => d.Deputyships.AsNoTracking()
            .Where(x => x.DeputyId == deputy && x.EndsOn >= today && x.StartsOn <= today)
            .OrderBy(x => x.StartsOn)
            .Select(x => new Principal(x.PrincipalId, x.EndsOn))));

    /// <param name="access">The caller's access.</param>
    /// <param name="date">The day in the time zone of the user whose agenda it is; default: their today.</param>
    /// <param name="userId">Whose agenda; default: the caller.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Result<AgendaDto>> HandleAsync(AccessContext access, DateOnly? date, Guid? userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var target = userId ?? access.UserId;
        var names = await nameBook.GetAsync(db, access.Stamp, ct);
        var zone = clock.ZoneOf(names, target);
        var today = ActivityDays.Today(time, zone);
        var day = date ?? today;
        var real = actor.UserId ?? access.UserId;
        // Deputyships run on the company's days, whoever's agenda this is.
        var deputyDay = company.Today(time);
        if (target != access.UserId && target != real)
        {
            if (!await db.Users.AnyAsync(u => u.Id == target, ct))
                return Error.NotFound();
            var viewer = await ActivityViewer.LoadAsync(db, access, actor, deputyDay, ct);
            if (!viewer.SeesAllOf(target))
                return Error.Forbidden();
        }

        var groups = await GroupsAsync(target, day, zone, now, names, ct);
        var actingFor = new List<ActingForDto>();
        // The deputy's own agenda carries the absent colleagues'.
        if (target == real && actor.OnBehalfOfId is null)
        {
            var principals = new List<Principal>();
            await foreach (var p in PrincipalsQuery.For(db)(db, real, deputyDay).WithCancellation(ct))
                principals.Add(p);
            foreach (var p in principals.DistinctBy(p => p.PrincipalId))
                actingFor.Add(new ActingForDto(p.PrincipalId, names.User(p.PrincipalId) ?? "", p.EndsOn, await GroupsAsync(p.PrincipalId, day, clock.ZoneOf(names, p.PrincipalId), now, names, ct)));
        }
        return new AgendaDto(day, target, groups, actingFor, zone.Id);
    }

    private async Task<List<AgendaGroupDto>> GroupsAsync(Guid userId, DateOnly day, TimeZoneInfo zone, DateTime now, Names names, CancellationToken ct)
    {
        // The day is the user's own: from their midnight to their next midnight.
        var start = ActivityDays.StartUtc(day, zone);
        var end = ActivityDays.StartUtc(day.AddDays(1), zone);
        // Today's agenda keeps yesterday's forgotten activities on top until they are done or moved.
        var from = day == ActivityDays.Today(time, zone) ? OverdueFloor : start;
        var items = new List<ActivityDto>();
        await foreach (var item in ActivityProjection.Agenda(db, userId, from, end).WithCancellation(ct))
            items.Add(item.Finish(now, names));
        // What was done that day stays on it (struck through), so the day's work reads as a whole: those
        // planned for it, and those of the weeks before that were done on it.
        var doneFrom = start - DoneLookBack;
        var done = await db.Activities.AsNoTracking()
            .Where(a => a.AssigneeId == userId && a.Status == ActivityStatus.Done && a.PlannedAt >= doneFrom && a.PlannedAt < end
                        && (a.PlannedAt >= start || (a.CompletedAt >= start && a.CompletedAt < end)))
            .OrderBy(a => a.PlannedAt).Take(ActivityProjection.AgendaLimit)
            .Project(db).ToListAsync(ct);
        items.AddRange(done.Select(d => d.Finish(now, names)));
        return items.GroupBy(i => i.Kind).OrderBy(g => g.Key)
            .Select(g => new AgendaGroupDto(g.Key, g.Count(i => i.Status == ActivityStatus.Planned), g.Count(i => i.Overdue),
                g.OrderBy(i => !i.Overdue).ThenBy(i => i.PlannedAt).ToList()))
            .ToList();
    }
}

/// <summary>A colleague the caller stands in for, and until when (a named type: Npgsql reads a tuple as a ROW).</summary>
internal sealed record Principal(Guid PrincipalId, DateOnly EndsOn);
