using Letopis.Core.CustomFields;
using Letopis.Web.Auth;

namespace Letopis.Web.Components.Shared;

/// <summary>
/// What a counterparty card needs of custom fields, kept in one object so the card's own code stays
/// about the card: the definitions (counterparty and contact), their labels for history and timeline,
/// and the draft while the overview is edited.
/// </summary>
public sealed class CardCustomFields
{
    public IReadOnlyList<CustomFieldDto> Fields { get; private set; } = [];

    public IReadOnlyList<CustomFieldDto> ContactFields { get; private set; } = [];

    /// <summary>Labels by <c>customFields.&lt;code&gt;</c>, as history and timeline entries name the fields.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; private set; } = new Dictionary<string, string>();

    public CustomFieldDraft Draft { get; private set; } = new([], null, isNew: false);

    public async Task LoadAsync(UiActions ui)
    {
        var all = await ui.RunAsync<ManageCustomFields, List<CustomFieldDto>>(h => h.ListAsync(null, null, CancellationToken.None));
        Fields = all.Where(f => f.Entity == CustomFieldEntities.Company).ToList();
        ContactFields = all.Where(f => f.Entity == CustomFieldEntities.Contact).ToList();
        Labels = Fields.ToDictionary(f => CustomValues.FieldPrefix + f.Code, f => f.Label);
    }

    public void StartEdit(IReadOnlyDictionary<string, object?> values) => Draft = new CustomFieldDraft(Fields, values, isNew: false);
}
