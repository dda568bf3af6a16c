using Letopis.Core.Access;
using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Crm;

public enum CounterpartyKind
{
    Company,
    Entrepreneur,
    Person,
}

/// <summary>A client, supplier or partner: a company, a sole proprietor (ИП) or a person.</summary>
public class Counterparty : IVersioned, IAudited, IScopedRecord
{
    public static string AuditKind => EntityKind;

    public const string EntityKind = "counterparty";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public CounterpartyKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Upper-case name for case-insensitive search and a provider-independent sort order.</summary>
    [NotAudited]
    public string NameNormalized { get; set; } = "";

    /// <summary>The name without legal form, quotes and punctuation («ГРАНИТСТРОЙ»): the duplicate check's key.</summary>
    [NotAudited]
    public string? NameKey { get; set; }

    /// <summary>The name without legal form and quotes («АЛЬФА» for ИП «Альфа»): the directory's name order, set on every save.</summary>
    [NotAudited]
    public string SortName { get; set; } = "";

    public string? FullName { get; set; }

    public string? Inn { get; set; }

    public string? Kpp { get; set; }

    public string? Ogrn { get; set; }

    /// <summary>E.164 form, e.g. <c>+74951234567</c>.</summary>
    public string? Phone { get; set; }

    public string? Fax { get; set; }

    public string? Email { get; set; }

    public string? Website { get; set; }

    public string? LegalAddress { get; set; }

    /// <summary>Where the counterparty actually works (the office, the site).</summary>
    public string? ActualAddress { get; set; }

    /// <summary>Where letters go.</summary>
    public string? PostalAddress { get; set; }

    public Guid? RegionId { get; set; }

    public Guid? CategoryId { get; set; }

    public Guid? GroupId { get; set; }

    public Guid? ActivityTypeId { get; set; }

    public Guid? AdSourceId { get; set; }

    public Guid? ResponsibleId { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedById { get; set; }

    public int Version { get; set; }
}

internal sealed class CounterpartyConfiguration : IEntityTypeConfiguration<Counterparty>
{
    public void Configure(EntityTypeBuilder<Counterparty> e)
    {
        e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(c => c.Name).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(c => c.NameNormalized).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(c => c.FullName).HasMaxLength(1000);
        e.Property(c => c.Inn).HasMaxLength(12);
        e.Property(c => c.Kpp).HasMaxLength(9);
        e.Property(c => c.Ogrn).HasMaxLength(15);
        e.Property(c => c.Phone).HasMaxLength(20);
        e.Property(c => c.Fax).HasMaxLength(20);
        e.Property(c => c.Email).HasMaxLength(254);
        e.Property(c => c.Website).HasMaxLength(TextLimits.Name);
        e.Property(c => c.LegalAddress).HasMaxLength(TextLimits.Address);
        e.Property(c => c.ActualAddress).HasMaxLength(TextLimits.Address);
        e.Property(c => c.PostalAddress).HasMaxLength(TextLimits.Address);
        e.Property(c => c.Version).IsConcurrencyToken();
        foreach (var fk in new[] { nameof(Counterparty.RegionId), nameof(Counterparty.CategoryId), nameof(Counterparty.GroupId), nameof(Counterparty.ActivityTypeId), nameof(Counterparty.AdSourceId) })
            e.HasOne<ReferenceItem>().WithMany().HasForeignKey(fk).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(c => c.ResponsibleId).OnDelete(DeleteBehavior.SetNull);
        // Directory filters: each classifier with the name order, so a filtered, sorted page is one index range.
        // The name order is the name without its legal form (SortName) and ends with the id, as the directory
        // sorts: with the name alone SQLite chose to sort the whole table for a page of one or two cards (0.35 s at a million).
        e.Property(c => c.SortName).HasMaxLength(CounterpartySortName.MaxLength).IsRequired();
        e.HasIndex(c => new { c.SortName, c.Id });
        e.HasIndex(c => new { c.RegionId, c.SortName });
        e.HasIndex(c => new { c.CategoryId, c.SortName });
        e.HasIndex(c => new { c.GroupId, c.SortName });
        e.HasIndex(c => new { c.ActivityTypeId, c.SortName });
        e.HasIndex(c => new { c.AdSourceId, c.SortName });
        e.HasIndex(c => new { c.ResponsibleId, c.SortName });
        // The most common pair of filters (region and category) answers its page and its count from one range.
        e.HasIndex(c => new { c.RegionId, c.CategoryId, c.SortName });
        e.Property(c => c.NameKey).HasMaxLength(TextLimits.Name);
        e.HasIndex(c => c.NameKey);
        e.HasIndex(c => c.Inn);
        e.HasIndex(c => c.Phone);
        e.HasIndex(c => c.Email);
        // Directory orders besides the name: newest first (also per responsible, «my newest»).
        e.HasIndex(c => new { c.CreatedAt, c.Id });
        e.HasIndex(c => new { c.ResponsibleId, c.CreatedAt });
    }
}
