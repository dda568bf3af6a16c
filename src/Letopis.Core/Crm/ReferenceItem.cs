using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Crm;

/// <summary>The editable classifier books of the counterparty directory.</summary>
public enum ReferenceBook
{
    Region,
    Category,
    Group,
    ActivityType,
    AdSource,

    /// <summary>Why a lead is junk («некачественный лид»).</summary>
    JunkReason,

    /// <summary>Why a deal was lost.</summary>
    LostReason,
}

/// <summary>An entry of a reference book. Archived entries stay on old records but leave pick lists.</summary>
public class ReferenceItem : IVersioned, IAudited
{
    public static string AuditKind => "reference";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public ReferenceBook Book { get; set; }

    public string Name { get; set; } = "";

    [NotAudited]
    public string NameNormalized { get; set; } = "";

    public bool IsArchived { get; set; }

    public int Version { get; set; }

    /// <summary>The API's path segment of each book.</summary>
    public static readonly IReadOnlyDictionary<string, ReferenceBook> Slugs = new Dictionary<string, ReferenceBook>
    {
        ["regions"] = ReferenceBook.Region,
        ["categories"] = ReferenceBook.Category,
        ["groups"] = ReferenceBook.Group,
        ["activity-types"] = ReferenceBook.ActivityType,
        ["ad-sources"] = ReferenceBook.AdSource,
        ["junk-reasons"] = ReferenceBook.JunkReason,
        ["lost-reasons"] = ReferenceBook.LostReason,
    };
}

internal sealed class ReferenceItemConfiguration : IEntityTypeConfiguration<ReferenceItem>
{
    public void Configure(EntityTypeBuilder<ReferenceItem> e)
    {
        e.Property(r => r.Book).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Name).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(r => r.NameNormalized).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasIndex(r => new { r.Book, r.NameNormalized }).IsUnique();
    }
}
