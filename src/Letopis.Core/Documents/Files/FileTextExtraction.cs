using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Documents.Files;

public enum TextState
{
    /// <summary>Waits for a node to extract it.</summary>
    Pending,

    Done,

    /// <summary>Every attempt failed (a damaged or encrypted file); the file itself is fine to download.</summary>
    Failed,
}

/// <summary>
/// The text of one file version, extracted in the background after the upload, and the claim a
/// node holds on the work while it does it (so several nodes never extract the same file twice).
/// Kept apart from the version row: it can be large, and only search reads it.
/// </summary>
public class FileTextExtraction
{
    public const int MaxAttempts = 3;

    public Guid VersionId { get; set; }

    public Guid FileId { get; set; }

    public Guid DocumentId { get; set; }

    public TextState State { get; set; }

    public int Attempts { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DoneAt { get; set; }

    public string? Text { get; set; }

    public string? Error { get; set; }
}

internal sealed class FileTextExtractionConfiguration : IEntityTypeConfiguration<FileTextExtraction>
{
    public void Configure(EntityTypeBuilder<FileTextExtraction> e)
    {
        e.ToTable("FileTextExtractions");
        e.HasKey(x => x.VersionId);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.ClaimedBy).HasMaxLength(100);
        e.Property(x => x.Error).HasMaxLength(1000);
        e.HasOne<DocumentFileVersion>().WithOne().HasForeignKey<FileTextExtraction>(x => x.VersionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<DocumentFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
        // The claimers' scan: waiting work, oldest first; finished rows drop out of the index.
        e.HasIndex(x => x.CreatedAt).HasFilter("\"State\" = 'Pending'").HasDatabaseName("IX_FileTextExtractions_Pending");
        // The search index reads the texts of a document's files.
        e.HasIndex(x => x.DocumentId);
        e.HasIndex(x => x.FileId);
    }
}

/// <summary>Claims waiting extractions through the database; one implementation per provider.</summary>
public interface IFileTextClaimer
{
    string ProviderKind { get; }

    /// <summary>
    /// Marks up to <paramref name="max"/> waiting extractions with <paramref name="token"/> (unique per
    /// claim) until <paramref name="until"/>; returns their version ids.
    /// </summary>
    Task<IReadOnlyList<Guid>> ClaimAsync(LetopisDb db, string token, DateTime now, DateTime until, int max, CancellationToken ct);
}
