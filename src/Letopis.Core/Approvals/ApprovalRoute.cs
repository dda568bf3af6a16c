using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Approvals;

public enum ApprovalRouteStatus
{
    /// <summary>A stage is waiting for decisions.</summary>
    Running,

    /// <summary>Returned to the author, who revises the file and resubmits.</summary>
    Rework,

    Approved,

    Rejected,

    /// <summary>Taken back by its author.</summary>
    Withdrawn,

    /// <summary>Stopped by a user with the approval right.</summary>
    Cancelled,
}

public enum ApprovalStageStatus
{
    /// <summary>Not reached yet.</summary>
    Pending,

    /// <summary>Its tasks are out.</summary>
    Active,

    Approved,

    Rejected,

    /// <summary>Returned for rework from this stage.</summary>
    Returned,

    /// <summary>Its condition did not hold when the route reached it.</summary>
    Skipped,

    /// <summary>The route ended (withdrawn, cancelled, rejected elsewhere) before the stage finished.</summary>
    Stopped,
}

public enum ApprovalTaskStatus
{
    /// <summary>Waiting for the assignee's decision: in their «На согласовании» inbox.</summary>
    Pending,

    Approved,

    Rejected,

    /// <summary>Returned for rework.</summary>
    Rework,

    /// <summary>No longer needed: the stage completed without it (mode «any», a quorum), or the route ended.</summary>
    Closed,
}

/// <summary>
/// One run of a document through a published scheme version. A running route keeps its version to
/// the end (or until a user with the right moves it to a newer one). At most one route of a
/// document is running or in rework at a time (a filtered unique index).
/// </summary>
public class ApprovalRoute : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    public Guid SchemeId { get; set; }

    public Guid SchemeVersionId { get; set; }

    /// <summary>The version number the route runs on (shown on the card).</summary>
    public int SchemeVersionNumber { get; set; }

    public ApprovalRouteStatus Status { get; set; }

    /// <summary>The index of the active stage (<see cref="ApprovalRouteStage.Index"/>); the last one reached once finished.</summary>
    public int CurrentStage { get; set; }

    /// <summary>1 for the first submission, then one more for each resubmission after rework.</summary>
    public int Round { get; set; } = 1;

    public DateTime StartedAt { get; set; }

    /// <summary>The author: who sent the document; rework comes back to them.</summary>
    public Guid StartedById { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Why it was withdrawn or cancelled, or the rejecting comment.</summary>
    public string? Outcome { get; set; }

    public int Version { get; set; }
}

/// <summary>A stage of a route, copied from the scheme version when the route starts.</summary>
public class ApprovalRouteStage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RouteId { get; set; }

    /// <summary>0, 1, … in the order of the scheme.</summary>
    public int Index { get; set; }

    /// <summary>The stage's key in the scheme (<see cref="ApprovalStageDefinition.Key"/>).</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public ApprovalMode Mode { get; set; }

    /// <summary>Approvals needed to complete the stage (all: the number of tasks; any: 1).</summary>
    public int Required { get; set; }

    public int Days { get; set; }

    public ApprovalStageStatus Status { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? DueAt { get; set; }

    public DateTime? FinishedAt { get; set; }
}

/// <summary>
/// One approver's task at a stage: in their inbox while pending. A deputy may decide in the
/// assignee's place, a delegate receives it with a comment; the task records every name.
/// </summary>
public class ApprovalTask : IVersioned
{
    public const int CommentMax = TextLimits.Long;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RouteId { get; set; }

    public Guid StageId { get; set; }

    /// <summary>The route's document, so an inbox needs no join through the route.</summary>
    public Guid DocumentId { get; set; }

    /// <summary>Who must decide; null when the stage's rule found nobody (stuck: a user with the right reassigns it).</summary>
    public Guid? AssigneeId { get; set; }

    /// <summary>Whom the scheme named before any delegation or reassignment.</summary>
    public Guid? OriginalAssigneeId { get; set; }

    /// <summary>Why nobody could be found, in words for the card (e.g. the department has no head).</summary>
    public string? Unresolved { get; set; }

    public int Round { get; set; } = 1;

