using Letopis.Core.CustomFields;
using Letopis.Web.Auth;
using Letopis.Web.Components.Shared;

namespace Letopis.Web.Components.Pages.Sales;

/// <summary>The custom fields of leads or deals: definitions, labels for history, and the draft of a form.</summary>
public sealed class SalesCustomFields(string entity)
{
    public IReadOnlyList<CustomFieldDto> Fields { get; private set; } = [];

    /// <summary>Labels by <c>customFields.&lt;code&gt;</c>, as history entries name the fields.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; private set; } = new Dictionary<string, string>();

    public CustomFieldDraft Draft { get; private set; } = new([], null, isNew: true);

    public async Task LoadAsync(UiActions ui)
    {
        var all = await ui.RunAsync<ManageCustomFields, List<CustomFieldDto>>(h => h.ListAsync(null, null, CancellationToken.None));
        Fields = all.Where(f => f.Entity == entity).ToList();
        Labels = Fields.ToDictionary(f => CustomValues.FieldPrefix + f.Code, f => f.Label);
        Draft = new CustomFieldDraft(Fields, null, isNew: true);
    }

    public void StartEdit(IReadOnlyDictionary<string, object?> values) => Draft = new CustomFieldDraft(Fields, values, isNew: false);
}
