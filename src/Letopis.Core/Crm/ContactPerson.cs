using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Crm;

/// <summary>A person we deal with; one person may work with several counterparties.</summary>
public class ContactPerson : IVersioned, IAudited
{
    public const string EntityKind = "contact";

    public static string AuditKind => EntityKind;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string FullName { get; set; } = "";

    [NotAudited]
    public string FullNameNormalized { get; set; } = "";

    /// <summary>E.164 form.</summary>
    public string? Phone { get; set; }

    /// <summary>A second (usually mobile) number, E.164 form.</summary>
    public string? Phone2 { get; set; }

    public string? Email { get; set; }

    /// <summary>The birthday; kept in step with the person's «birthday» important date.</summary>
    public DateOnly? BirthDate { get; set; }

    /// <summary>Consent to the processing of personal data (152-ФЗ) and the day it was given.</summary>
    public DateOnly? ConsentOn { get; set; }

    public string? Notes { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A person's place at one counterparty: their position there and whether they are the main contact.</summary>
public class CounterpartyContact
{
    public Guid CounterpartyId { get; set; }

    public Guid ContactId { get; set; }

    public string? Position { get; set; }

    public bool IsMain { get; set; }
}

internal sealed class ContactPersonConfiguration : IEntityTypeConfiguration<ContactPerson>
{
    public void Configure(EntityTypeBuilder<ContactPerson> e)
    {
        e.Property(c => c.FullName).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(c => c.FullNameNormalized).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(c => c.Phone).HasMaxLength(20);
        e.Property(c => c.Phone2).HasMaxLength(20);
        e.Property(c => c.Email).HasMaxLength(254);
        e.Property(c => c.Notes).HasMaxLength(TextLimits.Long);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasIndex(c => c.FullNameNormalized);
        e.HasIndex(c => c.Phone);
        e.HasIndex(c => c.Email);
    }
}

internal sealed class CounterpartyContactConfiguration : IEntityTypeConfiguration<CounterpartyContact>
{
    public void Configure(EntityTypeBuilder<CounterpartyContact> e)
    {
        e.HasKey(l => new { l.CounterpartyId, l.ContactId });
        e.Property(l => l.Position).HasMaxLength(TextLimits.Name);
        e.HasOne<Counterparty>().WithMany().HasForeignKey(l => l.CounterpartyId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ContactPerson>().WithMany().HasForeignKey(l => l.ContactId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(l => l.ContactId);
    }
}
