using Letopis.Core.Crm;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Components.Shared;

/// <summary>Words a timeline entry in the reader's language; the API and the card share it.</summary>
public static class TimelineText
{
    /// <param name="L">Texts in the reader's language.</param>
    /// <param name="item">The entry.</param>
    /// <param name="customLabels">Labels of custom fields by <c>customFields.&lt;code&gt;</c>; without them the code is shown.</param>
    public static string Title(IStringLocalizer<SharedResource> L, TimelineItemDto item, IReadOnlyDictionary<string, string>? customLabels = null) => item.Kind switch
    {
        TimelineKinds.Changed => L["timeline.changed", string.Join(", ", (item.Text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => customLabels?.GetValueOrDefault(f) ?? FieldLabel(L, f)))],
        TimelineKinds.ContactAdded => L["timeline.contact_added", item.Text ?? ""],
        // An activity's entry carries its subject on the first line, then the result or the note.
        TimelineKinds.ActivityPlanned or TimelineKinds.ActivityMoved or TimelineKinds.ActivityDone or TimelineKinds.ActivityCancelled
            or TimelineKinds.ActivityNote => L["timeline." + item.Kind, (item.Text ?? "").Split('\n', 2)[0]],
        _ => L["timeline." + item.Kind, item.Text ?? ""] is { ResourceNotFound: false } known ? known.Value : item.Kind,
    };

    private static string FieldLabel(IStringLocalizer<SharedResource> L, string field) =>
        L["crm.field." + field] is { ResourceNotFound: false } label ? label.Value
        : field.StartsWith(Core.CustomFields.CustomValues.FieldPrefix, StringComparison.Ordinal) ? field[Core.CustomFields.CustomValues.FieldPrefix.Length..]
        : field;
}
