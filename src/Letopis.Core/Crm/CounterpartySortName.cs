using System.Text;
using Letopis.Core.Common;

namespace Letopis.Core.Crm;

/// <summary>
/// The directory's name order: the name without its legal form and quotes, upper-case, so that
/// ИП «Альфа» sorts between ООО «Авангард» and ООО «Бета» instead of every ИП before every ООО.
/// Kept in <see cref="Counterparty.SortName"/> (set on every save, see <c>LetopisDb</c>) with an
/// index, so a sorted page is one index range on both providers.
/// </summary>
public static class CounterpartySortName
{
    public const int MaxLength = TextLimits.Name;

    // Longest first: «ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО» before «АКЦИОНЕРНОЕ ОБЩЕСТВО».
    private static readonly string[] LongForms =
    [
        "ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ", "ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", "НЕПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО",
        "ЗАКРЫТОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", "ОТКРЫТОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", "ИНДИВИДУАЛЬНЫЙ ПРЕДПРИНИМАТЕЛЬ", "АКЦИОНЕРНОЕ ОБЩЕСТВО",
        "НЕКОММЕРЧЕСКАЯ ОРГАНИЗАЦИЯ", "АВТОНОМНАЯ НЕКОММЕРЧЕСКАЯ ОРГАНИЗАЦИЯ",
    ];

    private static readonly HashSet<string> ShortForms =
        ["ООО", "ОАО", "ЗАО", "ПАО", "НАО", "АО", "ИП", "НКО", "АНО", "ГУП", "МУП", "ФГУП", "ГБУ", "МБУ", "ТСЖ", "СНТ", "КФХ", "LLC", "LTD", "INC"];

    private static readonly char[] Quotes = ['«', '»', '"', '\'', '“', '”', '„', '‘', '’'];

    /// <summary>«ООО "Бета-Строй"» → «БЕТА-СТРОЙ»; a name that is nothing but a legal form keeps it.</summary>
    public static string Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "";
        // Ё sorts before А by code point; the directory reads it as Е, as people do.
        var upper = name.ToUpperInvariant().Replace('Ё', 'Е');
        var plain = new StringBuilder(upper.Length);
        foreach (var c in upper)
            plain.Append(Array.IndexOf(Quotes, c) >= 0 || char.IsControl(c) ? ' ' : c);
        var words = plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var whole = string.Join(' ', words);

        var changed = true;
        while (changed && words.Count > 1)
        {
            changed = false;
            var text = string.Join(' ', words);
            foreach (var form in LongForms)
            {
                if (text.StartsWith(form + " ", StringComparison.Ordinal))
                {
                    words = text[(form.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
                    changed = true;
                    break;
                }
            }
            if (!changed && words.Count > 1 && ShortForms.Contains(words[0].Trim(',', '.')))
            {
                words.RemoveAt(0);
                changed = true;
            }
            // «Альфа, ООО» as 1С lists names.
            if (!changed && words.Count > 1 && ShortForms.Contains(words[^1].Trim(',', '.')))
            {
                words.RemoveAt(words.Count - 1);
                changed = true;
            }
        }
        var result = string.Join(' ', words).Trim(' ', ',', '.', '-');
        if (result.Length == 0)
            result = whole;
        return result.Length > MaxLength ? result[..MaxLength] : result;
    }
}
