using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Letopis.Core.Documents.Files;
using MiniExcelLibs;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using OpenXmlReader = DocumentFormat.OpenXml.OpenXmlReader;

namespace Letopis.Infrastructure.Documents;

/// <summary>Collects text up to a limit; callers stop reading once it is full.</summary>
internal sealed class TextBudget(int maxChars)
{
    private readonly StringBuilder _text = new();

    public bool Full => _text.Length >= maxChars;

    public void Append(string? part)
    {
        if (string.IsNullOrEmpty(part) || Full)
            return;
        var room = maxChars - _text.Length;
        _text.Append(part.Length <= room ? part : part[..room]);
    }

    public void Break()
    {
        if (!Full && _text.Length > 0 && _text[^1] != '\n')
            _text.Append('\n');
    }

    public override string ToString() => _text.ToString().Trim();
}

/// <summary>Word documents: the text runs of the body read as a stream of XML, paragraph by paragraph, without loading the whole document.</summary>
public sealed class DocxTextExtractor : ITextExtractor
{
    public bool Handles(string contentType) => contentType == ContentSniffer.Docx;

    public Task<string> ExtractAsync(Stream content, int maxChars, CancellationToken ct)
    {
        var text = new TextBudget(maxChars);
        using var document = WordprocessingDocument.Open(content, false);
        if (document.MainDocumentPart is { } main)
        {
            using var reader = OpenXmlReader.Create(main);
            while (!text.Full && reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                if (reader.ElementType == typeof(Text) && reader.IsStartElement)
                    text.Append(reader.GetText());
                else if (reader.ElementType == typeof(TabChar) && reader.IsStartElement)
                    text.Append("\t");
                else if ((reader.ElementType == typeof(Paragraph) && reader.IsEndElement) || (reader.ElementType == typeof(Break) && reader.IsStartElement))
                    text.Break();
            }
        }
        return Task.FromResult(text.ToString());
    }
}

/// <summary>PDF with a text layer (PdfPig), page by page in reading order. A scan without one yields nothing.</summary>
public sealed class PdfTextExtractor : ITextExtractor
{
    public bool Handles(string contentType) => contentType == ContentSniffer.Pdf;

    public Task<string> ExtractAsync(Stream content, int maxChars, CancellationToken ct)
    {
        var text = new TextBudget(maxChars);
        using var document = PdfDocument.Open(content);
        for (var number = 1; number <= document.NumberOfPages && !text.Full; number++)
        {
            ct.ThrowIfCancellationRequested();
            text.Append(ContentOrderTextExtractor.GetText(document.GetPage(number)));
            text.Break();
        }
        return Task.FromResult(text.ToString());
    }
}

/// <summary>Spreadsheets (MiniExcel, streaming): every cell of every sheet, a row to a line.</summary>
public sealed class XlsxTextExtractor : ITextExtractor
{
    public bool Handles(string contentType) => contentType == ContentSniffer.Xlsx;

    public Task<string> ExtractAsync(Stream content, int maxChars, CancellationToken ct)
    {
        var text = new TextBudget(maxChars);
        foreach (var sheet in content.GetSheetNames())
        {
            content.Position = 0;
            foreach (IDictionary<string, object?> row in content.Query(useHeaderRow: false, sheetName: sheet))
            {
                ct.ThrowIfCancellationRequested();
                text.Append(string.Join(' ', row.Values.Where(v => v is not null)
                    .Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
                text.Break();
                if (text.Full)
                    return Task.FromResult(text.ToString());
            }
            content.Position = 0;
        }
        return Task.FromResult(text.ToString());
    }
}

/// <summary>Plain text: UTF-8 or UTF-16 by their marks, UTF-8 when valid, otherwise windows-1251 (the usual Russian legacy encoding).</summary>
public sealed class PlainTextExtractor : ITextExtractor
{
    static PlainTextExtractor() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public bool Handles(string contentType) => contentType == ContentSniffer.Text;

    public async Task<string> ExtractAsync(Stream content, int maxChars, CancellationToken ct)
    {
        // At most four bytes a character: this many bytes always hold the allowed text.
        var limit = (int)Math.Min(content.Length, (long)maxChars * 4);
        var bytes = new byte[limit];
        await content.ReadExactlyAsync(bytes, ct);
        var encoding = bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }) ? Encoding.Unicode
            : bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }) ? Encoding.BigEndianUnicode
            : IsUtf8(bytes, limit < content.Length) ? Encoding.UTF8
            : Encoding.GetEncoding(1251);
        var text = encoding.GetString(bytes).TrimStart('\uFEFF');
        return text.Length <= maxChars ? text : text[..maxChars];
    }

    private static bool IsUtf8(byte[] bytes, bool cut)
    {
        var span = bytes.AsSpan();
        if (cut)
        {
            // The cut may fall inside a character: ignore up to three trailing bytes of it.
            var back = 0;
            while (back < 3 && back < span.Length && (span[^(back + 1)] & 0xC0) == 0x80)
                back++;
            if (back < span.Length && span[^(back + 1)] >= 0xC0)
                back++;
            span = span[..^back];
        }
        return System.Text.Unicode.Utf8.IsValid(span);
    }
}
