using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Letopis.Core.CustomFields;

/// <summary>
/// One value of one custom field on one record (a multi-select list has one row per chosen option).
/// Typed columns, each indexed with the field, so a directory of a million cards filters on a value
/// or a range through an index on both providers.
/// </summary>
public class CustomFieldValue
{
    /// <summary>Numbers and money are stored as <c>long</c> ten-thousandths: SQLite cannot compare or sort <c>decimal</c> in SQL.</summary>
    public const long Scale = 10_000;

    // 500 characters of any script stay under PostgreSQL's B-tree entry limit (about 2,700 bytes) for the value index.
    public const int StringMax = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid FieldId { get; set; }

    /// <summary>
    /// The record the value belongs to (a counterparty, a contact…). Not a foreign key, because the
    /// kind depends on the field; whoever deletes or merges records re-points or deletes these rows.
    /// </summary>
    public Guid EntityId { get; set; }

    /// <summary>String fields and list options.</summary>
    public string? StringValue { get; set; }

    /// <summary>Number and money fields, in ten-thousandths (<see cref="Scale"/>).</summary>
    public long? NumberValue { get; set; }

    public DateOnly? DateValue { get; set; }

    public bool? BoolValue { get; set; }

    /// <summary>User and counterparty fields.</summary>
    public Guid? GuidValue { get; set; }
}

internal sealed class CustomFieldValueConfiguration : IEntityTypeConfiguration<CustomFieldValue>
{
    public void Configure(EntityTypeBuilder<CustomFieldValue> e)
    {
        e.Property(v => v.StringValue).HasMaxLength(CustomFieldValue.StringMax);
        e.HasOne<CustomField>().WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Restrict);
        // A card's values in one range read; the value indexes end with EntityId so a filter is answered from the index.
        e.HasIndex(v => new { v.EntityId, v.FieldId });
        e.HasIndex(v => new { v.FieldId, v.StringValue, v.EntityId });
        e.HasIndex(v => new { v.FieldId, v.NumberValue, v.EntityId });
        e.HasIndex(v => new { v.FieldId, v.DateValue, v.EntityId });
        e.HasIndex(v => new { v.FieldId, v.BoolValue, v.EntityId });
        e.HasIndex(v => new { v.FieldId, v.GuidValue, v.EntityId });
    }
}
