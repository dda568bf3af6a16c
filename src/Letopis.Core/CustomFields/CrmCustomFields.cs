using System.Text.Json.Nodes;
using Letopis.Core.CustomFields;

// Custom fields ride on the CRM records as one extra member each, declared here so the records'
// own files stay about their own fields.
namespace Letopis.Core.Crm;

public sealed partial record CounterpartyDto
{
    /// <summary>Custom field values by code (only fields that hold a value).</summary>
    public IReadOnlyDictionary<string, object?> CustomFields { get; init; } = CustomValues.None;
}

public sealed partial record CounterpartyFields
{
    /// <summary>Custom field values by code, merge-patch style: null clears, absent codes stay.</summary>
    public IReadOnlyDictionary<string, JsonNode?>? CustomFields { get; init; }
}

public sealed partial record CounterpartyFilter
{
    /// <summary>Conditions on custom fields (<c>cf.&lt;code&gt;</c> in the query string).</summary>
    public IReadOnlyList<CustomFieldCondition>? CustomFields { get; init; }
}

public sealed partial record ContactDto
{
    /// <summary>Custom field values by code (only fields that hold a value).</summary>
    public IReadOnlyDictionary<string, object?> CustomFields { get; init; } = CustomValues.None;
}

public sealed partial record AddContactRequest
{
    /// <summary>Custom field values of the contact person by code.</summary>
    public IReadOnlyDictionary<string, JsonNode?>? CustomFields { get; init; }
}

internal static class CrmCustomFields
{
    public static async Task<List<CounterpartyDto>> WithCustomFieldsAsync(this IReadOnlyCollection<CounterpartyDto> cards, Data.LetopisDb db, CancellationToken ct)
    {
        var values = await CustomValues.ReadManyAsync(db, CustomFieldEntities.Company, cards.Select(c => c.Id).ToList(), ct);
        return cards.Select(c => values.TryGetValue(c.Id, out var v) ? c with { CustomFields = v } : c).ToList();
    }

    public static async Task<List<ContactDto>> WithCustomFieldsAsync(this IReadOnlyCollection<ContactDto> contacts, Data.LetopisDb db, CancellationToken ct)
    {
        var values = await CustomValues.ReadManyAsync(db, CustomFieldEntities.Contact, contacts.Select(c => c.Id).ToList(), ct);
        return contacts.Select(c => values.TryGetValue(c.Id, out var v) ? c with { CustomFields = v } : c).ToList();
    }
}
