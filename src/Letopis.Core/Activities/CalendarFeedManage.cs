using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Activities;

/// <summary>Whether the user has a calendar feed; the URL itself is never shown again after it was issued.</summary>
/// <param name="Enabled">A feed URL exists and works.</param>
/// <param name="CreatedAt">When the current URL was issued.</param>
/// <param name="LastFetchedAt">When a calendar last read it (to the hour).</param>
public sealed record CalendarFeedState(bool Enabled, DateTime? CreatedAt, DateTime? LastFetchedAt);

/// <summary>The secret of a freshly issued feed: shown this once, stored only as a hash.</summary>
public sealed record IssuedCalendarFeed(string Token, DateTime CreatedAt);

/// <summary>Creates, rotates and revokes the signed-in user's calendar feed.</summary>
public sealed class ManageCalendarFeed(LetopisDb db, TimeProvider time, ICurrentActor actor)
{
    public async Task<CalendarFeedState> ReadAsync(Guid userId, CancellationToken ct)
    {
        var feed = await db.Set<CalendarFeed>().AsNoTracking().SingleOrDefaultAsync(f => f.UserId == userId, ct);
        return feed is null ? new CalendarFeedState(false, null, null) : new CalendarFeedState(true, feed.CreatedAt, feed.LastFetchedAt);
    }

    /// <summary>Issues the feed's secret, or a new one in place of the old, whose URL stops working at once.</summary>
    public async Task<IssuedCalendarFeed> IssueAsync(Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var secret = CalendarFeed.NewSecret();
        var feed = await db.Set<CalendarFeed>().SingleOrDefaultAsync(f => f.UserId == userId, ct);
        var previous = feed?.CreatedAt;
        if (feed is null)
        {
            feed = new CalendarFeed { UserId = userId };
            db.Add(feed);
        }
        feed.TokenHash = CalendarFeed.Hash(secret);
        feed.CreatedAt = now;
        feed.LastFetchedAt = null;
        // The account's history shows when a feed URL was issued, replaced or revoked (by its issue time, never the URL).
        db.ChangeRecords.Add(ChangeRecord.Of(EntityKinds.User, userId, now, actor,
            previous is null ? ChangeOperation.Created : ChangeOperation.Updated, "calendarFeed", Stamp(previous), Stamp(now)));
        await db.SaveChangesAsync(ct);
        return new IssuedCalendarFeed(secret, now);
    }

    /// <summary>Removes the feed; its URL answers 404 from now on. Revoking when there is none changes nothing.</summary>
    public async Task RevokeAsync(Guid userId, CancellationToken ct)
    {
        var feed = await db.Set<CalendarFeed>().SingleOrDefaultAsync(f => f.UserId == userId, ct);
        if (feed is null)
            return;
        db.Remove(feed);
        db.ChangeRecords.Add(ChangeRecord.Of(EntityKinds.User, userId, time.GetUtcNow().UtcDateTime, actor,
            ChangeOperation.Deleted, "calendarFeed", Stamp(feed.CreatedAt), null));
        await db.SaveChangesAsync(ct);
    }

    private static string? Stamp(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
