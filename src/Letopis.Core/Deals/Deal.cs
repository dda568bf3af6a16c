using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Deals;

/// <summary>
/// A sale in progress («сделка»): it moves through the stages of its pipeline to won or lost.
/// Money is kept in kopecks so that both providers sum a board's column in SQL.
/// </summary>
public class Deal : IVersioned, IAudited, IScopedRecord
{
    public const string EntityKind = "deal";

    public static string AuditKind => EntityKind;

    public const int TitleMax = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Title { get; set; } = "";

    /// <summary>Upper-case title for case-insensitive filters.</summary>
    [NotAudited]
    public string TitleNormalized { get; set; } = "";

    public Guid PipelineId { get; set; }

    public Guid StageId { get; set; }

    /// <summary>The amount with VAT, in kopecks; the sum of the line items when there are any.</summary>
    public long AmountMinor { get; set; }

    /// <summary>ISO 4217 code; <c>RUB</c> by default.</summary>
    public string Currency { get; set; } = "RUB";

    public DateOnly? ExpectedCloseOn { get; set; }

    public Guid? ResponsibleId { get; set; }

    /// <summary>The client: a counterparty of any legal form.</summary>
    public Guid? CompanyId { get; set; }

    /// <summary>The <c>ad-sources</c> entry the deal came from.</summary>
    public Guid? SourceId { get; set; }

    /// <summary>The lead it was converted from.</summary>
    public Guid? LeadId { get; set; }

    /// <summary>The <c>lost-reasons</c> entry given when the deal reached a lost stage.</summary>
    public Guid? LostReasonId { get; set; }

    public string? LostComment { get; set; }

    public string? Comment { get; set; }

    /// <summary>When it entered its current stage: the time spent there is measured from it.</summary>
    [NotAudited]
    public DateTime StageChangedAt { get; set; }

    /// <summary>When it reached won or lost; null while open.</summary>
    public DateTime? ClosedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public int Version { get; set; }
}

/// <summary>A contact person of a deal; the first in order is the main one.</summary>
public class DealContact
{
    public Guid DealId { get; set; }

    public Guid ContactId { get; set; }

    public int Order { get; set; }
}

/// <summary>
/// A line of a deal («товар или услуга»): quantity in thousandths, price and sums in kopecks,
/// all computed exactly in integers.
/// </summary>
public class DealItem
{
    public const int NameMax = 500;
    public const int UnitMax = 20;

    /// <summary>Quantities are kept in thousandths (3 decimals: 1,5 т, 0,125 м³).</summary>
    public const long QuantityScale = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DealId { get; set; }

    public int Order { get; set; }

    public string Name { get; set; } = "";

    public long QuantityMilli { get; set; }

    public string? Unit { get; set; }

    /// <summary>The price of one unit with VAT, in kopecks.</summary>
    public long PriceMinor { get; set; }

    /// <summary>VAT rate in percent; null: without VAT.</summary>
    public int? VatRate { get; set; }

    /// <summary>Quantity × price, rounded half away from zero to the kopeck.</summary>
    public long AmountMinor { get; set; }

    /// <summary>The VAT included in <see cref="AmountMinor"/>, in kopecks.</summary>
    public long VatMinor { get; set; }
}

/// <summary>
/// A move of a lead or a deal from one stage to another, with the time it spent in the one it left
/// («сколько сделка провела на стадии»).
/// </summary>
public class StageTransition
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary><c>lead</c> or <c>deal</c>.</summary>
    public string EntityKind { get; set; } = "";

    public Guid EntityId { get; set; }

    /// <summary>Null for the first stage a record was created in.</summary>
    public Guid? FromStageId { get; set; }

    public Guid ToStageId { get; set; }

    public DateTime At { get; set; }

    /// <summary>Seconds spent in <see cref="FromStageId"/>.</summary>
    public long? SecondsInPrevious { get; set; }

    public Guid? UserId { get; set; }

    public Guid? OnBehalfOfId { get; set; }
}

/// <summary>
/// How many leads or deals of one responsible person stand in a stage, and their sum: a board's
/// column shows its count and sum at a million records by adding up a few hundred of these rows.
/// Kept in the same transaction as the records (<see cref="StageTotals"/>).
/// </summary>
public class StageTotal
{
    public Guid StageId { get; set; }

    /// <summary><see cref="Guid.Empty"/>: records without a responsible person.</summary>
    public Guid ResponsibleId { get; set; }

    public long Count { get; set; }

    public long AmountMinor { get; set; }
}

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> e)
    {
        e.Property(d => d.Title).HasMaxLength(Deal.TitleMax).IsRequired();
        e.Property(d => d.TitleNormalized).HasMaxLength(Deal.TitleMax).IsRequired();
        e.Property(d => d.Currency).HasMaxLength(3).IsRequired();
        e.Property(d => d.LostComment).HasMaxLength(TextLimits.Long);
        e.Property(d => d.Comment).HasMaxLength(TextLimits.Long);
        e.Property(d => d.Version).IsConcurrencyToken();
        e.HasOne<Pipeline>().WithMany().HasForeignKey(d => d.PipelineId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PipelineStage>().WithMany().HasForeignKey(d => d.StageId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(d => d.ResponsibleId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Counterparty>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<ReferenceItem>().WithMany().HasForeignKey(d => d.SourceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ReferenceItem>().WithMany().HasForeignKey(d => d.LostReasonId).OnDelete(DeleteBehavior.Restrict);
        // A board column: the stage's newest cards, whole or one person's («мои»).
        e.HasIndex(d => new { d.StageId, d.CreatedAt, d.Id });
        e.HasIndex(d => new { d.StageId, d.ResponsibleId, d.CreatedAt });
        // The list of a pipeline, newest first, and one person's deals.
        e.HasIndex(d => new { d.PipelineId, d.CreatedAt });
        e.HasIndex(d => new { d.ResponsibleId, d.CreatedAt });
        // The counterparty card's deals tab.
        e.HasIndex(d => new { d.CompanyId, d.CreatedAt });
        e.HasIndex(d => d.LeadId);
    }
}

internal sealed class DealContactConfiguration : IEntityTypeConfiguration<DealContact>
{
    public void Configure(EntityTypeBuilder<DealContact> e)
    {
        e.HasKey(c => new { c.DealId, c.ContactId });
        e.HasOne<Deal>().WithMany().HasForeignKey(c => c.DealId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ContactPerson>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => c.ContactId);
    }
}

internal sealed class DealItemConfiguration : IEntityTypeConfiguration<DealItem>
{
    public void Configure(EntityTypeBuilder<DealItem> e)
    {
        e.Property(i => i.Name).HasMaxLength(DealItem.NameMax).IsRequired();
        e.Property(i => i.Unit).HasMaxLength(DealItem.UnitMax);
        e.HasOne<Deal>().WithMany().HasForeignKey(i => i.DealId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(i => new { i.DealId, i.Order });
    }
}

internal sealed class StageTransitionConfiguration : IEntityTypeConfiguration<StageTransition>
{
    public void Configure(EntityTypeBuilder<StageTransition> e)
    {
        e.Property(t => t.EntityKind).HasMaxLength(8).IsRequired();
        e.HasIndex(t => new { t.EntityKind, t.EntityId, t.At });
        // Average time per stage: the moves out of a stage.
        e.HasIndex(t => new { t.FromStageId, t.At });
    }
}

internal sealed class StageTotalConfiguration : IEntityTypeConfiguration<StageTotal>
{
    public void Configure(EntityTypeBuilder<StageTotal> e)
    {
        e.HasKey(t => new { t.StageId, t.ResponsibleId });
    }
}
