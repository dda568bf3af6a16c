using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Letopis.Core.Documents.Files;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;
using PdfPageSize = UglyToad.PdfPig.Content.PageSize;

namespace Letopis.Infrastructure.Documents;

/// <summary>
/// DOCX through the Open XML SDK; PDF through PdfPig's builder with an embedded TrueType font
/// (DejaVu Sans, or another Cyrillic font found on the system), so the text layer holds real
/// Unicode text, «Ё» included, that any PDF reader can extract.
/// </summary>
public sealed class SimpleDocumentWriter : ISimpleDocumentWriter
{
    private static readonly string[] FontCandidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/paratype/PTS55F.ttf",
    ];

    private static readonly Lazy<byte[]?> Font = new(FindFont);

    /// <summary>Whether a Cyrillic TrueType font is available for PDF output on this machine.</summary>
    public bool CanWritePdf => Font.Value is not null;

    public byte[] Docx(string title, IEnumerable<string> paragraphs)
    {
        using var output = new MemoryStream();
        using (var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(new Paragraph(
                new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new Run(new RunProperties(new Bold(), new FontSize { Val = "28" }), new Text(title) { Space = SpaceProcessingModeValues.Preserve })));
            foreach (var paragraph in paragraphs)
                body.Append(new Paragraph(new Run(new Text(paragraph) { Space = SpaceProcessingModeValues.Preserve })));
            main.Document = new Document(body);
        }
        return output.ToArray();
    }

    public byte[] Pdf(string title, IEnumerable<string> paragraphs)
    {
        var fontBytes = Font.Value ?? throw new InvalidOperationException(
            "No Cyrillic TrueType font found for PDF output (install fonts-dejavu-core).");
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(fontBytes);
        const double left = 56, right = 539, top = 780, bottom = 60, size = 11, leading = 15;
        var page = builder.AddPage(PdfPageSize.A4);
        var y = top;

        void Line(string text, double fontSize)
        {
            if (y < bottom)
            {
                page = builder.AddPage(PdfPageSize.A4);
                y = top;
            }
            page.AddText(text, fontSize, new PdfPoint(left, y), font);
            y -= fontSize == size ? leading : leading * 1.6;
        }

        foreach (var line in Wrap(page, font, title, 14, right - left))
            Line(line, 14);
        foreach (var paragraph in paragraphs)
        {
            foreach (var line in Wrap(page, font, paragraph, size, right - left))
                Line(line, size);
            y -= leading / 2;
        }
        return builder.Build();
    }

    /// <summary>Greedy word wrap by the font's real widths.</summary>
    private static List<string> Wrap(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, string text, double size, double width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && Width(page, font, candidate, size) > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }
        if (current.Length > 0 || lines.Count == 0)
            lines.Add(current);
        return lines;
    }

    private static double Width(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, string text, double size)
    {
        var letters = page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
    }

    private static byte[]? FindFont()
    {
        foreach (var path in FontCandidates)
        {
            if (File.Exists(path))
                return File.ReadAllBytes(path);
        }
        if (!Directory.Exists("/usr/share/fonts"))
            return null;
        var found = Directory.EnumerateFiles("/usr/share/fonts", "DejaVuSans.ttf", SearchOption.AllDirectories).FirstOrDefault();
        return found is null ? null : File.ReadAllBytes(found);
    }
}
