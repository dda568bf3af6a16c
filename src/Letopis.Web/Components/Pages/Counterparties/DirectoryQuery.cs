using Letopis.Core.Crm;
using Microsoft.AspNetCore.WebUtilities;

namespace Letopis.Web.Components.Pages.Counterparties;

/// <summary>
/// The directory's filters as its address shows them (<c>/counterparties?regionId=…&amp;tag=VIP</c>), in the
/// API's parameter names: the same text is bookmarked, saved as a filter and passed to the export.
/// Parameters it does not know (filters added later) are kept as they are.
/// </summary>
public sealed class DirectoryQuery
{
    public static readonly (ReferenceBook Book, string Key)[] Books =
    [
        (ReferenceBook.Region, "regionId"),
        (ReferenceBook.Category, "categoryId"),
        (ReferenceBook.Group, "groupId"),
        (ReferenceBook.ActivityType, "activityTypeId"),
        (ReferenceBook.AdSource, "adSourceId"),
    ];

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "q", "regionId", "categoryId", "groupId", "activityTypeId", "adSourceId", "responsibleId", "kind", "tag", "sort", "page", "pageSize",
    };

    public string? Q { get; set; }

    /// <summary>The chosen entries of each reference book; several match any of them.</summary>
    public Dictionary<ReferenceBook, List<Guid>> Classifiers { get; } = Books.ToDictionary(b => b.Book, _ => new List<Guid>());

    /// <summary>Responsible people; several match any of them (the page picks one, the address may name more).</summary>
    public List<Guid> ResponsibleIds { get; } = [];

    /// <summary>The first responsible person, as the page's picker shows it; setting it replaces them all.</summary>
    public Guid? ResponsibleId
    {
        get => ResponsibleIds.Count > 0 ? ResponsibleIds[0] : null;
        set
        {
            ResponsibleIds.Clear();
            if (value is { } id)
                ResponsibleIds.Add(id);
        }
    }

    public CounterpartyKind? Kind { get; set; }

    public List<string> Tags { get; } = [];

    public CounterpartySort Sort { get; set; } = CounterpartySort.Name;

    /// <summary>Parameters of filters this page does not know, carried along unchanged.</summary>
    public List<KeyValuePair<string, string>> Other { get; } = [];

    public static DirectoryQuery Parse(string? query)
    {
        var result = new DirectoryQuery();
        foreach (var (key, values) in QueryHelpers.ParseQuery(query))
        {
            foreach (var value in values.OfType<string>())
            {
                var book = Books.FirstOrDefault(b => string.Equals(b.Key, key, StringComparison.OrdinalIgnoreCase));
                if (book.Key is not null)
                    AddIds(result.Classifiers[book.Book], value);
                else if (key.Equals("q", StringComparison.OrdinalIgnoreCase))
                    result.Q = value;
                else if (key.Equals("responsibleId", StringComparison.OrdinalIgnoreCase))
                    AddIds(result.ResponsibleIds, value);
                else if (key.Equals("kind", StringComparison.OrdinalIgnoreCase))
                    result.Kind = Enum.TryParse<CounterpartyKind>(value, true, out var kind) ? kind : null;
                else if (key.Equals("tag", StringComparison.OrdinalIgnoreCase) && value.Trim().Length > 0)
                    result.Tags.Add(value.Trim());
                else if (key.Equals("sort", StringComparison.OrdinalIgnoreCase))
                    result.Sort = CounterpartySorts.ByName.GetValueOrDefault(value, CounterpartySort.Name);
                else if (!Known.Contains(key))
                    result.Other.Add(new(key, value));
            }
        }
        return result;
    }

    // Repeated parameters and comma lists, as the API takes them.
    private static void AddIds(List<Guid> ids, string value)
    {
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Guid.TryParse(part, out var id) && !ids.Contains(id))
                ids.Add(id);
        }
    }

    /// <summary>The query string without «?», empty when nothing is filtered and the order is the default.</summary>
    public string ToQueryString()
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(Q))
            pairs.Add(new("q", Q.Trim()));
        foreach (var (book, key) in Books)
        {
            pairs.AddRange(Classifiers[book].Select(id => new KeyValuePair<string, string?>(key, id.ToString())));
        }
        pairs.AddRange(ResponsibleIds.Select(id => new KeyValuePair<string, string?>("responsibleId", id.ToString())));
        if (Kind is { } kind)
            pairs.Add(new("kind", kind.ToString().ToLowerInvariant()));
        pairs.AddRange(Tags.Select(t => new KeyValuePair<string, string?>("tag", t)));
        if (Sort != CounterpartySort.Name)
            pairs.Add(new("sort", CounterpartySorts.Name(Sort)));
        pairs.AddRange(Other.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        return QueryHelpers.AddQueryString("", pairs).TrimStart('?');
    }

    public CounterpartyFilter ToFilter() => new(
        Q, Classifiers[ReferenceBook.Region].ToList(), Classifiers[ReferenceBook.Category].ToList(), Classifiers[ReferenceBook.Group].ToList(),
        Classifiers[ReferenceBook.ActivityType].ToList(), Classifiers[ReferenceBook.AdSource].ToList(), ResponsibleIds.ToList(), Kind)
    {
        Tags = Tags.ToList(),
        Sort = Sort,
    };
}
