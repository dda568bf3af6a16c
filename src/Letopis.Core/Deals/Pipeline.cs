using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Deals;

/// <summary>Whose stages a pipeline holds: the one pipeline of leads, or one of the deal pipelines («направления»).</summary>
public enum PipelineKind
{
    Lead,
    Deal,
}

/// <summary>
/// An ordered set of stages. Leads have exactly one pipeline, whose last stage is the outcome;
/// deals have as many pipelines as the company sells in («Продажи», «Тендеры»), each with its own
/// open stages and its won and lost ends.
/// </summary>
public class Pipeline : IVersioned, IAudited
{
    public const string EntityKind = "pipeline";

    public static string AuditKind => EntityKind;

    public const int NameMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public PipelineKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Position among the deal pipelines (tabs of the board).</summary>
    public int Order { get; set; }

    /// <summary>Archived pipelines keep their deals but take no new ones.</summary>
    public bool IsArchived { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>What reaching a stage means.</summary>
public enum StageSemantic
{
    /// <summary>Work in progress.</summary>
    Open,

    /// <summary>A deal's successful end.</summary>
    Won,

    /// <summary>A deal's failed end; reaching it asks for a reason.</summary>
    Lost,

    /// <summary>The last stage of leads: reaching it asks for the result (junk or converted).</summary>
    Outcome,
}

/// <summary>A column of a board: a step of the lead pipeline or of a deal pipeline.</summary>
public class PipelineStage : IVersioned, IAudited
{
    public const string EntityKind = "stage";

    public static string AuditKind => EntityKind;

    public const int NameMax = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PipelineId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Left-to-right position on the status bar and the board.</summary>
    public int Order { get; set; }

    public StageSemantic Semantic { get; set; }

    /// <summary>The column's colour as <c>#rrggbb</c>.</summary>
    public string? Color { get; set; }

    public int Version { get; set; }

    public bool IsClosing => Semantic != StageSemantic.Open;
}

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<Pipeline>
{
    public void Configure(EntityTypeBuilder<Pipeline> e)
    {
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(8);
        e.Property(p => p.Name).HasMaxLength(Pipeline.NameMax).IsRequired();
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasIndex(p => new { p.Kind, p.Order });
    }
}

internal sealed class PipelineStageConfiguration : IEntityTypeConfiguration<PipelineStage>
{
    public void Configure(EntityTypeBuilder<PipelineStage> e)
    {
        e.Property(s => s.Name).HasMaxLength(PipelineStage.NameMax).IsRequired();
        e.Property(s => s.Semantic).HasConversion<string>().HasMaxLength(8);
        e.Property(s => s.Color).HasMaxLength(7);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.Ignore(s => s.IsClosing);
        e.HasOne<Pipeline>().WithMany().HasForeignKey(s => s.PipelineId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => new { s.PipelineId, s.Order });
    }
}
