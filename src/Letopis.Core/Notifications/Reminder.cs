namespace Letopis.Core.Notifications;

/// <summary>
/// Something to tell a user at a given time. A background service on any node claims due
/// reminders through the database, so each fires exactly once however many nodes run.
/// </summary>
public class Reminder
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public DateTime DueAt { get; set; }

    public string Title { get; set; } = "";

    public string? Body { get; set; }

    /// <summary>A relative link in the UI to the record the reminder is about.</summary>
    public string? Link { get; set; }

    public string? EntityKind { get; set; }

    public Guid? EntityId { get; set; }

    public bool SendEmail { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The node that claimed the reminder and until when its claim holds.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public DateTime? FiredAt { get; set; }

    public DateTime? CancelledAt { get; set; }
}

/// <summary>An in-app notification shown under the bell.</summary>
public class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public string Title { get; set; } = "";

    public string? Body { get; set; }

    public string? Link { get; set; }

    public Guid? ReminderId { get; set; }

    public DateTime? ReadAt { get; set; }

    public EmailState Email { get; set; }

    public DateTime? EmailedAt { get; set; }

    public string? EmailError { get; set; }
}

public enum EmailState
{
    NotRequested,
    Pending,
    Sending,
    Sent,
    Failed,
    NoAddress,
}
