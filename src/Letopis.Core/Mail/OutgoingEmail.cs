using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Mail;

public enum OutgoingEmailStatus
{
    /// <summary>Waiting for a node to send it (first try or a retry after a temporary failure).</summary>
    Queued,

    Sent,

    /// <summary>Given up: the server refused the recipient or the retries ran out. The reason is kept and shown.</summary>
    Failed,
}

/// <summary>
/// A letter to a client written in Letopis (a generated file or a document's file sent to a contact
/// person). It is queued in the database and sent by whichever node claims it, so nothing is lost
/// when SMTP is down or the server restarts; the letter is an e-mail activity on the counterparty's
/// timeline from the moment it is written, and its delivery state shows there.
/// </summary>
public class OutgoingEmail : IVersioned
{
    public const int ToMax = 320;
    public const int SubjectMax = 500;
    public const int BodyMax = 50_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The e-mail activity that shows the letter on the timeline.</summary>
    public Guid? ActivityId { get; set; }

    public Guid? CounterpartyId { get; set; }

    public Guid? ContactId { get; set; }

    public Guid? DealId { get; set; }

    public Guid? DocumentId { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public OutgoingEmailStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the next try may start (now for a new letter, later after a temporary failure).</summary>
    public DateTime NextAttemptAt { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    /// <summary>The last failure as the SMTP server or the network put it.</summary>
    public string? LastError { get; set; }

    public DateTime? SentAt { get; set; }

    public Guid CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A file attached to an outgoing letter: a copy of its bytes' blob key, so later versions of the document's file do not change what was sent.</summary>
public class OutgoingEmailAttachment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid EmailId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "application/octet-stream";

    public long Size { get; set; }

    public string BlobKey { get; set; } = "";

    public string Sha256 { get; set; } = "";

    /// <summary>The document file version it was taken from, when it was one.</summary>
    public Guid? FileVersionId { get; set; }
}

internal sealed class OutgoingEmailConfiguration : IEntityTypeConfiguration<OutgoingEmail>
{
    public void Configure(EntityTypeBuilder<OutgoingEmail> e)
    {
        e.Property(m => m.To).HasMaxLength(OutgoingEmail.ToMax);
        e.Property(m => m.Subject).HasMaxLength(OutgoingEmail.SubjectMax);
        e.Property(m => m.TextBody).HasMaxLength(OutgoingEmail.BodyMax);
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(m => m.ClaimedBy).HasMaxLength(100);
        e.Property(m => m.LastError).HasMaxLength(2000);
        e.Property(m => m.Version).IsConcurrencyToken();
        e.HasIndex(m => new { m.Status, m.NextAttemptAt });
        e.HasIndex(m => m.ActivityId);
        e.HasIndex(m => new { m.CounterpartyId, m.CreatedAt });
    }
}

internal sealed class OutgoingEmailAttachmentConfiguration : IEntityTypeConfiguration<OutgoingEmailAttachment>
{
    public void Configure(EntityTypeBuilder<OutgoingEmailAttachment> e)
    {
        e.Property(a => a.FileName).HasMaxLength(255);
        e.Property(a => a.ContentType).HasMaxLength(200);
        e.Property(a => a.BlobKey).HasMaxLength(200);
        e.Property(a => a.Sha256).HasMaxLength(64);
        e.HasOne<OutgoingEmail>().WithMany().HasForeignKey(a => a.EmailId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => a.EmailId);
        // The orphan sweep and file deletion ask whether a letter still holds a blob.
        e.HasIndex(a => a.BlobKey);
    }
}
