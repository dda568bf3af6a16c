using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Templates;

public enum TemplateBatchStatus
{
    /// <summary>Created; a node will claim it.</summary>
    Pending,

    /// <summary>A node works through its items; another resumes it once the claim lapses (a restart).</summary>
    Running,

    Completed,

    Cancelled,
}

public enum TemplateBatchItemStatus
{
    Pending,
    Done,
    Failed,
}

/// <summary>
/// One template generated for many counterparties (a letter to every client of a region), run in
/// the background: its items are fixed when it is created, each result is registered and attached,
/// and the work is claimed through the database, so a restart or a second node resumes it.
/// </summary>
public class TemplateBatch : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TemplateId { get; set; }

    /// <summary>The generated file: <c>html</c>, <c>pdf</c> or <c>docx</c>.</summary>
    public string Output { get; set; } = "pdf";

    /// <summary>Whether each result is registered as a document of the template's type.</summary>
    public bool Register { get; set; }

    /// <summary>The directory filter the counterparties were chosen by (its query string), shown beside the batch.</summary>
    public string? Filter { get; set; }

    public TemplateBatchStatus Status { get; set; }

    public int Total { get; set; }

    public int Succeeded { get; set; }

    public int Failed { get; set; }

    public Guid CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The node working on the batch and until when its claim holds.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public int Version { get; set; }
}

/// <summary>One counterparty of a batch and what came of it.</summary>
public class TemplateBatchItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid BatchId { get; set; }

    /// <summary>Position in the batch: items are worked through in this order.</summary>
    public int Order { get; set; }

    public Guid CounterpartyId { get; set; }

    public TemplateBatchItemStatus Status { get; set; }

    /// <summary>The registered document, when the batch registers.</summary>
    public Guid? DocumentId { get; set; }

    /// <summary>The generated file in the blob store, when the batch does not register.</summary>
    public string? BlobKey { get; set; }

    public string? FileName { get; set; }

    /// <summary>Why the item failed (the template error or the missing field), shown to the user.</summary>
    public string? Error { get; set; }

    public DateTime? FinishedAt { get; set; }
}

internal sealed class TemplateBatchConfiguration : IEntityTypeConfiguration<TemplateBatch>
{
    public void Configure(EntityTypeBuilder<TemplateBatch> e)
    {
        e.Property(b => b.Output).HasMaxLength(8);
        e.Property(b => b.Filter).HasMaxLength(4000);
        e.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(b => b.ClaimedBy).HasMaxLength(100);
        e.Property(b => b.Version).IsConcurrencyToken();
        e.HasOne<DocumentTemplate>().WithMany().HasForeignKey(b => b.TemplateId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(b => new { b.Status, b.ClaimedUntil });
        e.HasIndex(b => new { b.CreatedById, b.CreatedAt });
    }
}

internal sealed class TemplateBatchItemConfiguration : IEntityTypeConfiguration<TemplateBatchItem>
{
    public void Configure(EntityTypeBuilder<TemplateBatchItem> e)
    {
        e.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(i => i.BlobKey).HasMaxLength(200);
        e.Property(i => i.FileName).HasMaxLength(255);
        e.Property(i => i.Error).HasMaxLength(2000);
        e.HasOne<TemplateBatch>().WithMany().HasForeignKey(i => i.BatchId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(i => new { i.BatchId, i.Status, i.Order });
        // The orphan sweep asks whether a batch still offers a blob for download.
        e.HasIndex(i => i.BlobKey);
    }
}
