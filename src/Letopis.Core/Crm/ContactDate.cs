using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Crm;

/// <summary>
/// A date worth remembering about a contact person: their birthday, their company's day, or any
/// named date; optionally a yearly reminder some days before.
/// </summary>
public class ContactDate
{
    public const string EntityKind = "contact_date";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ContactId { get; set; }

    /// <summary><see cref="ContactDateKinds"/>.</summary>
    public string Kind { get; set; } = ContactDateKinds.Custom;

    /// <summary>The name of a custom date («годовщина сотрудничества»).</summary>
    public string? Label { get; set; }

    /// <summary>The date; its year may be the year it happened (a birth year) or any year.</summary>
    public DateOnly Date { get; set; }

    /// <summary>Remind this many days before, every year; null: no reminder.</summary>
    public int? RemindDaysBefore { get; set; }

    /// <summary>One line for history: «birthday 1980-02-29 (−7)».</summary>
    public string Describe() =>
        $"{(Kind == ContactDateKinds.Custom ? Label : Kind)} {Date:yyyy-MM-dd}{(RemindDaysBefore is { } d ? $" (−{d})" : "")}";
}

public static class ContactDateKinds
{
    public const string Birthday = "birthday";
    public const string CompanyDay = "company_day";
    public const string Custom = "custom";

    public static readonly string[] All = [Birthday, CompanyDay, Custom];
}

internal sealed class ContactDateConfiguration : IEntityTypeConfiguration<ContactDate>
{
    public void Configure(EntityTypeBuilder<ContactDate> e)
    {
        e.Property(d => d.Kind).HasMaxLength(20).IsRequired();
        e.Property(d => d.Label).HasMaxLength(TextLimits.Short);
        e.HasOne<ContactPerson>().WithMany().HasForeignKey(d => d.ContactId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(d => d.ContactId);
    }
}
