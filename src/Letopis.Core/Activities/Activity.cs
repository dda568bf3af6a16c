using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Activities;

public enum ActivityKind
{
    Call,
    Meeting,
    Email,
    Fax,
    Letter,
    Task,
}

public enum ActivityStatus
{
    Planned,
    Done,
    Cancelled,
}

/// <summary>
/// A planned contact with a client (a call, a meeting, a letter…) or a task: who does it, when,
/// with whom, about what; once done, what came of it and what is next.
/// </summary>
public class Activity : IVersioned, IAudited
{
    public const string EntityKind = "activity";

    public static string AuditKind => EntityKind;

    /// <summary>How long after its end a still-planned activity counts as forgotten and reminds its assignee.</summary>
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromHours(1);

    /// <summary>How long a meeting planned without a duration or an end lasts.</summary>
    public const int DefaultMeetingMinutes = 60;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public ActivityKind Kind { get; set; }

    public ActivityStatus Status { get; set; } = ActivityStatus.Planned;

    /// <summary>The topic, shown in lists: «Согласовать спецификацию».</summary>
    public string Subject { get; set; } = "";

    /// <summary>The whole planned conversation: what to ask, what to offer.</summary>
    public string? Description { get; set; }

    /// <summary>The start, UTC.</summary>
    public DateTime PlannedAt { get; set; }

    /// <summary>How long it takes (meetings always have it: an hour unless told).</summary>
    public int? DurationMinutes { get; set; }

    /// <summary>Where a meeting happens.</summary>
    public string? Place { get; set; }

    /// <summary>Who does it.</summary>
    public Guid AssigneeId { get; set; }

    /// <summary>Who planned it (the assignee, or their head).</summary>
    public Guid PlannedById { get; set; }

    /// <summary>The absent colleague the planner stood in for as a deputy.</summary>
    public Guid? PlannedOnBehalfOfId { get; set; }

    public Guid? CounterpartyId { get; set; }

    public Guid? ContactId { get; set; }

    /// <summary>The lead the activity is planned on.</summary>
    public Guid? LeadId { get; set; }

    /// <summary>The deal the activity is planned on.</summary>
    public Guid? DealId { get; set; }

    /// <summary>Remind the assignee this many minutes before the start; null: no advance reminder.</summary>
    public int? RemindBeforeMinutes { get; set; }

    public DateTime? CompletedAt { get; set; }

    public Guid? CompletedById { get; set; }

    public Guid? CompletedOnBehalfOfId { get; set; }

    /// <summary>What was achieved and what failed.</summary>
    public string? Result { get; set; }

    /// <summary>What is next, in words.</summary>
    public string? NextStep { get; set; }

    public DateTime? CancelledAt { get; set; }

    public Guid? CancelledById { get; set; }

    public Guid? CancelledOnBehalfOfId { get; set; }

    /// <summary>The activity whose completion planned this one as its follow-up.</summary>
    public Guid? FollowUpOfId { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>When it ends: the start plus the duration, or the start itself.</summary>
    public DateTime EndsAt => PlannedAt.AddMinutes(DurationMinutes ?? 0);
}

/// <summary>A dated note of the chronicle on an activity («КП на рассмотрении, ждём до пятницы»).</summary>
public class ActivityNote
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ActivityId { get; set; }

    public DateTime At { get; set; }

    public string Text { get; set; } = "";

    public Guid? UserId { get; set; }

    public Guid? OnBehalfOfId { get; set; }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> e)
    {
        e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.Subject).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(a => a.Description).HasMaxLength(TextLimits.Long);
        e.Property(a => a.Place).HasMaxLength(TextLimits.Name);
        e.Property(a => a.Result).HasMaxLength(TextLimits.Long);
        e.Property(a => a.NextStep).HasMaxLength(TextLimits.Long);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.Ignore(a => a.EndsAt);
        e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.PlannedById).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Counterparty>().WithMany().HasForeignKey(a => a.CounterpartyId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ContactPerson>().WithMany().HasForeignKey(a => a.ContactId).OnDelete(DeleteBehavior.SetNull);
        // The calendar and the per-user list: one user's activities in a date range, any status.
        e.HasIndex(a => new { a.AssigneeId, a.PlannedAt }, "IX_Activities_AssigneeId_PlannedAt");
        // The agenda: one user's still-planned activities up to the end of the day (overdue ones included),
        // a small partial index that drops rows as they are done, so it stays lean at 10,000,000 activities.
        e.HasIndex(a => new { a.AssigneeId, a.PlannedAt }, "IX_Activities_Agenda").HasFilter("\"Status\" = 'Planned'");
        // The counterparty card's activities.
        e.HasIndex(a => new { a.CounterpartyId, a.PlannedAt });
        e.HasIndex(a => a.ContactId);
        // The lead and deal cards' activities.
        e.HasOne<Leads.Lead>().WithMany().HasForeignKey(a => a.LeadId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Deals.Deal>().WithMany().HasForeignKey(a => a.DealId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(a => new { a.LeadId, a.PlannedAt });
        e.HasIndex(a => new { a.DealId, a.PlannedAt });
        e.HasIndex(a => a.PlannedById);
        e.HasIndex(a => a.FollowUpOfId);
    }
}

internal sealed class ActivityNoteConfiguration : IEntityTypeConfiguration<ActivityNote>
{
    public void Configure(EntityTypeBuilder<ActivityNote> e)
    {
        e.Property(n => n.Text).HasMaxLength(TextLimits.Long).IsRequired();
        e.HasOne<Activity>().WithMany().HasForeignKey(n => n.ActivityId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(n => new { n.ActivityId, n.At });
    }
}
