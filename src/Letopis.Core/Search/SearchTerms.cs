using System.Text;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Letopis.Core.Search;

/// <summary>
/// How text becomes search terms, the same way for what is indexed and for what is typed:
/// words are lower-cased with «ё» folded into «е», then reduced by the Snowball stemmers
/// (Russian for Cyrillic words, English for Latin ones) from Lucene.Net.
/// </summary>
public static class SearchTerms
{
    // Legal forms are in nearly every name: as terms they would only make every query slower.
    private static readonly HashSet<string> Ignored = ["ооо", "оао", "зао", "пао", "ао", "ип", "нко", "гуп", "муп", "фгуп", "llc", "ltd", "inc"];

    [ThreadStatic]
    private static RussianStemmer? _russian;

    [ThreadStatic]
    private static EnglishStemmer? _english;

    /// <summary>The words of a text: runs of letters and digits, lower-cased, «ё» → «е», legal forms left out.</summary>
    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text))
            yield break;
        var word = new StringBuilder();
        foreach (var ch in text.Append(' '))
        {
            if (char.IsLetterOrDigit(ch))
            {
                var lower = char.ToLowerInvariant(ch);
                word.Append(lower == 'ё' ? 'е' : lower);
                continue;
            }
            if (word.Length == 0)
                continue;
            var done = word.ToString();
            word.Clear();
            if (!Ignored.Contains(done))
                yield return done;
        }
    }

    /// <summary>The stem of one word from <see cref="Words"/>: «договоров» → «договор», «contracts» → «contract».</summary>
    public static string Stem(string word)
    {
        if (word.All(char.IsAsciiDigit))
            return word;
        SnowballProgram stemmer = word.Any(IsCyrillic)
            ? _russian ??= new RussianStemmer()
            : _english ??= new EnglishStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    public static bool IsCyrillic(char ch) => ch is >= 'а' and <= 'я' or >= 'А' and <= 'Я' or 'ё' or 'Ё';
}

/// <summary>
/// The terms of one searchable field. With stems (SQLite) every word is written as typed and as
/// its stem, so that «Иванову» (stem «иванов») still finds «Иванов» (stem «иван»): the query
/// looks for words that start with the query's stem. Without stems (PostgreSQL) the words go as
/// they are and the database's <c>russian</c> configuration stems them.
/// </summary>
public sealed class SearchText(bool stems)
{
    /// <summary>Phone fragments shorter than this are not findable: they would match half the directory.</summary>
    public const int ShortestDigitFragment = 4;

    private readonly List<string> _terms = [];
    private readonly HashSet<string> _seen = [];

    public SearchText Words(string? text)
    {
        foreach (var word in SearchTerms.Words(text))
        {
            Add(word);
            if (stems)
                Add(SearchTerms.Stem(word));
        }
        return this;
    }

    /// <summary>
    /// A number as one term (ИНН, КПП, ОГРН: found by their first digits); with
    /// <paramref name="everyTail"/> also each of its tails, so that any run of its digits
    /// (the last 4–7 of a phone, the middle of it) is the start of some term.
    /// </summary>
    public SearchText Number(string? value, bool everyTail = false)
    {
        if (string.IsNullOrEmpty(value))
            return this;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
            return this;
        Add(digits);
        if (everyTail)
        {
            for (var start = 1; digits.Length - start >= ShortestDigitFragment; start++)
                Add(digits[start..]);
        }
        return this;
    }

    private void Add(string term)
    {
        if (_seen.Add(term))
            _terms.Add(term);
    }

    public override string ToString() => string.Join(' ', _terms);
}
