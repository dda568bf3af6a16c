using Letopis.Core.Access;
using Letopis.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.Documents;

/// <summary>What a document type is; decides nothing by itself, but lets reports and the UI group types.</summary>
public enum DocumentKind
{
    Contract,
    Appendix,
    SupplementaryAgreement,
    Act,
    Invoice,
    WorkOrder,
    Schedule,
    IncomingLetter,
    OutgoingLetter,
    InternalMemo,
    Protocol,
    Other,
}

/// <summary>
/// The grammatical gender of a type's name in Russian, which a status agrees with: «Договор подписан»,
/// «Накладная подписана», «Приложение подписано». English has none.
/// </summary>
public enum GrammaticalGender
{
    Masculine,
    Feminine,
    Neuter,
}

/// <summary>How an optional card field appears on documents of a type.</summary>
public enum DocumentFieldMode
{
    Hidden,
    Shown,
    Required,
}

/// <summary>
/// A kind of document as the company configures it («Договор», «Акт выполненных работ»): its
/// registration journal, which types may be its parents, which accounting documents it expects
/// as children, which optional card fields it shows or requires, who is responsible by default.
/// A setting edited by users with the <c>documentType</c> right, not only by administrators.
/// </summary>
public class DocumentType : IVersioned, IAudited
{
    public const string EntityKind = "document_type";

    public static string AuditKind => EntityKind;

    public const int CodeMax = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Stable latin identifier used by the API (<c>typeCode</c>): <c>contract</c>, <c>act</c>.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public DocumentKind Kind { get; set; }

    /// <summary>The gender of <see cref="Name"/>; null (types that existed before it was kept): the usual one of <see cref="Kind"/>.</summary>
    public GrammaticalGender? Gender { get; set; }

    /// <summary>The gender statuses agree with.</summary>
    public static GrammaticalGender GenderOf(GrammaticalGender? gender, DocumentKind kind) => gender ?? kind switch
    {
        DocumentKind.Appendix or DocumentKind.SupplementaryAgreement or DocumentKind.IncomingLetter or DocumentKind.OutgoingLetter
            => GrammaticalGender.Neuter,
        DocumentKind.InternalMemo => GrammaticalGender.Feminine,
        _ => GrammaticalGender.Masculine,
    };

    public Guid? JournalId { get; set; }

    /// <summary>Comma-separated ids of the types allowed as parents (empty: top level only); see <see cref="AllowedParentTypeIds"/>.</summary>
    public string AllowedParentTypes { get; set; } = "";

    /// <summary>Comma-separated ids of the types whose documents this one expects as children; see <see cref="ExpectedChildTypeIds"/>.</summary>
    public string ExpectedChildTypes { get; set; } = "";

    /// <summary><c>field:mode</c> pairs, comma-separated; see <see cref="FieldSettings"/>.</summary>
    public string FieldModes { get; set; } = "";

    /// <summary>
    /// <c>fieldId:mode</c> pairs, comma-separated: how documents of this type use the document custom
    /// fields it names (by id, so a renamed code keeps its setting); see <see cref="CustomFieldSettings"/>.
    /// </summary>
    public string CustomFieldModes { get; set; } = "";

    public Guid? DefaultResponsibleId { get; set; }

    public bool Archived { get; set; }

    /// <summary>Display order in lists and pickers.</summary>
    public int Order { get; set; }

    public int Version { get; set; }

    public IReadOnlyList<Guid> AllowedParentTypeIds
    {
        get => IdList.Parse(AllowedParentTypes);
        set => AllowedParentTypes = IdList.Format(value);
    }

    public IReadOnlyList<Guid> ExpectedChildTypeIds
    {
        get => IdList.Parse(ExpectedChildTypes);
        set => ExpectedChildTypes = IdList.Format(value);
    }

    /// <summary>The mode of every optional card field (<see cref="DocumentCardFields.Optional"/>); unnamed fields are shown.</summary>
    public IReadOnlyDictionary<string, DocumentFieldMode> FieldSettings
    {
        get => DocumentCardFields.ParseModes(FieldModes);
        set => FieldModes = DocumentCardFields.FormatModes(value);
    }

    public DocumentFieldMode ModeOf(string field) => FieldSettings.GetValueOrDefault(field, DocumentFieldMode.Shown);

    /// <summary>The modes this type sets for document custom fields, by field id; a field it does not name is used as defined.</summary>
    public IReadOnlyDictionary<Guid, DocumentFieldMode> CustomFieldSettings
    {
        get
        {
            var result = new Dictionary<Guid, DocumentFieldMode>();
            foreach (var (key, mode) in DocumentCardFields.ParseModes(CustomFieldModes))
            {
                if (Guid.TryParse(key, out var id))
                    result[id] = mode;
            }
            return result;
        }
        set => CustomFieldModes = string.Join(",", value.OrderBy(p => p.Key).Select(p => p.Key + ":" + ApiNames.Of(p.Value)));
    }

