using System.Text;
using System.Text.Unicode;

namespace Letopis.Core.Documents.Files;

/// <summary>
/// Tells a file's type from its first bytes, never from its name: a «договор.pdf» that is really an
/// HTML page is stored and served as what it is. Only previewable types are ever shown inline.
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes the sniffer looks at (office files name their parts near the start).</summary>
    public const int HeadLength = 64 * 1024;

    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string Webp = "image/webp";
    public const string Tiff = "image/tiff";
    public const string Bmp = "image/bmp";
    public const string Svg = "image/svg+xml";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Odt = "application/vnd.oasis.opendocument.text";
    public const string Ods = "application/vnd.oasis.opendocument.spreadsheet";
    public const string Zip = "application/zip";
    public const string OleCompound = "application/x-ole-storage";
    public const string Rtf = "application/rtf";
    public const string Gzip = "application/gzip";
    public const string SevenZip = "application/x-7z-compressed";
    public const string Rar = "application/vnd.rar";
    public const string Xml = "application/xml";
    public const string Html = "text/html";
    public const string Text = "text/plain";
    public const string Binary = "application/octet-stream";

    /// <summary>Whether a browser cannot show it but the server renders it as HTML for preview (<see cref="PreviewDocumentFile"/>).</summary>
    public static bool HasHtmlPreview(string contentType) => contentType == Docx;

    /// <summary>Types a browser may show inline without running anything from the file.</summary>
    public static bool IsPreviewable(string contentType) =>
        contentType is Pdf or Png or Jpeg or Gif or Webp or Bmp or Text;

    /// <summary>The media type of content that starts with <paramref name="head"/>.</summary>
    public static string Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
            return Pdf;
        if (head.StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }))
            return Png;
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
            return Jpeg;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
            return Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return Webp;
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
            return Tiff;
        if (head.StartsWith("PK\u0003\u0004"u8))
            return SniffZip(head);
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
            return OleCompound;
        if (head.StartsWith("{\\rtf"u8))
            return Rtf;
        if (head.StartsWith(new byte[] { 0x1F, 0x8B }))
            return Gzip;
        if (head.StartsWith(new byte[] { (byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C }))
            return SevenZip;
        if (head.StartsWith("Rar!\u001A\u0007"u8))
            return Rar;
        if (head.Length >= 14 && head.StartsWith("BM"u8) && IsBmp(head))
            return Bmp;
        if (LooksLikeText(head, out var text))
            return SniffText(text);
        return Binary;
    }

    /// <summary>
    /// An office file is a zip whose part names tell its kind: <c>word/</c>, <c>xl/</c>, <c>ppt/</c>;
    /// OpenDocument names its type in an uncompressed first entry called <c>mimetype</c>. The local
    /// file headers are walked by signature, since a writer may not record sizes before the data.
    /// </summary>
    private static string SniffZip(ReadOnlySpan<byte> head)
    {
        var signature = "PK\u0003\u0004"u8;
        var offset = 0;
        while (offset >= 0 && offset + 30 <= head.Length)
        {
            var nameLength = head[offset + 26] | (head[offset + 27] << 8);
            var extraLength = head[offset + 28] | (head[offset + 29] << 8);
            var nameStart = offset + 30;
            if (nameStart + nameLength > head.Length)
                break;
            var name = head.Slice(nameStart, nameLength);
            if (name.StartsWith("word/"u8))
                return Docx;
            if (name.StartsWith("xl/"u8))
                return Xlsx;
            if (name.StartsWith("ppt/"u8))
                return Pptx;
            if (name.SequenceEqual("mimetype"u8))
            {
                var data = head[Math.Min(head.Length, nameStart + nameLength + extraLength)..];
                if (data.StartsWith("application/vnd.oasis.opendocument.text"u8))
                    return Odt;
                if (data.StartsWith("application/vnd.oasis.opendocument.spreadsheet"u8))
                    return Ods;
            }
            var next = head[(offset + 4)..].IndexOf(signature);
            offset = next < 0 ? -1 : offset + 4 + next;
        }
        return Zip;
    }

    private static bool IsBmp(ReadOnlySpan<byte> head)
    {
        // The header's reserved fields are zero and the pixel data starts after the headers.
        var reserved = head[6] | head[7] | head[8] | head[9];
        var dataOffset = head[10] | (head[11] << 8) | (head[12] << 16) | (head[13] << 24);
        return reserved == 0 && dataOffset is >= 26 and < 1 << 20;
    }

    /// <summary>
    /// Text is valid UTF-8 (or UTF-16 with a byte-order mark, or a single-byte Cyrillic code page)
    /// without NUL and with few control characters other than tabs and line breaks.
    /// </summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> head, out string text)
    {
        text = "";
        if (head.Length == 0)
            return false;
        if (head.StartsWith(new byte[] { 0xFF, 0xFE }) || head.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            var decoded = (head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(head[2..(head.Length & ~1)]);
            return IsMostlyPrintable(text = decoded);
        }
        if (head.Contains((byte)0))
            return false;
        var sample = head.Length == HeadLength ? WholeCharacters(head) : head;
        if (Utf8.IsValid(sample))
            return IsMostlyPrintable(text = Encoding.UTF8.GetString(sample));
        // Not UTF-8: windows-1251 and the like decode any byte; what decides is the share of control characters.
        text = Encoding.Latin1.GetString(sample);
        return IsMostlyPrintable(text);
    }

    /// <summary>A head cut in the middle of a multi-byte UTF-8 character, without that character.</summary>
    private static ReadOnlySpan<byte> WholeCharacters(ReadOnlySpan<byte> head)
    {
        for (var back = 1; back <= 4 && back <= head.Length; back++)
        {
            var b = head[^back];
            if ((b & 0xC0) == 0x80)
                continue;
            // An ASCII byte ends a character; a lead byte starts the cut one.
            return b < 0x80 ? head : head[..^back];
        }
        return head;
    }

    private static bool IsMostlyPrintable(string text)
    {
        var control = 0;
        foreach (var ch in text)
        {
            if (char.IsControl(ch) && ch is not ('\t' or '\n' or '\r' or '\f'))
                control++;
        }
        return control * 100 <= text.Length;
    }

    private static string SniffText(string text)
    {
        var start = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
            return start.Contains("<svg", StringComparison.OrdinalIgnoreCase) ? Svg : Xml;
        if (start.StartsWith("<svg", StringComparison.OrdinalIgnoreCase))
            return Svg;
        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return Html;
        return Text;
    }
}
