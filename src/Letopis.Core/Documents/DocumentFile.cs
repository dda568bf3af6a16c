using Letopis.Core.Access;
using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Documents;

/// <summary>A file slot of a document (a scan, the signed PDF): its current name and version.</summary>
public class DocumentFile
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    /// <summary>The name of the current version.</summary>
    public string Name { get; set; } = "";

    /// <summary>The number of the current version (1, 2, …).</summary>
    public int CurrentVersion { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool Deleted { get; set; }
}

/// <summary>One uploaded version of a file: who uploaded what, when, with which comment.</summary>
public class DocumentFileVersion
{
    public const int NameMax = 255;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid FileId { get; set; }

    public int Version { get; set; }

    public string Name { get; set; } = "";

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>Taken from the bytes, not from the name.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>Where the blob store keeps the bytes.</summary>
    public string BlobKey { get; set; } = "";

    public Guid? UploadedById { get; set; }

    public DateTime UploadedAt { get; set; }

    public string? Comment { get; set; }
}

internal sealed class DocumentFileConfiguration : IEntityTypeConfiguration<DocumentFile>
{
    public void Configure(EntityTypeBuilder<DocumentFile> e)
    {
        e.Property(f => f.Name).HasMaxLength(DocumentFileVersion.NameMax).IsRequired();
        e.HasOne<Document>().WithMany().HasForeignKey(f => f.DocumentId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => f.DocumentId);
    }
}

internal sealed class DocumentFileVersionConfiguration : IEntityTypeConfiguration<DocumentFileVersion>
{
    public void Configure(EntityTypeBuilder<DocumentFileVersion> e)
    {
        e.Property(v => v.Name).HasMaxLength(DocumentFileVersion.NameMax).IsRequired();
        e.Property(v => v.Sha256).HasMaxLength(64).IsRequired();
        e.Property(v => v.ContentType).HasMaxLength(TextLimits.Short).IsRequired();
        e.Property(v => v.BlobKey).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(v => v.Comment).HasMaxLength(TextLimits.Long);
        e.HasOne<DocumentFile>().WithMany().HasForeignKey(v => v.FileId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UploadedById).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(v => new { v.FileId, v.Version }).IsUnique();
        e.HasIndex(v => v.UploadedById);
        // The orphan sweep asks, a batch of stored blobs at a time, which of them a version holds.
        e.HasIndex(v => v.BlobKey);
    }
}
