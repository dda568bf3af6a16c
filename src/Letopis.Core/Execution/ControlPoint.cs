using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Execution;

/// <summary>
/// What a contract promises by a date (API: <c>stage</c>, <c>delivery</c>, <c>payment</c>, <c>act</c>,
/// <c>work_order</c>, <c>schedule</c>).
/// </summary>
public enum ControlPointKind
{
    /// <summary>A stage of work.</summary>
    Stage,
    Delivery,

    /// <summary>A planned payment: an amount by a date.</summary>
    Payment,

    /// <summary>An act of completed work expected.</summary>
    Act,
    WorkOrder,
    Schedule,
}

/// <summary>API: <c>open</c>, <c>done</c>, <c>cancelled</c>. Overdue is an open point past its date.</summary>
public enum ControlPointStatus
{
    Open,
    Done,
    Cancelled,
}

/// <summary>
/// A point of a contract's execution plan («контроль исполнения»): a stage, a delivery, a payment,
/// an expected act, with a control date and a responsible person. Planned, paid and acted sums are
/// kept in kopecks on the row (paid and acted are maintained with every payment and link) so that a
/// counterparty's settlement over hundreds of contracts is one grouped index range. The contract's
/// counterparty and the responsible person's department are copied onto the row for the same reason.
/// </summary>
public class ControlPoint : IVersioned
{
    public const string EntityKind = "controlPoint";

    public const int TitleMax = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The contract (or any document) whose plan it is.</summary>
    public Guid DocumentId { get; set; }

    public Guid? CounterpartyId { get; set; }

    public ControlPointKind Kind { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The control date.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>The planned amount in kopecks (payments; a stage's or a delivery's value).</summary>
    public long? PlannedMinor { get; set; }

    /// <summary>The sum of the payments recorded against it, in kopecks.</summary>
    public long PaidMinor { get; set; }

    /// <summary>The amount of the act or invoice that closes it, in kopecks.</summary>
    public long ActedMinor { get; set; }

    public Guid? ResponsibleId { get; set; }

    /// <summary>The responsible person's department when set.</summary>
    public Guid? DepartmentId { get; set; }

    public ControlPointStatus Status { get; set; }

    public DateOnly? DoneOn { get; set; }

    /// <summary>A stage that, once done, expects an act of completed work.</summary>
    public bool ActRequired { get; set; }

    /// <summary>The act or invoice of the contract's tree that closes the point.</summary>
    public Guid? ClosingDocumentId { get; set; }

    /// <summary>Why the control date was missed.</summary>
    public string? MissReason { get; set; }

    public string? Note { get; set; }

    /// <summary>Its place in the plan.</summary>
    public int Order { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public int Version { get; set; }
}

/// <summary>An actual payment recorded against a planned one, in kopecks; partial payments allowed.</summary>
public class ControlPayment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ControlPointId { get; set; }

    public Guid DocumentId { get; set; }

    public Guid? CounterpartyId { get; set; }

    public long AmountMinor { get; set; }

    public DateOnly PaidOn { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }
}

/// <summary>
/// Who is reminded of control dates, and how many days before: for every contract of a document
/// type, or for one contract; for every kind of point or one kind. The recipients are the point's
/// responsible person, a role's members (a group), a department's members, or one named user.
/// </summary>
public class ControlReminderRule
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set for a rule of a document type.</summary>
    public Guid? DocumentTypeId { get; set; }

    /// <summary>Set for a rule of one contract.</summary>
    public Guid? DocumentId { get; set; }

    /// <summary>Null: every kind of point.</summary>
    public ControlPointKind? PointKind { get; set; }

    public int DaysBefore { get; set; }

    public bool NotifyResponsible { get; set; }

    public Guid? RoleId { get; set; }

    public Guid? DepartmentId { get; set; }

    public Guid? UserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }
}

internal sealed class ControlPointConfiguration : IEntityTypeConfiguration<ControlPoint>
{
    public void Configure(EntityTypeBuilder<ControlPoint> e)
    {
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(p => p.Title).HasMaxLength(ControlPoint.TitleMax).IsRequired();
        e.Property(p => p.MissReason).HasMaxLength(TextLimits.Long);
        e.Property(p => p.Note).HasMaxLength(TextLimits.Long);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<Document>().WithMany().HasForeignKey(p => p.DocumentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Counterparty>().WithMany().HasForeignKey(p => p.CounterpartyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(p => p.ResponsibleId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Document>().WithMany().HasForeignKey(p => p.ClosingDocumentId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(p => new { p.DocumentId, p.Order });
        // A counterparty's settlement: its points grouped by contract, one index range.
        e.HasIndex(p => new { p.CounterpartyId, p.DocumentId });
        // Overdue points of a department, of a responsible person, of everyone: open ones by date.
        e.HasIndex(p => new { p.DepartmentId, p.Status, p.DueOn });
        e.HasIndex(p => new { p.ResponsibleId, p.Status, p.DueOn });
        e.HasIndex(p => new { p.Status, p.DueOn });
        e.HasIndex(p => p.ClosingDocumentId);
    }
}

internal sealed class ControlPaymentConfiguration : IEntityTypeConfiguration<ControlPayment>
{
    public void Configure(EntityTypeBuilder<ControlPayment> e)
    {
        e.Property(p => p.Note).HasMaxLength(TextLimits.Long);
        e.HasOne<ControlPoint>().WithMany().HasForeignKey(p => p.ControlPointId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(p => new { p.ControlPointId, p.PaidOn });
        e.HasIndex(p => new { p.DocumentId, p.PaidOn });
        e.HasIndex(p => new { p.CounterpartyId, p.PaidOn });
    }
}

internal sealed class ControlReminderRuleConfiguration : IEntityTypeConfiguration<ControlReminderRule>
{
    public void Configure(EntityTypeBuilder<ControlReminderRule> e)
    {
        e.Property(r => r.PointKind).HasConversion<string>().HasMaxLength(16);
        e.HasOne<DocumentType>().WithMany().HasForeignKey(r => r.DocumentTypeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Document>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => r.DocumentTypeId);
        e.HasIndex(r => r.DocumentId);
    }
}
