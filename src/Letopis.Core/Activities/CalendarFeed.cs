using Letopis.Core.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Activities;

/// <summary>
/// A user's private iCalendar feed (RFC 5545) of their activities, for Outlook, Google or a phone.
/// The secret travels in the URL, so whoever holds the URL reads the calendar: only its SHA-256 hash
/// is stored (like <see cref="ApiToken"/>), the URL is shown once, and rotating or revoking it
/// replaces or removes the hash. One feed per user.
/// </summary>
public class CalendarFeed
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public string TokenHash { get; set; } = "";

    /// <summary>When the current secret was issued (created or rotated).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When a calendar last fetched the feed, to the hour.</summary>
    public DateTime? LastFetchedAt { get; set; }

    /// <summary>A new secret: 256 random bits, URL-safe, no padding.</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => ApiToken.Hash(secret);
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> e)
    {
        e.ToTable("CalendarFeeds");
        e.Property(f => f.TokenHash).HasMaxLength(64).IsRequired();
        e.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        // The feed is found by its hash on every calendar refresh; one feed per user.
        e.HasIndex(f => f.TokenHash).IsUnique();
        e.HasIndex(f => f.UserId).IsUnique();
    }
}
