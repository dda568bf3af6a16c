using System.IO.Compression;
using System.IO.Packaging;
using System.Text.RegularExpressions;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Letopis.Core.Common;

namespace Letopis.Core.Templates;

/// <summary>What a checked Word template holds.</summary>
/// <param name="Placeholders">The <c>{{ … }}</c> and <c>{% … %}</c> placeholders found (a repeated row's counted once).</param>
/// <param name="RepeatedRows">The table rows repeated for each element of a collection.</param>
public sealed record DocxCheck(int Placeholders, int RepeatedRows);

/// <summary>
/// Word templates: a .docx whose text holds Liquid placeholders, filled with the same engine and
/// filters as HTML templates (values are plain text here; Word escapes them as XML).
/// <para>
/// Placeholders: <c>{{ counterparty.name }}</c>, <c>{{ deal.total | money_words }}</c> anywhere in the
/// body, headers, footers, footnotes and tables, also when Word split them across runs (the value
/// takes the formatting of the run where the placeholder begins; the text around keeps its own).
/// A paragraph holding a tag (<c>{% if %}…{% endif %}</c>) is rendered as a whole and its runs are
/// merged into the first one, keeping that run's formatting; a tag cannot span paragraphs.
/// </para>
/// <para>
/// Repeated table rows — the convention: a row whose text begins with <c>{% for item in deal.items %}</c>
/// (in its first cell) and ends with <c>{% endfor %}</c> (in its last cell) is repeated for each element
/// of the collection, with the loop variable in scope: <c>{% for item in deal.items %}{{ item.n }} |
/// {{ item.name }} | {{ item.amount | money }}{% endfor %}</c>. Any variable name and any collection of
/// the model works (<c>{% for c in counterparty.contacts %}</c>). As a shorthand, a row that mentions
/// <c>item.</c> in a placeholder and has no <c>{% for %}</c> is repeated for <c>deal.items</c>.
/// Each copy keeps the row's formatting; an empty collection leaves no row.
/// </para>
/// <para>
/// A file that is not a Word document (another format renamed, a zip of something else, a damaged
/// file, one unpacking to more than <see cref="MaxUnpackedBytes"/>) is <c>template_not_docx</c>.
/// </para>
/// </summary>
public sealed partial class DocxTemplates(LiquidTemplates liquid)
{
    /// <summary>The most a .docx may unpack to (a zip bomb is refused before it is read).</summary>
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;

    /// <summary>The most files a .docx package may hold.</summary>
    public const int MaxEntries = 5_000;

