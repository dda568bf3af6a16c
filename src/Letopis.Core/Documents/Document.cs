using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Documents;

/// <summary>
/// A registered document: a contract, an appendix, an act, a letter. Its registration number is
/// given once by its journal and never changes. Money is kept in minor units (kopecks) so that
/// both providers sort and sum it in SQL.
/// </summary>
public class Document : IVersioned, IAudited, IScopedRecord
{
    public const string EntityKind = "document";

    public static string AuditKind => EntityKind;

    public const int TitleMax = 500;
    public const int SummaryMax = TextLimits.Long;
    public const int NumberMax = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TypeId { get; set; }

    /// <summary>The registration number; null for a type without a journal.</summary>
    public string? Number { get; set; }

    /// <summary>The number as the registry orders it (<see cref="Documents.NumberSortKey"/>), set on every save; null until filled.</summary>
    [NotAudited]
    public string? NumberSortKey { get; set; }

    public DateOnly RegisteredOn { get; set; }

    public Guid? JournalId { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Upper-case title for case-insensitive filters.</summary>
    [NotAudited]
    public string TitleNormalized { get; set; } = "";

    public string? Summary { get; set; }

    public Guid? CounterpartyId { get; set; }

    /// <summary>Our own legal entity that is a party to it.</summary>
    public Guid? OurCompanyId { get; set; }

    public Guid? ParentId { get; set; }

    /// <summary>The deal the document belongs to (a contract, an invoice, an offer of the sale).</summary>
    public Guid? DealId { get; set; }

    /// <summary>The top of this document's tree (itself when it has no parent): a whole tree is one index range.</summary>
    [NotAudited]
    public Guid RootId { get; set; }

    /// <summary>The amount with VAT, in kopecks.</summary>
    public long? AmountMinor { get; set; }

    /// <summary>VAT rate in percent (22, 10, 0); null: without VAT.</summary>
    public int? VatRate { get; set; }

    /// <summary>The VAT included in the amount, in kopecks.</summary>
    public long? VatAmountMinor { get; set; }

    /// <summary>ISO 4217 code; <c>RUB</c> by default.</summary>
    public string Currency { get; set; } = "RUB";

    public DateOnly? SignedByUsOn { get; set; }

    public DateOnly? SignedByCounterpartyOn { get; set; }

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public Guid? ResponsibleId { get; set; }

    public DocumentStatus Status { get; set; }

    /// <summary>The sender's number of an incoming letter.</summary>
    public string? IncomingNumber { get; set; }

    /// <summary>The sender's date of an incoming letter.</summary>
    public DateOnly? IncomingDate { get; set; }

    /// <summary>How a letter came or went: post, courier, e-mail, by hand, ЭДО.</summary>
    public Paper.DeliveryMethod? DeliveryMethod { get; set; }

    /// <summary>The number of pages of a letter.</summary>
    public int? Pages { get; set; }

    /// <summary>A letter's attachments as the register names them («Приложение: договор на 5 л.»).</summary>
    public string? Attachments { get; set; }

    /// <summary>Whom an incoming letter is addressed to: the person who writes its resolution.</summary>
    public Guid? AddresseeId { get; set; }

    /// <summary>The incoming letter an outgoing one answers («в ответ на»).</summary>
    public Guid? ReplyToId { get; set; }

    /// <summary>When an outgoing letter was sent: its sending closes the assignments of the letter it answers.</summary>
    public DateOnly? SentOn { get; set; }

    /// <summary>The post or courier tracking number of a sent letter.</summary>
    public string? TrackingNumber { get; set; }

    public bool Deleted { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public int Version { get; set; }

    public const long MinorPerUnit = 100;

    public static long? ToMinor(decimal? amount) => amount is { } a ? (long)decimal.Round(a * MinorPerUnit, 0, MidpointRounding.AwayFromZero) : null;

    public static decimal? FromMinor(long? minor) => minor is { } m ? decimal.Round(m / (decimal)MinorPerUnit, 2) + 0.00m : null;
}

/// <summary>A colleague who shares responsibility for a document: sees it and may work on it.</summary>
public class DocumentCoResponsible
{
    public Guid DocumentId { get; set; }

    public Guid UserId { get; set; }
}

public enum DocumentLinkKind
{
    SeeAlso,
    Replaces,
}

/// <summary>A free link between two documents outside the hierarchy: «see also», «replaces».</summary>
public class DocumentLink
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid FromId { get; set; }

    public Guid ToId { get; set; }

    public DocumentLinkKind Kind { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }
}

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> e)
    {
        e.Property(d => d.Number).HasMaxLength(Document.NumberMax);
        e.Property(d => d.Title).HasMaxLength(Document.TitleMax).IsRequired();
        e.Property(d => d.TitleNormalized).HasMaxLength(Document.TitleMax).IsRequired();
        e.Property(d => d.Summary).HasMaxLength(Document.SummaryMax);
        e.Property(d => d.Currency).HasMaxLength(3).IsRequired();
        e.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(d => d.IncomingNumber).HasMaxLength(Document.NumberMax);
        e.Property(d => d.DeliveryMethod).HasConversion<string>().HasMaxLength(16);
        e.Property(d => d.Attachments).HasMaxLength(TextLimits.Long);
        e.Property(d => d.TrackingNumber).HasMaxLength(Paper.PaperCopy.TrackingMax);
        e.HasOne<AppUser>().WithMany().HasForeignKey(d => d.AddresseeId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Document>().WithMany().HasForeignKey(d => d.ReplyToId).OnDelete(DeleteBehavior.SetNull);
        // An addressee's letters awaiting resolution, and the replies to a letter.
        e.HasIndex(d => new { d.AddresseeId, d.RegisteredOn });
        e.HasIndex(d => d.ReplyToId);
        e.Property(d => d.Version).IsConcurrencyToken();
        e.HasOne<DocumentType>().WithMany().HasForeignKey(d => d.TypeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<RegistrationJournal>().WithMany().HasForeignKey(d => d.JournalId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Counterparty>().WithMany().HasForeignKey(d => d.CounterpartyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<OurCompany>().WithMany().HasForeignKey(d => d.OurCompanyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Document>().WithMany().HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(d => d.ResponsibleId).OnDelete(DeleteBehavior.SetNull);
        // Numbers are unique within a journal; a document without a journal has none.
        e.HasIndex(d => new { d.JournalId, d.Number }).IsUnique();
        e.HasIndex(d => new { d.CounterpartyId, d.RegisteredOn });
        e.HasIndex(d => d.ParentId);
        // The deal card's documents.
        e.HasOne<Deals.Deal>().WithMany().HasForeignKey(d => d.DealId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(d => new { d.DealId, d.RegisteredOn });
        e.HasIndex(d => d.RootId);
        e.HasIndex(d => new { d.TypeId, d.RegisteredOn });
        e.HasIndex(d => new { d.ResponsibleId, d.RegisteredOn });
        e.HasIndex(d => new { d.Status, d.RegisteredOn });
        // The registry's order: newest registration date first, then the number in natural order (П-2 before П-10).
        e.Property(d => d.NumberSortKey).HasMaxLength(Documents.NumberSortKey.MaxLength);
        e.HasIndex(d => new { d.RegisteredOn, d.NumberSortKey, d.Id }).IsDescending(true, false, false);
        // «Expiring within 30 days»: a range of the validity end.
        e.HasIndex(d => d.ValidTo);
        e.HasIndex(d => d.Number);
    }
}

internal sealed class DocumentCoResponsibleConfiguration : IEntityTypeConfiguration<DocumentCoResponsible>
{
    public void Configure(EntityTypeBuilder<DocumentCoResponsible> e)
    {
        e.ToTable("DocumentCoResponsibles");
        e.HasKey(c => new { c.DocumentId, c.UserId });
        e.HasOne<Document>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        // «Documents I share»: the access filter looks co-responsibility up by user.
        e.HasIndex(c => new { c.UserId, c.DocumentId });
    }
}

internal sealed class DocumentLinkConfiguration : IEntityTypeConfiguration<DocumentLink>
{
    public void Configure(EntityTypeBuilder<DocumentLink> e)
    {
        e.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Document>().WithMany().HasForeignKey(l => l.FromId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Document>().WithMany().HasForeignKey(l => l.ToId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(l => new { l.FromId, l.ToId, l.Kind }).IsUnique();
        e.HasIndex(l => l.ToId);
    }
}
