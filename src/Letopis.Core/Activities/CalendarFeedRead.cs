using Letopis.Core.Crm;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>One activity as the feed shows it.</summary>
public sealed record CalendarFeedItem(
    Guid Id, ActivityKind Kind, ActivityStatus Status, string Subject, string? Description, DateTime PlannedAt, int? DurationMinutes,
    string? Place, string? CounterpartyName, string? ContactName, string? Phone, int? RemindBeforeMinutes, int Version);

/// <summary>What a feed URL shows: whose calendar, in which language, and the activities in its window.</summary>
public sealed record CalendarFeedContent(Guid UserId, string UserName, string Culture, DateTime GeneratedAt, IReadOnlyList<CalendarFeedItem> Items);

/// <summary>
/// The anonymous read behind <c>/calendar/{token}.ics</c>: the owner's activities from
/// <see cref="DaysBack"/> days ago to <see cref="DaysAhead"/> days ahead. An unknown or revoked
/// secret, or an owner whose account is disabled, reads as nothing at all.
/// </summary>
public sealed class ReadCalendarFeed(LetopisDb db, TimeProvider time)
{
    public const int DaysBack = 30;
    public const int DaysAhead = 180;

    /// <summary>A bound on one feed, above a busy user's 211 days (≈ 30 activities a working day), so the answer stays bounded.</summary>
    public const int MaxItems = 5000;

    public async Task<CalendarFeedContent?> HandleAsync(string? secret, CancellationToken ct)
    {
        // Secrets are 43 characters; anything much longer is not worth hashing.
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
            return null;
        var hash = CalendarFeed.Hash(secret);
        var owner = await db.Set<CalendarFeed>()
            .Where(f => f.TokenHash == hash)
            .Join(db.Users, f => f.UserId, u => u.Id, (f, u) => new { Feed = f, u.FullName, u.Culture, u.IsActive })
            .SingleOrDefaultAsync(ct);
        if (owner is not { IsActive: true })
            return null;

        var now = time.GetUtcNow().UtcDateTime;
        var windowStart = now.Date.AddDays(-DaysBack);
        var windowEnd = now.Date.AddDays(DaysAhead + 1);
        var userId = owner.Feed.UserId;
        // (AssigneeId, PlannedAt) index: one user's range. Cancelled ones are left out (see CalendarFeedIcs).
        var items = await (
                from a in db.Activities.AsNoTracking()
                where a.AssigneeId == userId && a.PlannedAt >= windowStart && a.PlannedAt < windowEnd && a.Status != ActivityStatus.Cancelled
                join c in db.Counterparties on a.CounterpartyId equals c.Id into counterparties
                from c in counterparties.DefaultIfEmpty()
                join p in db.ContactPersons on a.ContactId equals p.Id into contacts
                from p in contacts.DefaultIfEmpty()
                orderby a.PlannedAt
                select new CalendarFeedItem(
                    a.Id, a.Kind, a.Status, a.Subject, a.Description, a.PlannedAt, a.DurationMinutes, a.Place,
                    c == null ? null : c.Name, p == null ? null : p.FullName, p != null && (p.Phone ?? p.Phone2) != null ? p.Phone ?? p.Phone2 : c == null ? null : c.Phone,
                    a.RemindBeforeMinutes, a.Version))
            .Take(MaxItems)
            .ToListAsync(ct);

        // Calendars poll every few minutes; recording each poll would turn every read into a write.
        if (owner.Feed.LastFetchedAt is null || now - owner.Feed.LastFetchedAt > TimeSpan.FromHours(1))
        {
            owner.Feed.LastFetchedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return new CalendarFeedContent(userId, owner.FullName, owner.Culture, now, items);
    }
}
