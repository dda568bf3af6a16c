using System.Text;

namespace Letopis.Core.Search;

/// <summary>One word of a query: matched exactly, or (<see cref="Prefix"/>) as the start of indexed words.</summary>
public readonly record struct QueryTerm(string Word, string Stem, bool Prefix, bool IsNumber);

/// <summary>
/// What the user typed, as terms that must all match. Every word is looked up by its stem as a
/// prefix, which also gives prefix search while typing («гранит» finds «Гранитстрой») and bridges
/// the cases where Snowball stems two forms differently («Иванову» → «иванов», «Иванов» → «иван»).
/// </summary>
public sealed record SearchQuery(IReadOnlyList<QueryTerm> Terms)
{
    /// <summary>
    /// Words are matched as written and by their stem only, not as prefixes (numbers stay prefixes).
    /// A broad stem such as «строительн» begins hundreds of indexed words; expanding them all costs
    /// tens of milliseconds, while the whole word and its stem are two index lookups.
    /// </summary>
    public bool Exact { get; init; }

    /// <summary>Whether some word is looked up as a prefix, so that <see cref="Exact"/> would change the query.</summary>
    public bool HasWordPrefixes => !Exact && Terms.Any(t => t.Prefix && !t.IsNumber);

    public SearchQuery WithoutPrefixes() => this with { Exact = true };

    /// <summary>Shorter stems are matched exactly: a two-letter prefix would match most of the index.</summary>
    public const int ShortestPrefix = 3;

    /// <summary>Numbers shorter than this are ignored (ИНН and phone fragments need a few digits to mean anything).</summary>
    public const int ShortestNumber = 3;

    /// <summary>The terms of <paramref name="text"/>, or null when nothing in it is long enough to search for.</summary>
    public static SearchQuery? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var trimmed = text.Trim();
        if (trimmed.Length > 200)
            trimmed = trimmed[..200];

        // «+7 (495) 123-45-67» or «8 495 123 45 67»: one phone number, not five numbers.
        if (trimmed.All(c => char.IsAsciiDigit(c) || c is ' ' or '(' or ')' or '+' or '-' or '.'))
        {
            var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length == 11 && digits[0] == '8')
                digits = "7" + digits[1..];
            return digits.Length >= ShortestNumber ? new SearchQuery([new QueryTerm(digits, digits, true, true)]) : null;
        }

        var terms = new List<QueryTerm>();
        foreach (var word in SearchTerms.Words(trimmed).Distinct().Take(8))
        {
            if (word.All(char.IsAsciiDigit))
            {
                if (word.Length >= ShortestNumber)
                    terms.Add(new QueryTerm(word, word, true, true));
                continue;
            }
            if (word.Length < 2)
                continue;
            var stem = SearchTerms.Stem(word);
            // Snowball may cut a short word to two letters («анне» → «ан»): its first three letters then serve as the stem.
            if (stem.Length < ShortestPrefix && word.Length >= ShortestPrefix)
                stem = word[..ShortestPrefix];
            terms.Add(stem.Length >= ShortestPrefix ? new QueryTerm(word, stem, true, false) : new QueryTerm(word, word, false, false));
        }
        return terms.Count == 0 ? null : new SearchQuery(terms);
    }

    /// <summary>The FTS5 MATCH expression over stems and words: <c>("иванову" OR "иванов" OR "иванов"*) AND "7701"*</c>.</summary>
    public string ToFts5()
    {
        var sb = new StringBuilder();
        foreach (var t in Terms)
        {
            // FTS5 takes two phrases side by side as AND, but not a bracketed group: say it.
            if (sb.Length > 0)
                sb.Append(" AND ");
            if (!t.Prefix)
                sb.Append('"').Append(t.Word).Append('"');
            else if (Exact && !t.IsNumber)
                sb.Append(t.Word == t.Stem ? $"\"{t.Word}\"" : $"(\"{t.Word}\" OR \"{t.Stem}\")");
            else if (t.IsNumber || t.Word == t.Stem)
                sb.Append('"').Append(t.Stem).Append("\"*");
            else
                // The word and the stem exactly as well, so that «Иванову» ranks «Иванов» and
                // «Иванова» (stem «иванов») above «Иванович», which only starts with the stem.
                sb.Append("(\"").Append(t.Word).Append("\" OR \"").Append(t.Stem).Append("\" OR \"").Append(t.Stem).Append("\"*)");
        }
        return sb.ToString();
    }

    /// <summary>
    /// The PostgreSQL <c>to_tsquery('russian', …)</c> text: the database stems each word itself,
    /// then <c>:*</c> makes it a prefix. Words hold only letters and digits, so nothing here is syntax.
    /// </summary>
    public string ToTsQuery() =>
        string.Join(" & ", Terms.Select(t => t.Prefix && (t.IsNumber || !Exact) ? t.Word + ":*" : t.Word));
}
