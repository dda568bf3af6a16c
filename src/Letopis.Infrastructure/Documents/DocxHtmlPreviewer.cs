using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Letopis.Core.Documents.Files;

namespace Letopis.Infrastructure.Documents;

/// <summary>
/// A Word document as plain, safe HTML: paragraphs, headings (by the built-in heading styles),
/// bold, italic and underline, list items, tables and line breaks. Every piece of text is
/// HTML-encoded and no attribute, style, link or image of the file is carried over, so nothing
/// in a file can run or load anything when it is shown.
/// </summary>
public sealed class DocxHtmlPreviewer : IHtmlPreviewer
{
    public bool Handles(string contentType) => contentType == ContentSniffer.Docx;

    public Task<string> RenderAsync(Stream content, int maxChars, CancellationToken ct)
    {
        using var document = WordprocessingDocument.Open(content, false);
        var html = new Budget(maxChars);
        if (document.MainDocumentPart?.Document?.Body is { } body)
        {
            var styles = HeadingLevels(document.MainDocumentPart);
            Blocks(body.ChildElements, html, styles, ct);
        }
        return Task.FromResult(html.ToString());
    }

    /// <summary>Style id → heading level, from the built-in «heading N» styles whatever their ids (a Russian Word names them «Заголовок1»).</summary>
    private static Dictionary<string, int> HeadingLevels(MainDocumentPart main)
    {
        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var style in main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [])
        {
            var name = style.StyleName?.Val?.Value ?? "";
            if (style.StyleId?.Value is { } id && name.StartsWith("heading ", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(name.AsSpan(8), out var level) && level is >= 1 and <= 6)
                levels[id] = level;
            else if (name.Equals("Title", StringComparison.OrdinalIgnoreCase) && style.StyleId?.Value is { } titleId)
                levels[titleId] = 1;
        }
        return levels;
    }

    private static void Blocks(IEnumerable<OpenXmlElement> elements, Budget html, Dictionary<string, int> headings, CancellationToken ct)
    {
        var inList = false;
        foreach (var element in elements)
        {
            ct.ThrowIfCancellationRequested();
            if (html.Full)
                return;
            var listItem = element is Paragraph { ParagraphProperties.NumberingProperties: not null };
            if (inList && !listItem)
            {
                html.Raw("</ul>");
                inList = false;
            }
            switch (element)
            {
                case Paragraph p when listItem:
                    if (!inList)
                    {
                        html.Raw("<ul>");
                        inList = true;
                    }
                    html.Raw("<li>");
                    Inline(p, html);
                    html.Raw("</li>");
                    break;
                case Paragraph p:
                    var style = p.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
                    var tag = style is not null && headings.TryGetValue(style, out var level) ? $"h{level}" : "p";
                    html.Raw($"<{tag}>");
                    Inline(p, html);
                    html.Raw($"</{tag}>");
                    break;
                case Table table:
                    html.Raw("<table>");
                    foreach (var row in table.Elements<TableRow>())
                    {
                        html.Raw("<tr>");
                        foreach (var cell in row.Elements<TableCell>())
                        {
                            var span = cell.TableCellProperties?.GridSpan?.Val?.Value;
                            html.Raw(span is > 1 ? $"<td colspan=\"{span.Value}\">" : "<td>");
                            Blocks(cell.ChildElements, html, headings, ct);
                            html.Raw("</td>");
                        }
                        html.Raw("</tr>");
                    }
                    html.Raw("</table>");
                    break;
                case SdtBlock sdt when sdt.SdtContentBlock is { } inner:
                    Blocks(inner.ChildElements, html, headings, ct);
                    break;
            }
        }
        if (inList)
            html.Raw("</ul>");
    }

    private static void Inline(OpenXmlElement paragraph, Budget html)
    {
        foreach (var run in paragraph.Descendants<Run>())
        {
            var props = run.RunProperties;
            var marks = new List<string>();
            if (props?.Bold is { } b && (b.Val is null || b.Val.Value))
                marks.Add("b");
            if (props?.Italic is { } i && (i.Val is null || i.Val.Value))
                marks.Add("i");
            if (props?.Underline is { } u && u.Val is not null && u.Val.Value != UnderlineValues.None)
                marks.Add("u");
            foreach (var mark in marks)
                html.Raw($"<{mark}>");
            foreach (var part in run.ChildElements)
            {
                switch (part)
                {
                    case Text text:
                        html.Text(text.Text);
                        break;
                    case TabChar:
                        html.Text("\t");
                        break;
                    case Break or CarriageReturn:
                        html.Raw("<br>");
                        break;
                }
            }
            for (var m = marks.Count - 1; m >= 0; m--)
                html.Raw($"</{marks[m]}>");
        }
    }

    /// <summary>The HTML so far; past the limit nothing more is added but the closing tags, so what is shown stays well-formed.</summary>
    private sealed class Budget(int maxChars)
    {
        private readonly StringBuilder _html = new();
        private bool _cut;

        public bool Full => _html.Length >= maxChars;

        public void Raw(string markup)
        {
            if (!Full || markup.StartsWith("</", StringComparison.Ordinal))
                _html.Append(markup);
        }

        public void Text(string? text)
        {
            if (string.IsNullOrEmpty(text))
                return;
            if (Full)
            {
                _cut = true;
                return;
            }
            var room = maxChars - _html.Length;
            _html.Append(WebUtility.HtmlEncode(text.Length <= room ? text : text[..room]));
            _cut |= text.Length > room;
        }

        public override string ToString() => _cut || Full ? _html + "<p class=\"cut\">…</p>" : _html.ToString();
    }
}
