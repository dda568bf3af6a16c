using System.Text;

namespace Letopis.Core.Documents;

/// <summary>
/// A registration number as the registry orders it: upper-case, every run of digits zero-padded to
/// ten places, so «П-2» sorts before «П-10» by plain string comparison on both providers. A number
/// derived from its parent's («Д-2026-0001/П-1») starts with the parent's, so a contract comes
/// before its appendices. Kept in <see cref="Document.NumberSortKey"/>, set on every save.
/// </summary>
public static class NumberSortKey
{
    public const int MaxLength = 400;

    private const int Width = 10;

    public static string Of(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
            return "";
        var text = number.Trim().ToUpperInvariant().Replace('Ё', 'Е');
        var key = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                key.Append(text[i++]);
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
            var digits = text[start..i].TrimStart('0');
            if (digits.Length < Width)
                key.Append('0', Width - digits.Length);
            key.Append(digits);
        }
        return key.Length > MaxLength ? key.ToString(0, MaxLength) : key.ToString();
    }
}
