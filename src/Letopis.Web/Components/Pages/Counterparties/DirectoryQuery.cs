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

    public Dictionary<ReferenceBook, Guid?> Classifiers { get; } = Books.ToDictionary(b => b.Book, _ => (Guid?)null);

    public Guid? ResponsibleId { get; set; }

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
                    result.Classifiers[book.Book] = Guid.TryParse(value, out var id) ? id : null;
                else if (key.Equals("q", StringComparison.OrdinalIgnoreCase))
                    result.Q = value;
                else if (key.Equals("responsibleId", StringComparison.OrdinalIgnoreCase))
                    result.ResponsibleId = Guid.TryParse(value, out var id) ? id : null;
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

    /// <summary>The query string without «?», empty when nothing is filtered and the order is the default.</summary>
    public string ToQueryString()
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(Q))
            pairs.Add(new("q", Q.Trim()));
        foreach (var (book, key) in Books)
        {
            if (Classifiers[book] is { } id)
                pairs.Add(new(key, id.ToString()));
        }
        if (ResponsibleId is { } responsible)
            pairs.Add(new("responsibleId", responsible.ToString()));
        if (Kind is { } kind)
            pairs.Add(new("kind", kind.ToString().ToLowerInvariant()));
        pairs.AddRange(Tags.Select(t => new KeyValuePair<string, string?>("tag", t)));
        if (Sort != CounterpartySort.Name)
            pairs.Add(new("sort", CounterpartySorts.Name(Sort)));
        pairs.AddRange(Other.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        return QueryHelpers.AddQueryString("", pairs).TrimStart('?');
    }

    public CounterpartyFilter ToFilter() => new(
        Q, Classifiers[ReferenceBook.Region], Classifiers[ReferenceBook.Category], Classifiers[ReferenceBook.Group],
        Classifiers[ReferenceBook.ActivityType], Classifiers[ReferenceBook.AdSource], ResponsibleId, Kind)
    {
        Tags = Tags.ToList(),
        Sort = Sort,
    };
}
