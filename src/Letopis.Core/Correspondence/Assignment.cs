using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Correspondence;

/// <summary>Where an assignment is (API: <c>open</c>, <c>reported</c>, <c>done</c>, <c>cancelled</c>).</summary>
public enum AssignmentStatus
{
    /// <summary>The executors work on it.</summary>
    Open,

    /// <summary>Reported, waiting for the controller to accept or return it.</summary>
    Reported,

    Done,

    Cancelled,
}

/// <summary>How an assignment came to be done (API: <c>accepted</c>, <c>reported</c>, <c>reply</c>).</summary>
public enum AssignmentClosure
{
    /// <summary>The controller accepted the report.</summary>
    Accepted,

    /// <summary>Not on control: the executor's report closed it.</summary>
    Reported,

    /// <summary>The reply to the letter was sent.</summary>
    Reply,
}

/// <summary>A verdict on a report (API: <c>accepted</c>, <c>returned</c>).</summary>
public enum AssignmentReportOutcome
{
    Accepted,
    Returned,
}

/// <summary>The head's instruction on a letter («резолюция»): a text and one or more assignments.</summary>
public class Resolution
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    public Guid? AuthorId { get; set; }

    public string? Text { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// An assignment («поручение») of a resolution: a text, a due date, a lead executor and
/// co-executors, and — when «на контроле» — a controller who accepts or returns the report. The
/// executors' department of the lead is copied onto the row for department views.
/// </summary>
public class Assignment : IVersioned
{
    public const string EntityKind = "assignment";

    public const int TextMax = TextLimits.Long;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    public Guid ResolutionId { get; set; }

    /// <summary>Its order within the resolution: 1, 2, …</summary>
    public int Number { get; set; }

    public string Text { get; set; } = "";

    /// <summary>The lead executor («ответственный исполнитель»).</summary>
    public Guid ExecutorId { get; set; }

    /// <summary>The lead executor's department when assigned.</summary>
    public Guid? DepartmentId { get; set; }

    /// <summary>Set when the assignment is «на контроле».</summary>
    public Guid? ControllerId { get; set; }

    public Guid? AuthorId { get; set; }

    public DateOnly DueOn { get; set; }

    public AssignmentStatus Status { get; set; }

    public AssignmentClosure? Closure { get; set; }

    public DateTime? ClosedAt { get; set; }

    public Guid? ClosedById { get; set; }

    /// <summary>The outgoing letter whose sending closed it.</summary>
    public Guid? ReplyDocumentId { get; set; }

    /// <summary>A later date the executor asked for, until the controller (or the author) decides.</summary>
    public DateOnly? ExtensionRequestedTo { get; set; }

    public string? ExtensionReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// One executor of an assignment, the lead included. <see cref="Open"/> and <see cref="DueOn"/> are
/// copied from the assignment so that an executor's inbox is one index range.
/// </summary>
public class AssignmentExecutor
{
    public Guid AssignmentId { get; set; }

    public Guid UserId { get; set; }

    public bool Lead { get; set; }

    /// <summary>The assignment is open or reported (not done, not cancelled).</summary>
    public bool Open { get; set; }

    public DateOnly DueOn { get; set; }
}

/// <summary>An executor's report on an assignment, and the controller's verdict on it.</summary>
public class AssignmentReport
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid AssignmentId { get; set; }

    public Guid? AuthorId { get; set; }

    public string Text { get; set; } = "";

    public DateTime At { get; set; }

    public AssignmentReportOutcome? Outcome { get; set; }

    public string? ReviewComment { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public Guid? ReviewedById { get; set; }
}

/// <summary>A file of a report: a version uploaded to the letter's files, named here.</summary>
public class AssignmentReportFile
{
    public Guid ReportId { get; set; }

    public Guid FileVersionId { get; set; }

    public string Name { get; set; } = "";
}

internal sealed class ResolutionConfiguration : IEntityTypeConfiguration<Resolution>
{
    public void Configure(EntityTypeBuilder<Resolution> e)
    {
        e.Property(r => r.Text).HasMaxLength(TextLimits.Long);
        e.HasOne<Document>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.DocumentId, r.CreatedAt });
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> e)
    {
        e.Property(a => a.Text).HasMaxLength(Assignment.TextMax).IsRequired();
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.Closure).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.ExtensionReason).HasMaxLength(TextLimits.Long);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.HasOne<Document>().WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Resolution>().WithMany().HasForeignKey(a => a.ResolutionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.ExecutorId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => new { a.DocumentId, a.Number });
        // The controller's desk and a department's overdue assignments: by due date.
        e.HasIndex(a => new { a.ControllerId, a.Status, a.DueOn });
        e.HasIndex(a => new { a.DepartmentId, a.Status, a.DueOn });
        e.HasIndex(a => new { a.Status, a.DueOn });
        e.HasIndex(a => a.ReplyDocumentId);
    }
}

internal sealed class AssignmentExecutorConfiguration : IEntityTypeConfiguration<AssignmentExecutor>
{
    public void Configure(EntityTypeBuilder<AssignmentExecutor> e)
    {
        e.HasKey(x => new { x.AssignmentId, x.UserId });
        e.HasOne<Assignment>().WithMany().HasForeignKey(x => x.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        // «My assignments»: an executor's open ones by due date, one index range.
        e.HasIndex(x => new { x.UserId, x.Open, x.DueOn, x.AssignmentId });
    }
}

internal sealed class AssignmentReportConfiguration : IEntityTypeConfiguration<AssignmentReport>
{
    public void Configure(EntityTypeBuilder<AssignmentReport> e)
    {
        e.Property(r => r.Text).HasMaxLength(TextLimits.Long).IsRequired();
        e.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        e.Property(r => r.ReviewComment).HasMaxLength(TextLimits.Long);
        e.HasOne<Assignment>().WithMany().HasForeignKey(r => r.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.AssignmentId, r.At });
    }
}

internal sealed class AssignmentReportFileConfiguration : IEntityTypeConfiguration<AssignmentReportFile>
{
    public void Configure(EntityTypeBuilder<AssignmentReportFile> e)
    {
        e.HasKey(f => new { f.ReportId, f.FileVersionId });
        e.Property(f => f.Name).HasMaxLength(DocumentFileVersion.NameMax).IsRequired();
        e.HasOne<AssignmentReport>().WithMany().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<DocumentFileVersion>().WithMany().HasForeignKey(f => f.FileVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
