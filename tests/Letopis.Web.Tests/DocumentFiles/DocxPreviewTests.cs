using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Letopis.TestKit;
using static Letopis.Web.Tests.DocumentFiles.FileTestKit;

namespace Letopis.Web.Tests.DocumentFiles;

/// <summary>A Word file is previewed as simple, safe HTML, to whoever may see its document; each file shows its upload comment.</summary>
public class DocxPreviewTests
{
    /// <summary>A DOCX with a heading, a bold run, a paragraph that looks like a script, a list item and a table.</summary>
    private static byte[] Docx(string marker)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new Run(new Text($"Договор поставки {marker}"))),
                new Paragraph(new Run(new RunProperties(new Bold()), new Text("Предмет договора"))),
                new Paragraph(new Run(new Text("<script>alert('x')</script> & <b>не жирный</b>"))),
                new Paragraph(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })),
                    new Run(new Text("Первый пункт"))),
                new Table(
                    new TableRow(
                        new TableCell(new Paragraph(new Run(new Text("Наименование")))),
                        new TableCell(new Paragraph(new Run(new Text($"Арматура {marker}")))))),
                new Paragraph(new Run(new Text("Конец")))));
        }
        return stream.ToArray();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Preview_Docx_ShowsItsTextAndTableAsEscapedHtml(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var marker = Marker();
        var file = await CreatedAsync(await UploadAsync(admin, $"/api/v1/documents/{document}/files", Docx(marker), "договор.docx", "Подписанная редакция"));
        var fileId = file.GetProperty("id").GetGuid();

        var response = await admin.GetAsync($"/api/v1/files/{fileId}/preview");
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("sandbox");
        html.ShouldContain($"Договор поставки {marker}");
        html.ShouldContain("<b>Предмет договора</b>");
        html.ShouldContain("<li>Первый пункт</li>");
        html.ShouldContain($"<td><p>Арматура {marker}</p></td>");
        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;не жирный&lt;/b&gt;");

        // The list says the file can be previewed, and carries the upload's comment.
        var files = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document}/files");
        var listed = files.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("id").GetGuid() == fileId);
        listed.GetProperty("previewable").GetBoolean().ShouldBeTrue();
        listed.GetProperty("comment").GetString().ShouldBe("Подписанная редакция");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Preview_DocumentNotVisible_IsNotFound(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var file = await CreatedAsync(await UploadAsync(admin, $"/api/v1/documents/{document}/files", Docx(Marker()), "секрет.docx"));
        var stranger = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Чужой отдел"));
        var client = await host.ClientAsync(stranger.Login, stranger.Password);

        var problem = await ProblemAsync(await client.GetAsync($"/api/v1/files/{file.GetProperty("id").GetGuid()}/preview"), HttpStatusCode.NotFound);
        problem.GetProperty("code").GetString().ShouldBe("not_found");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Preview_PlainText_IsNotPreviewableAsHtml(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        var file = await CreatedAsync(await UploadAsync(admin, $"/api/v1/documents/{document}/files", "просто текст"u8.ToArray(), "заметка.txt"));

        var problem = await ProblemAsync(await admin.GetAsync($"/api/v1/files/{file.GetProperty("id").GetGuid()}/preview"), HttpStatusCode.UnsupportedMediaType);
        problem.GetProperty("code").GetString().ShouldBe("not_previewable");
    }
}
