using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Templates;

/// <summary>How a template is written: Liquid in HTML, or a Word file with Liquid placeholders.</summary>
public enum TemplateFormat
{
    Html,
    Docx,
}

/// <summary>
/// The record a template is generated from, which decides where it is offered and what its model
/// holds: a counterparty (a letter, a contract), a deal (a commercial offer with the deal's items)
/// or a document (an act or an appendix of a contract, with the contract as its parent).
/// Every model also offers the counterparty the record belongs to, our legal entity, the user and today.
/// </summary>
public enum TemplateTarget
{
    Counterparty,
    Deal,
    Document,
}

/// <summary>
/// A template of generated documents («шаблон»): letters, commercial offers, contracts and acts
/// made in one click from a counterparty, a deal or a document, as HTML for printing, PDF or DOCX.
/// </summary>
public class DocumentTemplate : IVersioned, IAudited
{
    public const string EntityKind = "template";

    public static string AuditKind => EntityKind;

    public const int NameMax = 200;
    public const int DescriptionMax = 1000;

    /// <summary>The largest HTML body accepted, in characters.</summary>
    public const int BodyMax = 500_000;

    public const int FileNamePatternMax = 500;
    public const int EmailSubjectMax = 500;
    public const int EmailBodyMax = 20_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public TemplateFormat Format { get; set; }

    public TemplateTarget Target { get; set; }

    /// <summary>The Liquid HTML of an HTML template; null for a Word template.</summary>
    public string? Body { get; set; }

    /// <summary>The uploaded .docx of a Word template, in the blob store; null for an HTML template.</summary>
    public string? FileBlobKey { get; set; }

    /// <summary>The uploaded file's name as the user gave it (its last part only).</summary>
    public string? FileName { get; set; }

    public long? FileSize { get; set; }

    public string? FileSha256 { get; set; }

    /// <summary>
    /// The type a generated file is registered as (numbered by its journal); null: the file can be
    /// downloaded, printed and sent, but not registered.
    /// </summary>
    public Guid? DocumentTypeId { get; set; }

    /// <summary>Liquid for the generated file's name without extension, e.g. <c>Договор поставки {{ counterparty.name }}</c>; null: the template's name.</summary>
    public string? FileNamePattern { get; set; }

    /// <summary>Liquid for the subject a compose dialog proposes when the generated file is e-mailed.</summary>
    public string? EmailSubject { get; set; }

    /// <summary>Liquid (plain text) for the body a compose dialog proposes.</summary>
    public string? EmailBody { get; set; }

    /// <summary>The code of a template Letopis ships (<c>supply-contract</c>…); null for the company's own. Shipped ones are created once and then belong to the company.</summary>
    public string? ShippedCode { get; set; }

    /// <summary>Archived templates are not offered for generation; their generated documents stay.</summary>
    public bool IsArchived { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}

internal sealed class DocumentTemplateConfiguration : IEntityTypeConfiguration<DocumentTemplate>
{
    public void Configure(EntityTypeBuilder<DocumentTemplate> e)
    {
        e.Property(t => t.Name).HasMaxLength(DocumentTemplate.NameMax);
        e.Property(t => t.Description).HasMaxLength(DocumentTemplate.DescriptionMax);
        e.Property(t => t.Format).HasConversion<string>().HasMaxLength(8);
        e.Property(t => t.Target).HasConversion<string>().HasMaxLength(16);
        e.Property(t => t.FileBlobKey).HasMaxLength(200);
        e.Property(t => t.FileName).HasMaxLength(255);
        e.Property(t => t.FileSha256).HasMaxLength(64);
        e.Property(t => t.FileNamePattern).HasMaxLength(DocumentTemplate.FileNamePatternMax);
        e.Property(t => t.EmailSubject).HasMaxLength(DocumentTemplate.EmailSubjectMax);
        e.Property(t => t.EmailBody).HasMaxLength(DocumentTemplate.EmailBodyMax);
        e.Property(t => t.ShippedCode).HasMaxLength(64);
        e.Property(t => t.Version).IsConcurrencyToken();
        e.HasIndex(t => new { t.Target, t.IsArchived, t.Name });
        e.HasIndex(t => t.ShippedCode).IsUnique();
        e.HasOne<Documents.DocumentType>().WithMany().HasForeignKey(t => t.DocumentTypeId).OnDelete(DeleteBehavior.Restrict);
    }
}
