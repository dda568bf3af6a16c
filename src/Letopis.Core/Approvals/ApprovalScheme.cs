using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Approvals;

/// <summary>
/// The approval scheme of one document type: a draft being edited and a line of published,
/// read-only versions. A route keeps the version it started with; new routes take the newest.
/// </summary>
public class ApprovalScheme : IVersioned, IAudited
{
    public static string AuditKind => EntityKinds.Approval;

    public const int NameMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>One scheme per document type.</summary>
    public Guid DocumentTypeId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The draft's definition as JSON (<see cref="ApprovalDefinition"/>); null when the draft equals the newest version.</summary>
    [NotAudited]
    public string? Draft { get; set; }

    [NotAudited]
    public DateTime? DraftUpdatedAt { get; set; }

    [NotAudited]
    public Guid? DraftUpdatedById { get; set; }

    /// <summary>The number of the newest published version; 0 before the first publication.</summary>
    public int PublishedVersion { get; set; }

    /// <summary>The newest published version's row; null before the first publication.</summary>
    [NotAudited]
    public Guid? PublishedVersionId { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public int Version { get; set; }
}

/// <summary>A published version of a scheme: read-only for ever, so running routes can rely on it.</summary>
public class ApprovalSchemeVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SchemeId { get; set; }

    /// <summary>1, 2, … within the scheme.</summary>
    public int Number { get; set; }

    /// <summary>The definition as JSON (<see cref="ApprovalDefinition"/>).</summary>
    public string Definition { get; set; } = "";

    /// <summary>What the publisher said changed.</summary>
    public string? Comment { get; set; }

    public DateTime PublishedAt { get; set; }

    public Guid? PublishedById { get; set; }
}

internal sealed class ApprovalSchemeConfiguration : IEntityTypeConfiguration<ApprovalScheme>
{
    public void Configure(EntityTypeBuilder<ApprovalScheme> e)
    {
        e.Property(s => s.Name).HasMaxLength(ApprovalScheme.NameMax).IsRequired();
        e.Property(s => s.Version).IsConcurrencyToken();
        e.HasOne<DocumentType>().WithMany().HasForeignKey(s => s.DocumentTypeId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => s.DocumentTypeId).IsUnique();
    }
}

internal sealed class ApprovalSchemeVersionConfiguration : IEntityTypeConfiguration<ApprovalSchemeVersion>
{
    public void Configure(EntityTypeBuilder<ApprovalSchemeVersion> e)
    {
        e.Property(v => v.Definition).IsRequired();
        e.Property(v => v.Comment).HasMaxLength(TextLimits.Long);
        e.HasOne<ApprovalScheme>().WithMany().HasForeignKey(v => v.SchemeId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(v => new { v.SchemeId, v.Number }).IsUnique();
    }
}
