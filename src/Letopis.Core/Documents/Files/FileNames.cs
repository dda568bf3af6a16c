using System.Globalization;
using System.Text;

namespace Letopis.Core.Documents.Files;

/// <summary>
/// What a stored file may be called. The name is only ever shown and offered back on download
/// (blobs are keyed by generated ids), but it is shown to other people and saved by their programs,
/// so it is cleaned into a name that reads the same everywhere and can be saved on any system:
/// <list type="number">
/// <item>only the last path segment is kept (a client may send <c>C:\Users\x\a.pdf</c> or <c>../../a.pdf</c>);</item>
/// <item>control characters, direction controls (U+200E/F, U+202A–E, U+2066–9, U+061C: «invoice‮fdp.exe»
/// would show as «invoiceexe.pdf») and zero-width characters (U+200B–D, U+2060, U+FEFF) are removed;</item>
/// <item><c>* ? &lt; &gt; | : "</c> become <c>_</c> (Windows cannot store them; the colon also names an NTFS
/// alternate stream, <c>a.txt:evil</c>);</item>
/// <item>trailing dots and spaces go (Windows drops them silently), leading and trailing spaces too;</item>
/// <item>a Windows device name (<c>CON</c>, <c>PRN</c>, <c>AUX</c>, <c>NUL</c>, <c>COM1</c>–<c>COM9</c>,
/// <c>LPT1</c>–<c>LPT9</c>, any case, with or without extension) gets a leading <c>_</c>;</item>
/// <item>the name is cut to <see cref="MaxBytes"/> UTF-8 bytes, keeping its extension;</item>
/// <item>a name with nothing left becomes <see cref="Fallback"/>.</item>
/// </list>
/// The upload's answer carries the stored name, so the client sees what was kept.
/// </summary>
public static class FileNames
{
    /// <summary>The most UTF-8 bytes a stored name has (what most file systems allow).</summary>
    public const int MaxBytes = 255;

    /// <summary>The name of a file whose name had nothing usable in it.</summary>
    public const string Fallback = "file";

    /// <summary>Field error code (on <c>file</c>): the file came without a name.</summary>
    public const string Missing = "name_missing";

    private const int MaxExtensionChars = 16;

    private static readonly string[] DeviceNames =
    [
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// <summary>The field error code for <paramref name="name"/>, or null when a name came (it is then cleaned, never refused).</summary>
    public static string? Check(string? name) => string.IsNullOrWhiteSpace(name) ? Missing : null;

    /// <summary>The name as stored (see the rules above).</summary>
    public static string Clean(string name)
    {
        var last = name.Split('/', '\\')[^1];
        var text = new StringBuilder(last.Length);
        for (var i = 0; i < last.Length; i++)
        {
            var c = last[i];
            if (char.IsHighSurrogate(c) && i + 1 < last.Length && char.IsLowSurrogate(last[i + 1]))
            {
                text.Append(c).Append(last[++i]);
                continue;
            }
            if (char.IsSurrogate(c) || IsInvisible(c))
                continue;
            text.Append(c is '*' or '?' or '<' or '>' or '|' or ':' or '"' ? '_' : c);
        }
        var cleaned = text.ToString().Trim().TrimEnd('.', ' ');
        if (cleaned.Length == 0)
            return Fallback;
        cleaned = Shorten(cleaned);
        var stem = cleaned.Split('.')[0].TrimEnd(' ');
        if (DeviceNames.Contains(stem, StringComparer.OrdinalIgnoreCase))
            cleaned = Shorten("_" + cleaned);
        return cleaned;
    }

    private static bool IsInvisible(char c) =>
        char.IsControl(c)
        || c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
        || c is (>= '\u200B' and <= '\u200D') or '\u2060' or '\uFEFF'
        || c is '\u2028' or '\u2029';

    /// <summary>Cuts the stem (never inside a character) so that stem and extension fit <see cref="MaxBytes"/>.</summary>
    private static string Shorten(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxBytes)
            return name;
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= MaxExtensionChars ? name[dot..] : "";
        var stem = extension.Length > 0 ? name[..dot] : name;
        var room = MaxBytes - Encoding.UTF8.GetByteCount(extension);
        var kept = new StringBuilder();
        var used = 0;
        var elements = StringInfo.GetTextElementEnumerator(stem);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            var bytes = Encoding.UTF8.GetByteCount(element);
            if (used + bytes > room)
                break;
            kept.Append(element);
            used += bytes;
        }
        var result = kept.ToString().TrimEnd('.', ' ') + extension;
        return result.Length == 0 ? Fallback : result;
    }
}
