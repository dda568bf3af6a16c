using Letopis.Core.CustomFields;
using Letopis.Core.Documents;
using Letopis.Web.Components.Shared;

namespace Letopis.Web.Components.Pages.Documents;

/// <summary>Which document custom fields a form of a document type offers, as the type decides.</summary>
public static class DocumentCustomFields
{
    /// <summary>
    /// Narrows <paramref name="draft"/> to the fields <paramref name="type"/> shows, each required as the type says;
    /// a field the type hides stays on the form only while the document still holds a value in it (so it can be cleared).
    /// Without a type (an archived one) every field is used as defined.
    /// </summary>
    public static void UseFor(this CustomFieldDraft draft, DocumentTypeDto? type, IReadOnlyDictionary<string, object?>? values = null)
    {
        var shown = new List<CustomFieldDto>();
        var notUsed = new List<string>();
        foreach (var field in draft.AllFields)
        {
            var mode = ApiNames.Parse<DocumentFieldMode>(type?.CustomFieldSettings.GetValueOrDefault(field.Code))
                       ?? DocumentType.DefaultMode(field.Required);
            if (mode != DocumentFieldMode.Hidden)
                shown.Add(field with { Required = mode == DocumentFieldMode.Required });
            else if (values?.GetValueOrDefault(field.Code) is not null)
            {
                shown.Add(field with { Required = false });
                notUsed.Add(field.Code);
            }
        }
        draft.Use(shown, notUsed);
    }
}
