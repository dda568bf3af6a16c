namespace Letopis.Core.Common;

/// <summary>
/// The one rule for what characters a stored text may hold. Every handler that accepts text checks
/// it through <see cref="Check"/> (directly or through <see cref="PatchText"/>), so a field either
/// holds text a person typed or the request is refused with <c>control_characters</c> on that field.
/// </summary>
/// <remarks>
/// Refused everywhere: every control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F;
/// PostgreSQL cannot even store NUL, and the others end up in CSV exports, e-mails and logs), the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069: a right-to-left
/// override makes «invoice‮fdp.exe» read as «invoiceexe.pdf» to the next person), the line and
/// paragraph separators (U+2028, U+2029: invisible line breaks that JavaScript and some exports treat as
/// newlines), and an unpaired surrogate (not text at all; PostgreSQL refuses it as UTF-8).
/// Multi-line fields (descriptions, notes, comments, reasons) additionally allow tab, line feed and
/// carriage return; single-line fields (names, titles, subjects, codes, labels, tags) allow none of them.
/// Zero-width characters and the implicit direction marks (U+200E/U+200F) stay allowed in text: they
/// occur in pasted Russian and Arabic names and cannot reorder what follows them. File names are
/// stricter and cleaned rather than refused (<c>Documents/Files/FileNames</c>).
/// </remarks>
public static class TextRules
{
    /// <summary>Field error code: the text holds a control, direction-override or separator character.</summary>
    public const string ControlCharacters = "control_characters";

    /// <summary>True when <paramref name="text"/> holds only characters its kind of field may store.</summary>
    public static bool IsAllowed(ReadOnlySpan<char> text, bool multiLine = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' || c is >= '\u007F' and <= '\u009F')
            {
                if (multiLine && c is '\t' or '\n' or '\r')
                    continue;
                return false;
            }
            if (c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029')
                return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                return false;
            }
            if (char.IsLowSurrogate(c))
                return false;
        }
        return true;
    }

    /// <summary>Adds <see cref="ControlCharacters"/> on <paramref name="field"/> when the text is not allowed; true when it is.</summary>
    public static bool Check(string? text, string field, List<(string, string)> errors, bool multiLine = false)
    {
        if (text is null || IsAllowed(text, multiLine))
            return true;
        errors.Add((field, ControlCharacters));
        return false;
    }

    /// <summary>
    /// A free text field as most handlers read it: trimmed, empty means none, and its errors added
    /// (missing when <paramref name="required"/>, too long, characters the field may not hold).
    /// </summary>
    public static string? Field(string? value, string field, int max, List<(string, string)> errors,
        bool required = false, bool multiLine = false)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null)
        {
            if (required)
                errors.Add((field, FieldErrors.Required));
        }
        else if (text.Length > max)
            errors.Add((field, FieldErrors.TooLong));
        else
            Check(text, field, errors, multiLine);
        return text;
    }
}