    /// <summary>How documents of this type use each custom field (the settings parsed once, for a whole form's worth of fields).</summary>
    public Func<CustomFields.CustomField, DocumentFieldMode> CustomFieldModeOf()
    {
        var settings = CustomFieldSettings;
        return field => ModeOf(settings, field);
    }

    /// <summary>How a type with these <paramref name="settings"/> uses <paramref name="field"/>: as it says, else as the field is defined.</summary>
    public static DocumentFieldMode ModeOf(IReadOnlyDictionary<Guid, DocumentFieldMode> settings, CustomFields.CustomField field) =>
        settings.TryGetValue(field.Id, out var mode) ? mode : DefaultMode(field.Required);

    /// <summary>How a custom field is used where nothing decides otherwise: shown, and required when the field itself is.</summary>
    public static DocumentFieldMode DefaultMode(bool required) => required ? DocumentFieldMode.Required : DocumentFieldMode.Shown;
}

/// <summary>The optional card fields whose appearance a document type decides (API names).</summary>
public static class DocumentCardFields
{
    public const string Summary = "summary";
    public const string ParentId = "parentId";
    public const string CounterpartyId = "counterpartyId";
    public const string OurCompanyId = "ourCompanyId";
    public const string Amount = "amount";
    public const string Vat = "vat";
    public const string SignedByUsOn = "signedByUsOn";
    public const string SignedByCounterpartyOn = "signedByCounterpartyOn";
    public const string ValidFrom = "validFrom";
    public const string ValidTo = "validTo";
    public const string IncomingNumber = "incomingNumber";
    public const string IncomingDate = "incomingDate";

    public static readonly string[] Optional =
    [
        Summary, ParentId, CounterpartyId, OurCompanyId, Amount, Vat, SignedByUsOn, SignedByCounterpartyOn, ValidFrom, ValidTo,
        IncomingNumber, IncomingDate,
    ];

    public static IReadOnlyDictionary<string, DocumentFieldMode> ParseModes(string text)
    {
        var result = new Dictionary<string, DocumentFieldMode>();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && Enum.TryParse<DocumentFieldMode>(pair[(colon + 1)..], ignoreCase: true, out var mode))
                result[pair[..colon]] = mode;
        }
        return result;
    }

    public static string FormatModes(IReadOnlyDictionary<string, DocumentFieldMode> modes) =>
        string.Join(",", Optional.Where(modes.ContainsKey).Select(f => f + ":" + ApiNames.Of(modes[f])));
}

/// <summary>A list of ids kept in one text column: a type has a handful, never queried by SQL.</summary>
internal static class IdList
{
    public static IReadOnlyList<Guid> Parse(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToList();

    public static string Format(IEnumerable<Guid> ids) => string.Join(",", ids.Distinct());
}

internal sealed class DocumentTypeConfiguration : IEntityTypeConfiguration<DocumentType>
{
    public void Configure(EntityTypeBuilder<DocumentType> e)
    {
        e.Property(t => t.Code).HasMaxLength(DocumentType.CodeMax).IsRequired();
        e.Property(t => t.Name).HasMaxLength(TextLimits.Name).IsRequired();
        e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(40);
        e.Property(t => t.Gender).HasConversion<string>().HasMaxLength(20);
        e.Property(t => t.AllowedParentTypes).HasMaxLength(TextLimits.Long).IsRequired();
        e.Property(t => t.ExpectedChildTypes).HasMaxLength(TextLimits.Long).IsRequired();
        e.Property(t => t.FieldModes).HasMaxLength(TextLimits.Long).IsRequired();
        // About 46 characters a field: room for a few hundred document custom fields.
        e.Property(t => t.CustomFieldModes).HasMaxLength(TextLimits.Long * 4).IsRequired();
        e.Property(t => t.Version).IsConcurrencyToken();
        e.Ignore(t => t.AllowedParentTypeIds);
        e.Ignore(t => t.ExpectedChildTypeIds);
        e.Ignore(t => t.FieldSettings);
        e.Ignore(t => t.CustomFieldSettings);
        e.HasOne<RegistrationJournal>().WithMany().HasForeignKey(t => t.JournalId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(t => t.DefaultResponsibleId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(t => t.Code).IsUnique();
        e.HasIndex(t => t.JournalId);
    }
}
