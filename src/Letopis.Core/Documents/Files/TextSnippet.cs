using System.Text;
using Letopis.Core.Search;

namespace Letopis.Core.Documents.Files;

/// <summary>
/// The fragment of a file's text around the first word that matches a query — in the same sense
/// as the index matches it (the word, its stem, or a word the typed stem begins) — so that a
/// search result shows why it was found.
/// </summary>
public static class TextSnippet
{
    public const int Radius = 90;

    public static string? Around(string? text, SearchQuery query, int radius = Radius)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var (start, end) = FirstMatch(text, query);
        if (start < 0)
            return null;
        var from = start - radius;
        var to = end + radius;
        from = from <= 0 ? 0 : WordStart(text, from);
        to = to >= text.Length ? text.Length : WordEnd(text, to);
        var fragment = Collapse(text[from..to]);
        return (from > 0 ? "…" : "") + fragment + (to < text.Length ? "…" : "");
    }

    private static (int Start, int End) FirstMatch(string text, SearchQuery query)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
                i++;
            var word = SearchTerms.Words(text[start..i]).FirstOrDefault();
            if (word is not null && query.Terms.Any(t => Matches(word, t)))
                return (start, i);
        }
        return (-1, -1);
    }

    private static bool Matches(string word, QueryTerm term)
    {
        if (word == term.Word || (term.IsNumber && word.StartsWith(term.Stem, StringComparison.Ordinal)))
            return true;
        if (term.IsNumber || word.All(char.IsAsciiDigit))
            return false;
        var stem = SearchTerms.Stem(word);
        return stem == term.Stem || (term.Prefix && (word.StartsWith(term.Stem, StringComparison.Ordinal) || stem.StartsWith(term.Stem, StringComparison.Ordinal)));
    }

    private static int WordStart(string text, int at)
    {
        var limit = Math.Max(0, at - 20);
        while (at > limit && !char.IsWhiteSpace(text[at - 1]))
            at--;
        return at;
    }

    private static int WordEnd(string text, int at)
    {
        var limit = Math.Min(text.Length, at + 20);
        while (at < limit && !char.IsWhiteSpace(text[at]))
            at++;
        return at;
    }

    private static string Collapse(string fragment)
    {
        var sb = new StringBuilder(fragment.Length);
        var space = false;
        foreach (var ch in fragment)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
                sb.Append(' ');
            space = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
