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
        TimelineKinds.Changed or TimelineKinds.DealChanged or TimelineKinds.LeadChanged => L["timeline." + item.Kind, string.Join(", ", (item.Text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => customLabels?.GetValueOrDefault(f) ?? FieldLabel(L, f)))],
        TimelineKinds.ContactAdded => L["timeline.contact_added", item.Text ?? ""],
        // An activity's entry carries its subject on the first line, then the result or the note.
        TimelineKinds.ActivityPlanned or TimelineKinds.ActivityMoved or TimelineKinds.ActivityDone or TimelineKinds.ActivityCancelled
            or TimelineKinds.ActivityNote or TimelineKinds.EmailSent => L["timeline." + item.Kind, (item.Text ?? "").Split('\n', 2)[0]],
        // A status entry: the document, then the new status (API name), then the comment.
        TimelineKinds.DocumentStatus => L["timeline.document_status", Core.Documents.DocumentTimeline.ParseStatus(item.Text).Document,
            StatusName(L, Core.Documents.DocumentTimeline.ParseStatus(item.Text).Status)],
        _ => L["timeline." + item.Kind, item.Text ?? ""] is { ResourceNotFound: false } known ? known.Value : item.Kind,
    };

    /// <summary>
    /// What an entry says beyond its title: a note's text; an activity's result, cancellation reason
    /// or chronicle note (the lines after its topic).
    /// </summary>
    public static string? Detail(TimelineItemDto item) => item.Kind switch
    {
        TimelineKinds.Note => item.Text,
        TimelineKinds.DocumentStatus => Core.Documents.DocumentTimeline.ParseStatus(item.Text).Comment,
        TimelineKinds.ActivityDone or TimelineKinds.ActivityCancelled or TimelineKinds.ActivityNote or TimelineKinds.EmailSent
            => item.Text?.IndexOf('\n') is int at and >= 0 ? item.Text[(at + 1)..] : null,
        _ => null,
    };

    /// <summary>A document status (API name) in the reader's language.</summary>
    public static string StatusName(IStringLocalizer<SharedResource> L, string status) =>
        L["document.status." + status] is { ResourceNotFound: false } name ? name.Value : status;

    private static string FieldLabel(IStringLocalizer<SharedResource> L, string field) =>
        L["crm.field." + field] is { ResourceNotFound: false } label ? label.Value
        : field.StartsWith(Core.CustomFields.CustomValues.FieldPrefix, StringComparison.Ordinal) ? field[Core.CustomFields.CustomValues.FieldPrefix.Length..]
        : field;
}
