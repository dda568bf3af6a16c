using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Leads;

/// <summary>Where a lead stands: still worked on, or closed by its outcome.</summary>
public enum LeadStatus
{
    Open,

    /// <summary>A quality lead turned into a contact, a company and/or a deal.</summary>
    Converted,

    /// <summary>A junk lead («некачественный»): closed with a reason.</summary>
    Junk,
}

/// <summary>
/// A hook to a possible client («лид»): a call, a web form, a letter, a business card. It moves
/// through the lead stages to the outcome, where it is either junk or converted.
/// </summary>
public class Lead : IVersioned, IAudited, IScopedRecord
{
    public const string EntityKind = "lead";

    public static string AuditKind => EntityKind;

    public const int TitleMax = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Title { get; set; } = "";

    /// <summary>Upper-case title for case-insensitive filters.</summary>
    [NotAudited]
    public string TitleNormalized { get; set; } = "";

    /// <summary>The <c>ad-sources</c> entry: where the lead came from.</summary>
    public Guid? SourceId { get; set; }

    /// <summary>The person's name as the lead gave it («Иванов Пётр»).</summary>
    public string? ContactName { get; set; }

    /// <summary>E.164 form, e.g. <c>+74951234567</c>.</summary>
    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? CompanyName { get; set; }

    public string? Inn { get; set; }

    public string? Comment { get; set; }

    public Guid? ResponsibleId { get; set; }

    public Guid StageId { get; set; }

    public LeadStatus Status { get; set; }

    /// <summary>The <c>junk-reasons</c> entry of a junk lead.</summary>
    public Guid? JunkReasonId { get; set; }

    public string? JunkComment { get; set; }

    /// <summary>The existing client a repeat lead belongs to (matched by phone, e-mail or ИНН).</summary>
    public Guid? RepeatCounterpartyId { get; set; }

    /// <summary>The existing contact person a repeat lead matched.</summary>
    public Guid? RepeatContactId { get; set; }

    /// <summary>The contact person the conversion created or linked.</summary>
    public Guid? ContactId { get; set; }

    /// <summary>The counterparty the conversion created or linked.</summary>
    public Guid? CompanyId { get; set; }

    /// <summary>The deal the conversion created.</summary>
    public Guid? DealId { get; set; }

    public DateTime? ClosedAt { get; set; }

    public Guid? ClosedById { get; set; }

    /// <summary>When it entered its current stage: the time spent there is measured from it.</summary>
    [NotAudited]
    public DateTime StageChangedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public int Version { get; set; }

    public bool IsRepeat => RepeatCounterpartyId is not null || RepeatContactId is not null;
}

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> e)
    {
        e.Property(l => l.Title).HasMaxLength(Lead.TitleMax).IsRequired();
        e.Property(l => l.TitleNormalized).HasMaxLength(Lead.TitleMax).IsRequired();
        e.Property(l => l.ContactName).HasMaxLength(TextLimits.Name);
        e.Property(l => l.Phone).HasMaxLength(20);
        e.Property(l => l.Email).HasMaxLength(254);
        e.Property(l => l.CompanyName).HasMaxLength(TextLimits.Name);
        e.Property(l => l.Inn).HasMaxLength(12);
        e.Property(l => l.Comment).HasMaxLength(TextLimits.Long);
        e.Property(l => l.JunkComment).HasMaxLength(TextLimits.Long);
        e.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(l => l.Version).IsConcurrencyToken();
        e.Ignore(l => l.IsRepeat);
        e.HasOne<PipelineStage>().WithMany().HasForeignKey(l => l.StageId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(l => l.ResponsibleId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<ReferenceItem>().WithMany().HasForeignKey(l => l.SourceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ReferenceItem>().WithMany().HasForeignKey(l => l.JunkReasonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Counterparty>().WithMany().HasForeignKey(l => l.RepeatCounterpartyId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<ContactPerson>().WithMany().HasForeignKey(l => l.RepeatContactId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Counterparty>().WithMany().HasForeignKey(l => l.CompanyId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<ContactPerson>().WithMany().HasForeignKey(l => l.ContactId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Deal>().WithMany().HasForeignKey(l => l.DealId).OnDelete(DeleteBehavior.SetNull);
        // A board column: the stage's newest cards, whole or one person's («мои»).
        e.HasIndex(l => new { l.StageId, l.CreatedAt, l.Id });
        e.HasIndex(l => new { l.StageId, l.ResponsibleId, l.CreatedAt });
        // The list, newest first, whole, by status and per person.
        e.HasIndex(l => new { l.CreatedAt, l.Id });
        e.HasIndex(l => new { l.Status, l.CreatedAt });
        e.HasIndex(l => new { l.ResponsibleId, l.CreatedAt });
        // Repeat detection and the intake's merge of a web form sent twice.
        e.HasIndex(l => new { l.Phone, l.CreatedAt });
        e.HasIndex(l => new { l.Email, l.CreatedAt });
        e.HasIndex(l => l.Inn);
        e.HasIndex(l => l.RepeatCounterpartyId);
        e.HasIndex(l => l.CompanyId);
        e.HasIndex(l => l.ContactId);
        e.HasIndex(l => l.DealId);
    }
}
