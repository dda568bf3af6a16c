using Letopis.Core.Documents;

namespace Letopis.Web.Components.Pages.Documents;

/// <summary>How a document reads in pickers.</summary>
public static class DocumentPicker
{
    public static PickedDocument Of(DocumentListItemDto d) =>
        new(d.Id, $"{d.TypeName} {d.Number}".Trim(), string.Join(" · ", new[] { d.Title, d.CounterpartyName }.Where(s => !string.IsNullOrEmpty(s))));
}