    /// <summary>The most table rows repetition may produce in one document.</summary>
    public const int MaxRows = 50_000;

    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.Singleline)]
    private static partial Regex Output();

    [GeneratedRegex(@"^\s*\{%-?\s*for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+(.+?)\s*-?%\}", RegexOptions.Singleline)]
    private static partial Regex LoopStart();

    [GeneratedRegex(@"\{%-?\s*endfor\s*-?%\}\s*$", RegexOptions.Singleline)]
    private static partial Regex LoopEnd();

    [GeneratedRegex(@"\{\{[^}]*\bitem\.", RegexOptions.Singleline)]
    private static partial Regex MentionsItem();

    /// <summary>Checks that a file is a Word document and that every placeholder in it parses.</summary>
    public Result<DocxCheck> Check(byte[] docx)
    {
        ArgumentNullException.ThrowIfNull(docx);
        var run = new Run(liquid, null);
        var result = Process(docx, run, editable: false);
        return result.IsSuccess ? new DocxCheck(run.Placeholders, run.RepeatedRows) : result.Error!;
    }

    /// <summary>Fills a Word template with the model; the result is a new .docx.</summary>
    public Result<byte[]> Fill(byte[] docx, TemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(docx);
        ArgumentNullException.ThrowIfNull(model);
        return Process(docx, new Run(liquid, model), editable: true);
    }

    private static Result<byte[]> Process(byte[] docx, Run run, bool editable)
    {
        if (Unpacked(docx) is { } refused)
            return refused;
        using var stream = new MemoryStream();
        stream.Write(docx);
        stream.Position = 0;
        try
        {
            using (var document = WordprocessingDocument.Open(stream, editable, new OpenSettings { AutoSave = editable }))
            {
                if (document.DocumentType != WordprocessingDocumentType.Document || document.MainDocumentPart?.Document?.Body is null)
                    return TemplateErrors.NotDocxError("the file holds no Word document body");
                foreach (var root in Roots(document))
                {
                    if (run.Fill(root) is { } error)
                        return error;
                }
            }
            return editable ? stream.ToArray() : Array.Empty<byte>();
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException
            or InvalidOperationException or NotSupportedException)
        {
            return TemplateErrors.NotDocxError(e.Message);
        }
    }

    /// <summary>Refuses what is not a zip, or unpacks too far, before the package is opened.</summary>
    private static Error? Unpacked(byte[] docx)
    {
        if (docx.Length < 4 || docx[0] != (byte)'P' || docx[1] != (byte)'K')
            return TemplateErrors.NotDocxError("the file is not a zip package");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(docx, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
                return TemplateErrors.NotDocxError($"the package holds more than {MaxEntries} files");
            long total = 0;
            foreach (var entry in zip.Entries)
                total += entry.Length;
            if (total > MaxUnpackedBytes)
                return TemplateErrors.NotDocxError($"the package unpacks to more than {MaxUnpackedBytes / 1024 / 1024} MB");
            if (zip.GetEntry("[Content_Types].xml") is null)
                return TemplateErrors.NotDocxError("the zip is not an Office document");
            return null;
        }
        catch (InvalidDataException e)
        {
            return TemplateErrors.NotDocxError(e.Message);
        }
    }

    private static IEnumerable<OpenXmlPartRootElement> Roots(WordprocessingDocument document)
    {
        var main = document.MainDocumentPart!;
        yield return main.Document!;
        foreach (var header in main.HeaderParts)
        {
            if (header.Header is { } h)
                yield return h;
        }
        foreach (var footer in main.FooterParts)
        {
            if (footer.Footer is { } f)
                yield return f;
        }
        if (main.FootnotesPart?.Footnotes is { } footnotes)
            yield return footnotes;
        if (main.EndnotesPart?.Endnotes is { } endnotes)
            yield return endnotes;
    }

    /// <summary>One check or fill: the parsed placeholders are kept, so a repeated row parses once.</summary>
    private sealed class Run(LiquidTemplates liquid, TemplateModel? model)
    {
        private readonly Dictionary<string, Result<ParsedTemplate>> _parsed = new(StringComparer.Ordinal);
        private long _written;
        private int _rows;

        public int Placeholders { get; private set; }

        public int RepeatedRows { get; private set; }

        private bool Checking => model is null;

        public Error? Fill(OpenXmlPartRootElement root)
        {
            var loops = new List<(TableRow Row, string Variable, string Collection)>();
            foreach (var row in root.Descendants<TableRow>().ToList())
            {
                if (row.Ancestors<TableRow>().Any(a => loops.Exists(l => l.Row == a)))
                    continue;
                if (Loop(row) is { } loop)
                    loops.Add((row, loop.Variable, loop.Collection));
            }
            var inLoops = loops.Select(l => l.Row).ToHashSet();
            foreach (var paragraph in root.Descendants<Paragraph>().ToList())
            {
                if (paragraph.Ancestors<TableRow>().Any(inLoops.Contains))
                    continue;
                if (Paragraph(paragraph, null, null) is { } error)
                    return error;
            }
            foreach (var (row, variable, collection) in loops)
            {
                if (Repeat(row, variable, collection) is { } error)
                    return error;
            }
            return null;
        }

        /// <summary>The loop a row declares (its markers are taken out of the text), or the <c>item.</c> shorthand.</summary>
        private static (string Variable, string Collection)? Loop(TableRow row)
        {
            var texts = OwnTexts(row).ToList();
            var full = string.Concat(texts.Select(t => t.Text));
            if (!full.Contains("{{", StringComparison.Ordinal) && !full.Contains("{%", StringComparison.Ordinal))
                return null;
            var start = LoopStart().Match(full);
            var end = LoopEnd().Match(full);
            if (start.Success && end.Success && end.Index >= start.Index + start.Length)
            {
                // The end first, so the start's positions stay valid.
                Splice(texts, end.Index, end.Length, "");
                Splice(texts, start.Index, start.Length, "");
                return (start.Groups[1].Value, start.Groups[2].Value.Trim());
            }
            if (!full.Contains("{%", StringComparison.Ordinal) && MentionsItem().IsMatch(full))
                return ("item", "deal.items");
            return null;
        }

        private Error? Repeat(TableRow row, string variable, string collection)
        {
            RepeatedRows++;
            var parsedCollection = Parse("{{ " + collection + " }}");
            if (!parsedCollection.IsSuccess)
                return parsedCollection.Error;
            if (Checking)
            {
                foreach (var paragraph in row.Descendants<Paragraph>().ToList())
                {
                    if (Paragraph(paragraph, null, null) is { } error)
                        return error;
                }
                return null;
            }
            var items = liquid.EvaluateList(collection, model!);
            if (!items.IsSuccess)
                return items.Error;
            _rows += items.Value.Count;
            if (_rows > MaxRows)
                return TemplateErrors.TooLargeError($"repeated rows exceed {MaxRows:N0}");
            // Copies go in after one another (inserting after a node is cheap in Open XML, before it is not).
            OpenXmlElement last = row;
            foreach (var item in items.Value)
            {
                var copy = (TableRow)row.CloneNode(true);
                foreach (var paragraph in copy.Descendants<Paragraph>().ToList())
                {
                    if (Paragraph(paragraph, variable, item) is { } error)
                        return error;
                }
                last = last.InsertAfterSelf(copy);
            }
            row.Remove();
            return null;
        }

        /// <summary>Renders the placeholders of one paragraph in place.</summary>
        private Error? Paragraph(Paragraph paragraph, string? variable, object? value)
        {
            var texts = OwnTexts(paragraph).ToList();
            if (texts.Count == 0)
                return null;
            var full = string.Concat(texts.Select(t => t.Text));
            if (!full.Contains("{{", StringComparison.Ordinal) && !full.Contains("{%", StringComparison.Ordinal))
                return null;

            if (full.Contains("{%", StringComparison.Ordinal))
            {
                // A tag: the paragraph is one template; its runs merge into the first, keeping its formatting.
                Placeholders++;
                var whole = Render(full, variable, value);
                if (!whole.IsSuccess)
                    return whole.Error;
                if (!Checking)
                {
                    Set(texts[0], whole.Value);
                    foreach (var extra in texts.Skip(1))
                        extra.Remove();
                }
                return null;
            }

            var matches = Output().Matches(full);
            var rest = Output().Replace(full, "");
            if (rest.Contains("{{", StringComparison.Ordinal))
                return TemplateErrors.SyntaxError(null, $"A placeholder is not closed with '}}}}': {Excerpt(full)}");
            for (var i = matches.Count - 1; i >= 0; i--)
            {
                Placeholders++;
                var rendered = Render(matches[i].Value, variable, value);
                if (!rendered.IsSuccess)
                    return rendered.Error;
                if (!Checking)
                    Splice(texts, matches[i].Index, matches[i].Length, rendered.Value);
            }
            return null;
        }

        private Result<string> Render(string source, string? variable, object? value)
        {
            var parsed = Parse(source);
            if (!parsed.IsSuccess)
                return parsed.Error!;
            if (Checking)
                return "";
            var rendered = variable is null
                ? liquid.RenderText(parsed.Value, model!)
                : liquid.RenderText(parsed.Value, model!, variable, value);
            if (!rendered.IsSuccess)
                return rendered.Error!;
            _written += rendered.Value.Length;
            if (_written > LiquidTemplates.MaxOutputChars)
                return TemplateErrors.TooLargeError($"the output exceeds {LiquidTemplates.MaxOutputChars:N0} characters");
            return XmlSafe(rendered.Value);
        }

        private Result<ParsedTemplate> Parse(string source)
        {
            if (_parsed.TryGetValue(source, out var known))
                return known;
            var parsed = liquid.Parse(source);
            if (!parsed.IsSuccess)
            {
                var extensions = new Dictionary<string, object?>(parsed.Error!.Extensions ?? new Dictionary<string, object?>())
                {
                    ["placeholder"] = Excerpt(source),
                };
                parsed = parsed.Error with { Extensions = extensions };
            }
            _parsed[source] = parsed;
            return parsed;
        }

        /// <summary>The texts of an element that belong to it, not to a paragraph nested in it (a text box).</summary>
        private static IEnumerable<Text> OwnTexts(OpenXmlElement element) =>
            element is Paragraph paragraph
                ? paragraph.Descendants<Text>().Where(t => t.Ancestors<Paragraph>().FirstOrDefault() == paragraph)
                : element.Descendants<Text>();

        /// <summary>Replaces characters [start, start + length) of the texts' concatenation with a value, put into the text where they begin.</summary>
        private static void Splice(List<Text> texts, int start, int length, string value)
        {
            var offset = 0;
            var end = start + length;
            var placed = false;
            foreach (var text in texts)
            {
                var current = text.Text;
                var from = offset;
                var to = offset + current.Length;
                offset = to;
                if (to <= start || from >= end)
                    continue;
                var cutFrom = Math.Max(start, from) - from;
                var cutTo = Math.Min(end, to) - from;
                var replaced = current[..cutFrom] + (placed ? "" : value) + current[cutTo..];
                placed = true;
                Set(text, replaced);
            }
        }

        private static void Set(Text text, string value)
        {
            text.Text = value;
            text.Space = SpaceProcessingModeValues.Preserve;
        }

        private static string XmlSafe(string value)
        {
            foreach (var c in value)
            {
                if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
                    return new string(value.Where(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch)).ToArray());
            }
            return value;
        }

        private static string Excerpt(string text) => text.Length <= 120 ? text : text[..120] + "…";
    }
}
