using Letopis.Core.Crm;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Components.Shared;

/// <summary>Words a timeline entry in the reader's language; the API and the card share it.</summary>
public static class TimelineText
{
    public static string Title(IStringLocalizer<SharedResource> L, TimelineItemDto item) => item.Kind switch
    {
        TimelineKinds.Changed => L["timeline.changed", string.Join(", ", (item.Text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(f => FieldLabel(L, f)))],
        TimelineKinds.ContactAdded => L["timeline.contact_added", item.Text ?? ""],
        _ => L["timeline." + item.Kind, item.Text ?? ""] is { ResourceNotFound: false } known ? known.Value : item.Kind,
    };

    private static string FieldLabel(IStringLocalizer<SharedResource> L, string field) =>
        L["crm.field." + field] is { ResourceNotFound: false } label ? label.Value : field;
}