    public ApprovalTaskStatus Status { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>The end of the deadline day, as a UTC instant.</summary>
    public DateTime DueAt { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>Who pressed the button: the assignee, or a deputy acting for them.</summary>
    public Guid? DecidedById { get; set; }

    /// <summary>The assignee a deputy acted for.</summary>
    public Guid? OnBehalfOfId { get; set; }

    public string? Comment { get; set; }

    /// <summary>Why an overdue task was decided late: required then, shown on the card and the sheet.</summary>
    public string? DelayReason { get; set; }

    /// <summary>Who delegated the task to the assignee, and what they said.</summary>
    public Guid? DelegatedById { get; set; }

    public string? DelegationComment { get; set; }

    public int Version { get; set; }
}

/// <summary>A file version the approver had before them when deciding: the decision is bound to these bytes.</summary>
public class ApprovalTaskFile
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TaskId { get; set; }

    public Guid FileVersionId { get; set; }

    public string Name { get; set; } = "";

    public int FileVersion { get; set; }

    public string Sha256 { get; set; } = "";
}

internal sealed class ApprovalRouteConfiguration : IEntityTypeConfiguration<ApprovalRoute>
{
    public void Configure(EntityTypeBuilder<ApprovalRoute> e)
    {
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(r => r.Outcome).HasMaxLength(TextLimits.Long);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasOne<Document>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ApprovalScheme>().WithMany().HasForeignKey(r => r.SchemeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ApprovalSchemeVersion>().WithMany().HasForeignKey(r => r.SchemeVersionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.StartedById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.DocumentId, r.StartedAt });
        // One live route per document: the database refuses a second start however many nodes race.
        e.HasIndex(r => r.DocumentId).IsUnique()
            .HasFilter("\"Status\" IN ('Running', 'Rework')").HasDatabaseName("IX_ApprovalRoutes_Live");
        // «Move running routes of this version»: the live routes of a scheme.
        e.HasIndex(r => new { r.SchemeId, r.Status, r.SchemeVersionNumber });
    }
}

internal sealed class ApprovalRouteStageConfiguration : IEntityTypeConfiguration<ApprovalRouteStage>
{
    public void Configure(EntityTypeBuilder<ApprovalRouteStage> e)
    {
        e.Property(s => s.Key).HasMaxLength(64).IsRequired();
        e.Property(s => s.Name).HasMaxLength(ApprovalScheme.NameMax).IsRequired();
        e.Property(s => s.Mode).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<ApprovalRoute>().WithMany().HasForeignKey(s => s.RouteId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.RouteId, s.Index }).IsUnique();
    }
}

internal sealed class ApprovalTaskConfiguration : IEntityTypeConfiguration<ApprovalTask>
{
    public void Configure(EntityTypeBuilder<ApprovalTask> e)
    {
        e.ToTable("ApprovalTasks");
        e.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(t => t.Unresolved).HasMaxLength(TextLimits.Name);
        e.Property(t => t.Comment).HasMaxLength(ApprovalTask.CommentMax);
        e.Property(t => t.DelayReason).HasMaxLength(ApprovalTask.CommentMax);
        e.Property(t => t.DelegationComment).HasMaxLength(ApprovalTask.CommentMax);
        e.Property(t => t.Version).IsConcurrencyToken();
        e.HasOne<ApprovalRoute>().WithMany().HasForeignKey(t => t.RouteId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ApprovalRouteStage>().WithMany().HasForeignKey(t => t.StageId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        // «My approvals»: an assignee's pending tasks by deadline, one index range.
        e.HasIndex(t => new { t.AssigneeId, t.Status, t.DueAt });
        // Overdue approvals of a department and the stuck tasks: pending by deadline.
        e.HasIndex(t => new { t.Status, t.DueAt });
        e.HasIndex(t => new { t.RouteId, t.StageId });
        // Average approval time per approver.
        e.HasIndex(t => new { t.DecidedById, t.DecidedAt });
    }
}

internal sealed class ApprovalTaskFileConfiguration : IEntityTypeConfiguration<ApprovalTaskFile>
{
    public void Configure(EntityTypeBuilder<ApprovalTaskFile> e)
    {
        e.Property(f => f.Name).HasMaxLength(DocumentFileVersion.NameMax).IsRequired();
        e.Property(f => f.Sha256).HasMaxLength(64).IsRequired();
        e.HasOne<ApprovalTask>().WithMany().HasForeignKey(f => f.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => f.TaskId);
    }
}
