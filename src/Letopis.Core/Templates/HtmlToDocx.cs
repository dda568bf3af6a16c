using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Letopis.Core.Templates;

/// <summary>
/// Turns the HTML an HTML template rendered into a Word document of real paragraphs, runs and tables,
/// so that the text can be edited, searched and read by any program (an <c>altChunk</c> would leave
/// the HTML for Word alone to import on opening, and other programs would see an empty document).
/// Kept deliberately simple, as letters and contracts are: paragraphs and headings, bold, italic and
/// underline, line breaks, lists as paragraphs with a marker, and tables with borders. Styles, images
/// and scripts are left out; every piece of text is kept.
/// </summary>
public static class HtmlToDocx
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
        "blockquote", "pre", "address", "main", "nav", "dl", "dt", "dd", "figure", "figcaption", "caption", "body", "html",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "head", "style", "script", "title", "template", "noscript" };

    public static byte[] Convert(string html)
    {
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            var body = new Body();
            new Writer(body).Write(html);
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 850, Header = 709, Footer = 709, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private sealed class Writer(Body body)
    {
        private readonly Stack<OpenXmlCompositeElement> _containers = new([body]);
        private readonly Stack<Table> _tables = new();
        private readonly Stack<TableRow?> _rows = new();
        private Paragraph? _paragraph;
        private int _bold;
        private int _italic;
        private int _underline;
        private int _heading;
        private int _pre;
        private bool _spacePending;

        public void Write(string html)
        {
            var i = 0;
            var text = new StringBuilder();
            while (i < html.Length)
            {
                if (html[i] == '<' && i + 1 < html.Length && (char.IsAsciiLetter(html[i + 1]) || html[i + 1] is '/' or '!' or '?'))
                {
                    Text(text.ToString());
                    text.Clear();
                    i = Tag(html, i);
                }
                else
                {
                    text.Append(html[i]);
                    i++;
                }
            }
            Text(text.ToString());
            while (_tables.Count > 0)
                CloseTable();
        }

        /// <summary>Reads the tag at <paramref name="start"/> and returns the index after it.</summary>
        private int Tag(string html, int start)
        {
            if (string.CompareOrdinal(html, start, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", start + 4, StringComparison.Ordinal);
                return end < 0 ? html.Length : end + 3;
            }
            var close = start + 1;
            char? quote = null;
            while (close < html.Length && (quote is not null || html[close] != '>'))
            {
                if (quote is null && html[close] is '"' or '\'')
                    quote = html[close];
                else if (quote == html[close])
                    quote = null;
                close++;
            }
            var inner = html[(start + 1)..Math.Min(close, html.Length)];
            var next = Math.Min(close + 1, html.Length);
            if (inner.StartsWith('!') || inner.StartsWith('?'))
                return next;
            var ending = inner.StartsWith('/');
            var name = new string(inner.TrimStart('/').TakeWhile(c => char.IsAsciiLetterOrDigit(c)).ToArray()).ToLowerInvariant();
            if (name.Length == 0)
                return next;
            if (Skipped.Contains(name))
            {
                if (!ending && !inner.EndsWith('/'))
                {
                    // Raw text up to its own end tag: a style sheet or a script is never text of the document.
                    var end = html.IndexOf("</" + name, next, StringComparison.OrdinalIgnoreCase);
                    if (end < 0)
                        return html.Length;
                    var after = html.IndexOf('>', end);
                    return after < 0 ? html.Length : after + 1;
                }
                return next;
            }
            if (ending)
                End(name);
            else
                Start(name, inner.EndsWith('/'));
            return next;
        }

        private void Start(string name, bool selfClosing)
        {
            switch (name)
            {
                case "br":
                    Run().Append(new Break());
                    _spacePending = false;
                    return;
                case "hr":
                    Flush();
                    return;
                case "b" or "strong" or "th":
                    _bold++;
                    break;
                case "i" or "em":
                    _italic++;
                    break;
                case "u":
                    _underline++;
                    break;
                case "pre":
                    _pre++;
                    break;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    _heading = name[1] - '0';
                    break;
                case "table":
                    OpenTable();
                    return;
                case "tr":
                    if (_tables.TryPeek(out var table))
                    {
                        CloseRow();
                        _rows.Pop();
                        _rows.Push(table.AppendChild(new TableRow()));
                    }
                    return;
                case "td":
                    OpenCell();
                    return;
            }
            if (name == "th")
            {
                OpenCell();
                return;
            }
            if (Blocks.Contains(name))
                Flush();
            if (name == "li" && !selfClosing)
            {
                Run().Append(new Text("• ") { Space = SpaceProcessingModeValues.Preserve });
            }
        }

        private void End(string name)
        {
            switch (name)
            {
                case "b" or "strong":
                    _bold = Math.Max(0, _bold - 1);
                    return;
                case "i" or "em":
                    _italic = Math.Max(0, _italic - 1);
                    return;
                case "u":
                    _underline = Math.Max(0, _underline - 1);
                    return;
                case "pre":
                    _pre = Math.Max(0, _pre - 1);
                    Flush();
                    return;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    Flush();
                    _heading = 0;
                    return;
                case "td" or "th":
                    if (name == "th")
                        _bold = Math.Max(0, _bold - 1);
                    CloseCell();
                    return;
                case "tr":
                    CloseRow();
                    if (_rows.TryPop(out _))
                        _rows.Push(null);
                    return;
                case "table":
                    CloseTable();
                    return;
            }
            if (Blocks.Contains(name))
                Flush();
        }

        private void Text(string raw)
        {
            if (raw.Length == 0)
                return;
            var decoded = WebUtility.HtmlDecode(raw);
            if (_pre > 0)
            {
                var lines = decoded.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
                for (var n = 0; n < lines.Length; n++)
                {
                    if (n > 0)
                        Run().Append(new Break());
                    if (lines[n].Length > 0)
                        Run().Append(new Text(lines[n]) { Space = SpaceProcessingModeValues.Preserve });
                }
                return;
            }
            var collapsed = new StringBuilder(decoded.Length);
            foreach (var c in decoded)
            {
                if (char.IsWhiteSpace(c) && c != '\u00A0')
                    _spacePending = true;
                else
                {
                    if (_spacePending && (collapsed.Length > 0 || HasText()))
                        collapsed.Append(' ');
                    _spacePending = false;
                    collapsed.Append(c);
                }
            }
            if (collapsed.Length > 0)
                Run().Append(new Text(collapsed.ToString()) { Space = SpaceProcessingModeValues.Preserve });
        }

        private bool HasText() => _paragraph?.Descendants<Text>().Any() == true;

        private Run Run()
        {
            _paragraph ??= _containers.Peek().AppendChild(new Paragraph());
            var properties = new RunProperties();
            if (_bold > 0 || _heading > 0)
                properties.Append(new Bold());
            if (_italic > 0)
                properties.Append(new Italic());
            if (_underline > 0)
                properties.Append(new Underline { Val = UnderlineValues.Single });
            if (_heading > 0)
                properties.Append(new FontSize { Val = (_heading switch { 1 => 32, 2 => 28, 3 => 26, _ => 24 }).ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var run = new Run();
            if (properties.HasChildren)
                run.Append(properties);
            return _paragraph.AppendChild(run);
        }

        private void Flush()
        {
            _paragraph = null;
            _spacePending = false;
        }

        private void OpenTable()
        {
            Flush();
            var table = new Table(new TableProperties(
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 },
                    new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
            _containers.Peek().AppendChild(table);
            _tables.Push(table);
            _rows.Push(null);
        }

        private void OpenCell()
        {
            if (!_tables.TryPeek(out var table))
                return;
            CloseCell();
            var row = _rows.Pop() ?? table.AppendChild(new TableRow());
            _rows.Push(row);
            var cell = row.AppendChild(new TableCell());
            _containers.Push(cell);
            Flush();
        }

        private void CloseCell()
        {
            if (_containers.Peek() is TableCell cell)
            {
                // Word refuses a cell without a paragraph.
                if (!cell.Elements<Paragraph>().Any())
                    cell.AppendChild(new Paragraph());
                _containers.Pop();
            }
            Flush();
        }

        private void CloseRow()
        {
            CloseCell();
            if (_rows.TryPeek(out var row) && row is not null && !row.Elements<TableCell>().Any())
                row.AppendChild(new TableCell(new Paragraph()));
        }

        private void CloseTable()
        {
            if (!_tables.TryPeek(out var table))
                return;
            CloseRow();
            _tables.Pop();
            _rows.Pop();
            if (!table.Elements<TableRow>().Any())
                table.Remove();
            Flush();
        }
    }
}
