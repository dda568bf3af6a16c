using Letopis.Core.Documents;
using Letopis.Core.Search;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Components.Shared;

/// <summary>
/// How a search result reads, in the reader's language and culture. The index keeps one Russian
/// title per record; a document's title and snippet are composed again from its parts when shown,
/// so switching the language needs no rebuild of the index.
/// </summary>
public static class SearchHitText
{
    private const int SummaryShown = 300;

    public static string Title(IStringLocalizer<SharedResource> L, SearchHit hit)
    {
        if (hit.Document is not { } d)
            return hit.Title;
        var type = TypeName(L, d.TypeCode, d.TypeName);
        return d.Number is null ? L["search.docTitleNoNumber", type, d.Title] : L["search.docTitle", type, d.Number, d.Title];
    }

    /// <summary>A document's own line: counterparty, date in the reader's culture, summary; a file fragment stays as found.</summary>
    public static string? Snippet(SearchHit hit)
    {
        if (hit.Document is not { OwnSnippet: true } d)
            return hit.Snippet;
        var summary = d.Summary is { Length: > SummaryShown } s ? s[..SummaryShown] + "…" : d.Summary;
        return string.Join(" · ", new[] { d.CounterpartyName, UiText.Day(d.RegisteredOn), summary }.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    /// <summary>A counterparty opens its card; a contact person opens the card of the counterparty they were found through; a lead its card.</summary>
    public static string Href(SearchHit hit) => hit.Entity switch
    {
        "contact" when hit.ParentId is { } parent => $"/counterparties/{parent}",
        "document" => $"/documents/{hit.Id}",
        "lead" => $"/leads/{hit.Id}",
        "deal" => $"/deals/{hit.Id}",
        _ => $"/counterparties/{hit.Id}",
    };

    public static string Icon(SearchHit hit) => hit.Entity switch
    {
        "contact" => MudBlazor.Icons.Material.Filled.Person,
        "document" => MudBlazor.Icons.Material.Filled.Description,
        "lead" => MudBlazor.Icons.Material.Filled.PersonAdd,
        "deal" => MudBlazor.Icons.Material.Filled.Handshake,
        _ => MudBlazor.Icons.Material.Filled.Business,
    };

    /// <summary>A type still bearing the name it was created with reads in the reader's language; a company's own name stays as written.</summary>
    public static string TypeName(IStringLocalizer<SharedResource> L, string code, string name)
    {
        if (!SeedDocumentTypes.CreatedNames.TryGetValue(code, out var created) || created != name)
            return name;
        var text = L["doc.typeName." + code];
        return text.ResourceNotFound ? name : text.Value;
    }
}
