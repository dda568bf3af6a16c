using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Letopis.Core.Templates;
using Bold = DocumentFormat.OpenXml.Wordprocessing.Bold;
using Run = DocumentFormat.OpenXml.Wordprocessing.Run;
using RunProperties = DocumentFormat.OpenXml.Wordprocessing.RunProperties;
using Text = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Letopis.Core.Tests.Templates;

public class DocxTemplatesTests
{
    private static readonly DocxTemplates Docx = new(new LiquidTemplates());

    /// <summary>A paragraph of runs, each run's text as Word might have split it; runs starting with '*' are bold.</summary>
    internal static Paragraph P(params string[] runs) =>
        new(runs.Select(r => r.StartsWith('*')
            ? new Run(new RunProperties(new Bold()), new Text(r[1..]) { Space = SpaceProcessingModeValues.Preserve })
            : new Run(new Text(r) { Space = SpaceProcessingModeValues.Preserve })));

    internal static TableRow Row(params Paragraph[] cells) => new(cells.Select(c => new TableCell(c)));

    /// <summary>A contract-like .docx: split placeholders, a repeated row, a header and a footer.</summary>
    internal static byte[] Build(Action<Body> body, string header = "{{ ourCompany.name }}", string footer = "{{ today | date }}")
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body());
            body(main.Document.Body!);
            var headerPart = main.AddNewPart<HeaderPart>();
            headerPart.Header = new Header(P(header));
            var footerPart = main.AddNewPart<FooterPart>();
            footerPart.Footer = new Footer(P(footer));
            main.Document.Body!.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(headerPart) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footerPart) }));
        }
        return stream.ToArray();
    }

    private static byte[] Contract() => Build(body =>
    {
        body.Append(P("Договор с ", "*{{ counter", "party.na", "me }}", ", ИНН {{ counterparty.inn }}."));
        body.Append(new Table(
            Row(P("№"), P("Наименование"), P("Сумма")),
            Row(P("{% for item in deal.items %}", "{{ item.n }}"), P("{{ item.", "name }}"), P("{{ item.amount | money }}", "{% endfor %}")),
            Row(P("Итого"), P(""), P("{{ deal.total | money }}"))));
        body.Append(P("Сумма прописью: {{ deal.total | money_words }}"));
        body.Append(P("{% if deal %}Есть сделка{% endif %}", " ", "{{ deal.title }}"));
    });

    private static (string Body, List<List<string>> Rows, string Header, string Footer, WordprocessingDocument Doc) Read(byte[] docx)
    {
        var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = doc.MainDocumentPart!;
        var rows = main.Document!.Body!.Descendants<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        var body = string.Join("\n", main.Document.Body.Elements<Paragraph>().Select(p => p.InnerText));
        return (body, rows, main.HeaderParts.Single().Header!.InnerText, main.FooterParts.Single().Footer!.InnerText, doc);
    }

    [Fact]
    public void Fill_SplitPlaceholdersAndRepeatedRow_Filled()
    {
        var model = TemplateSamples.Model(items: 3);
        var result = Docx.Fill(Contract(), model);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        var (body, rows, header, footer, doc) = Read(result.Value);
        using (doc)
        {
            body.ShouldContain("Договор с ООО «Ромашка», ИНН 7701234567.");
            body.ShouldContain("Сумма прописью: четыре тысячи пятьсот рублей 00 копеек");
            body.ShouldContain("Есть сделка Поставка бумаги");
            header.ShouldBe("ООО «Летопись»");
            footer.ShouldBe("28.11.2026");
            rows.Count.ShouldBe(5);
            rows[0].ShouldBe(["№", "Наименование", "Сумма"]);
            rows[1].ShouldBe(["1", "Товар 1", "1\u00A0500,00\u00A0₽"]);
            rows[3].ShouldBe(["3", "Товар 3", "1\u00A0500,00\u00A0₽"]);
            rows[4][2].ShouldBe("4\u00A0500,00\u00A0₽");
            // The value takes the formatting of the run where its placeholder began.
            var valueRun = doc.MainDocumentPart!.Document!.Body!.Descendants<Run>().First(r => r.InnerText.Contains("Ромашка"));
            valueRun.RunProperties?.Bold.ShouldNotBeNull();
            valueRun.InnerText.ShouldBe("ООО «Ромашка»");
        }
    }

    [Fact]
    public void Fill_ItemShorthandRow_RepeatedForDealItems()
    {
        var docx = Build(body => body.Append(new Table(Row(P("{{ item.n }}"), P("{{ item.name }}"), P("{{ item.quantity | quantity }} {{ item.unit }}")))));
        var result = Docx.Fill(docx, TemplateSamples.Model(items: 2));

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        var (_, rows, _, _, doc) = Read(result.Value);
        doc.Dispose();
        rows.ShouldBe([["1", "Товар 1", "1,5 шт"], ["2", "Товар 2", "1,5 шт"]]);
    }

    [Fact]
    public void Fill_EmptyCollection_LeavesNoRow()
    {
        var model = TemplateSamples.Model(items: 0);
        var (_, rows, _, _, doc) = Read(Docx.Fill(Contract(), model).Value);
        doc.Dispose();
        rows.Count.ShouldBe(2);
    }

    [Fact]
    public void Fill_MarkupInValue_StaysText()
    {
        var model = TemplateSamples.Model("<w:t>Взлом</w:t> & {{ user.email }}");
        var (body, _, _, _, doc) = Read(Docx.Fill(Contract(), model).Value);
        doc.Dispose();
        body.ShouldContain("Договор с <w:t>Взлом</w:t> & {{ user.email }}, ИНН");
    }

    [Fact]
    public void Fill_TenThousandItems_Filled()
    {
        var result = Docx.Fill(Contract(), TemplateSamples.Model(items: 10_000));
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        var (_, rows, _, _, doc) = Read(result.Value);
        doc.Dispose();
        rows.Count.ShouldBe(10_002);
        rows[10_000][1].ShouldBe("Товар 10000");
    }

    [Fact]
    public void Fill_UnknownField_NamesIt()
    {
        var docx = Build(body => body.Append(P("ИНН: {{ counterparty.", "innn }}")));
        var result = Docx.Fill(docx, TemplateSamples.Model());
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(TemplateErrors.UnknownField);
        result.Error.Extensions!["field"].ShouldBe("counterparty.innn");
    }

    [Fact]
    public void Check_GoodTemplate_CountsPlaceholdersAndRows()
    {
        var result = Docx.Check(Contract());
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.RepeatedRows.ShouldBe(1);
        result.Value.Placeholders.ShouldBe(10);
    }

    [Theory]
    [InlineData("{{ counterparty.name ")]
    [InlineData("{{ counterparty.name | no_such_filter }}")]
    [InlineData("{% if deal %}без конца")]
    public void Check_BrokenPlaceholder_SyntaxError(string text)
    {
        var result = Docx.Check(Build(body => body.Append(P("Текст"), P(text))));
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(TemplateErrors.Syntax);
        result.Error.Extensions!["cause"].ShouldBeOfType<string>().ShouldNotBeEmpty();
    }

    [Fact]
    public void Check_RenamedTextFile_NotDocx()
    {
        var result = Docx.Check("Это не документ Word, а текст."u8.ToArray());
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(TemplateErrors.NotDocx);
        Docx.Fill("PK but not really"u8.ToArray(), TemplateSamples.Model()).Error!.Code.ShouldBe(TemplateErrors.NotDocx);
    }

    [Fact]
    public void Check_ZipOfOtherFiles_NotDocx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("hello");
        }
        Docx.Check(stream.ToArray()).Error!.Code.ShouldBe(TemplateErrors.NotDocx);
    }

    [Fact]
    public void Check_ExcelWorkbook_NotDocx()
    {
        using var stream = new MemoryStream();
        using (var workbook = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var part = workbook.AddWorkbookPart();
            part.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook(new DocumentFormat.OpenXml.Spreadsheet.Sheets());
        }
        var result = Docx.Check(stream.ToArray());
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(TemplateErrors.NotDocx);
    }
}
