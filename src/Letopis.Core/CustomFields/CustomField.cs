using System.Text.Json;
using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.CustomFields;

/// <summary>What kind of value a custom field holds; decides the column it is stored in and the editor shown.</summary>
public enum CustomFieldType
{
    String,
    Number,
    Money,
    Date,
    Bool,
    List,
    User,
    Counterparty,
}

/// <summary>
/// The kinds of records that carry custom fields, as the API names them. Only kinds that exist are
/// listed: a field on a kind of record nobody can open would be a promise the product does not keep.
/// </summary>
public static class CustomFieldEntities
{
    public const string Contact = "contact";

    /// <summary>A counterparty (of any legal form); the API calls the entity <c>company</c>.</summary>
    public const string Company = "company";
    public const string Document = "document";
    public const string Lead = "lead";
    public const string Deal = "deal";

    public static readonly string[] All = [Lead, Company, Contact, Deal, Document];
}

/// <summary>
/// A field an administrator adds to a kind of record («Объём закупок в год», «Допуск СРО»).
/// The code is what the API and filters use and never changes; the label is what people read.
/// </summary>
public class CustomField : IVersioned, IAudited
{
    public const string EntityKind = "customField";

    public static string AuditKind => EntityKind;

    public const int CodeMax = 50;
    public const int LabelMax = 200;
    public const int OptionMax = 200;
    public const int MaxOptions = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>One of <see cref="CustomFieldEntities.All"/>.</summary>
    public string Entity { get; set; } = "";

    public string Code { get; set; } = "";

    public string Label { get; set; } = "";

    public CustomFieldType Type { get; set; }

    public bool Required { get; set; }

    /// <summary>A list field that takes several options at once.</summary>
    public bool Multiple { get; set; }

    /// <summary>The options of a list field as a JSON array, in display order (kept as text so its history reads well).</summary>
    public string? Options { get; set; }

    /// <summary>Position among the entity's fields on forms.</summary>
    public int Order { get; set; }

    /// <summary>Archived fields keep their values but leave forms and filters.</summary>
    public bool IsArchived { get; set; }

    /// <summary>
    /// List fields sharing one list of options (a lead's field and the fields its conversion made on
    /// the contact, company and deal): editing the options of one edits them on all.
    /// </summary>
    public Guid? OptionsGroupId { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }

    public IReadOnlyList<string> OptionList() =>
        string.IsNullOrEmpty(Options) ? [] : JsonSerializer.Deserialize<List<string>>(Options) ?? [];

    public static string? OptionsText(IReadOnlyList<string>? options) =>
        options is { Count: > 0 } ? JsonSerializer.Serialize(options, OptionsJson) : null;

    // Cyrillic options stay readable in the history instead of \u escapes.
    private static readonly JsonSerializerOptions OptionsJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}

internal sealed class CustomFieldConfiguration : IEntityTypeConfiguration<CustomField>
{
    public void Configure(EntityTypeBuilder<CustomField> e)
    {
        e.Property(f => f.Entity).HasMaxLength(20).IsRequired();
        e.Property(f => f.Code).HasMaxLength(CustomField.CodeMax).IsRequired();
        e.Property(f => f.Label).HasMaxLength(CustomField.LabelMax).IsRequired();
        e.Property(f => f.Type).HasConversion<string>().HasMaxLength(16);
        e.Property(f => f.Options).HasMaxLength(TextLimits.Long * 16);
        e.Property(f => f.Version).IsConcurrencyToken();
        e.HasIndex(f => new { f.Entity, f.Code }).IsUnique();
        e.HasIndex(f => f.OptionsGroupId);
    }
}
