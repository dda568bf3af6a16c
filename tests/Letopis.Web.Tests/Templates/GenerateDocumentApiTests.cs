using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Letopis.Core.Templates;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using static Letopis.Web.Tests.Templates.ApiTemplateData;

namespace Letopis.Web.Tests.Templates;

public class GenerateDocumentApiTests
{
    private const string Contract = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><style>body { font-family: serif; }</style></head>
        <body>
        <h1>Договор поставки</h1>
        <p>Покупатель: {{ counterparty.name }}, ИНН {{ counterparty.inn }}.</p>
        <table><tr><th>Товар</th><th>Сумма</th></tr>
        {% for item in deal.items %}<tr><td>{{ item.name }}</td><td>{{ item.amount }}</td></tr>{% endfor %}
        </table>
        <p>Цена договора: {{ deal.total | money_words }}.</p>
        </body></html>
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Render_OneContractTemplate_AsHtmlPdfAndDocx_HoldsTheNameInnAndAmountInWords(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var name = Marker("ООО Гранит ");
        var inn = TestRequisites.Inn10();
        var counterparty = await CounterpartyAsync(admin, name, inn);
        var deal = await DealAsync(admin, counterparty, ("Щебень гранитный", 10, 12_345.67m));
        var template = await CreateHtmlAsync(admin, Contract, "deal", new { fileNamePattern = "Договор {{ counterparty.name }}" });
        var words = RussianMoneyWords.Format(123_456.70m);

        var html = await RenderAsync(admin, template.Id(), new { output = "html", dealId = deal });
        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"Договор {name}.html");
        var page = WebUtility.HtmlDecode(await html.Content.ReadAsStringAsync());
        page.ShouldContain(name);
        page.ShouldContain(inn);
        page.ShouldContain(words);

        var pdf = await RenderAsync(admin, template.Id(), new { output = "pdf", dealId = deal });
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        pdf.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"Договор {name}.pdf");
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = Squeeze(string.Join(" ", document.GetPages().Select(p => p.Text)));
            text.ShouldContain(Squeeze(name));
            text.ShouldContain(inn);
            text.ShouldContain(Squeeze(words));
        }

        var docx = await RenderAsync(admin, template.Id(), new { output = "docx", dealId = deal });
        docx.Content.Headers.ContentType!.MediaType.ShouldBe(ManageTemplates.DocxContentType);
        var body = DocxText(await docx.Content.ReadAsByteArrayAsync());
        body.ShouldContain(name);
        body.ShouldContain(inn);
        body.ShouldContain(words);
        body.ShouldContain("Щебень гранитный");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Render_WithRegister_GivesANumberedDocumentWithTheFileAttachedAndATimelineRow(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var type = await OwnTypeAsync(admin, "ПИС-{n}");
        var counterparty = await CounterpartyAsync(admin);
        var template = await CreateHtmlAsync(admin, "<p>Письмо для {{ counterparty.name }}</p>", "counterparty",
            new { documentTypeId = type, fileNamePattern = "Письмо {{ counterparty.inn }}" });

        var response = await RenderAsync(admin, template.Id(), new { output = "html", counterpartyId = counterparty, register = true });
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var documentId = Guid.Parse(response.Headers.GetValues("X-Document-Id").Single());
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/documents/{documentId}");

        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{documentId}");
        card.GetProperty("number").GetString().ShouldBe("ПИС-1");
        card.GetProperty("typeId").GetGuid().ShouldBe(type);
        card.GetProperty("counterpartyId").GetGuid().ShouldBe(counterparty);
        var files = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{documentId}/files")).GetProperty("items").EnumerateArray().ToList();
        files.Count.ShouldBe(1);
        files[0].GetProperty("name").GetString()!.ShouldEndWith(".html");
        var content = await admin.GetByteArrayAsync($"/api/v1/files/{files[0].Id()}/content");
        content.ShouldBe(bytes);
        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{counterparty}/timeline");
        timeline.GetProperty("items").EnumerateArray().ShouldContain(e => e.GetProperty("kind").GetString() == "document_registered");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Render_WhenTheTemplateFails_RegistersNothingAndTakesNoNumber(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var type = await OwnTypeAsync(admin, "АКТ-{n}");
        var counterparty = await CounterpartyAsync(admin);
        var good = await CreateHtmlAsync(admin, "<p>{{ counterparty.name }}</p>", "counterparty", new { documentTypeId = type });
        var broken = await CreateHtmlAsync(admin, "<p>{{ counterparty.name }}</p>\n<p>{{ counterparty.innn }}</p>", "counterparty", new { documentTypeId = type });
        await RenderAsync(admin, good.Id(), new { output = "html", counterpartyId = counterparty, register = true });
        var (documents, counters) = await StateAsync(host, type);

        var failed = await admin.PostAsJsonAsync($"/api/v1/templates/{broken.Id()}/render", new { output = "html", counterpartyId = counterparty, register = true });
        var problem = await ProblemAsync(failed, HttpStatusCode.UnprocessableEntity);
        problem.Code().ShouldBe("template_unknown_field");
        problem.GetProperty("field").GetString().ShouldBe("counterparty.innn");
        (await StateAsync(host, type)).ShouldBe((documents, counters));

        var next = await RenderAsync(admin, good.Id(), new { output = "html", counterpartyId = counterparty, register = true });
        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{next.Headers.GetValues("X-Document-Id").Single()}");
        card.GetProperty("number").GetString().ShouldBe("АКТ-2");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Render_WhenTheFileCannotBeAttached_LeavesNoDocumentAndNoNumber(string provider)
    {
        // A quota of its own: the file of the generated document does not fit, so the registration rolls back.
        await using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var type = await OwnTypeAsync(admin, "КП-{n}");
        var counterparty = await CounterpartyAsync(admin);
        var template = await CreateHtmlAsync(admin, "<p>Предложение для {{ counterparty.name }}</p>" + new string(' ', 3000), "counterparty", new { documentTypeId = type });
        (await admin.PutAsJsonAsync("/api/v1/admin/quota", new { companyMegabytes = 0 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = await StateAsync(host, type);

        var refused = await admin.PostAsJsonAsync($"/api/v1/templates/{template.Id()}/render", new { output = "html", counterpartyId = counterparty, register = true });

        (await ProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge)).Code().ShouldBe("quota_exceeded");
        (await StateAsync(host, type)).ShouldBe(before);
        (await host.WithDbAsync(db => db.DocumentFileVersions.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Render_RegisterWithoutADocumentType_Is422NamingRegister_AndAHiddenRecordIs404(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var company = await host.CreateDepartmentAsync("Компания");
        var sales = await host.CreateDepartmentAsync("Продажи", company);
        var legal = await host.CreateDepartmentAsync("Юристы", company);
        var managerUser = await host.CreateUserAsync(departmentId: sales);
        var lawyerUser = await host.CreateUserAsync(departmentId: legal);
        var manager = await host.ClientAsync(managerUser.Login, managerUser.Password);
        var lawyer = await host.ClientAsync(lawyerUser.Login, lawyerUser.Password);
        var counterparty = await CounterpartyAsync(manager);
        var template = await CreateHtmlAsync(admin, "<p>{{ counterparty.name }}</p>");

        var unregistrable = await manager.PostAsJsonAsync($"/api/v1/templates/{template.Id()}/render", new { output = "html", counterpartyId = counterparty, register = true });
        var problem = await ProblemAsync(unregistrable, HttpStatusCode.UnprocessableEntity);
        problem.Code().ShouldBe("template_not_registrable");
        problem.GetProperty("errors").TryGetProperty("register", out _).ShouldBeTrue();

        var hidden = await lawyer.PostAsJsonAsync($"/api/v1/templates/{template.Id()}/render", new { output = "html", counterpartyId = counterparty });
        (await ProblemAsync(hidden, HttpStatusCode.NotFound)).Code().ShouldBe("not_found");
        (await manager.PostAsJsonAsync($"/api/v1/templates/{template.Id()}/render", new { output = "html", counterpartyId = counterparty }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> RenderAsync(HttpClient client, Guid templateId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/templates/{templateId}/render", body);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        return response;
    }

    /// <summary>The documents of a type and its journal's counters: what a failed registration must leave as it was.</summary>
    private static Task<(int Documents, long Counters)> StateAsync(LetopisHost host, Guid typeId) => host.WithDbAsync(async db =>
    {
        var journal = await db.DocumentTypes.Where(t => t.Id == typeId).Select(t => t.JournalId).SingleAsync();
        var documents = await db.Documents.CountAsync(d => d.TypeId == typeId);
        var counters = await db.JournalCounters.Where(c => c.JournalId == journal).SumAsync(c => (long?)c.Value) ?? 0;
        return (documents, counters);
    });

    private static async Task<Guid> OwnTypeAsync(HttpClient client, string pattern)
    {
        var code = "t-" + Guid.NewGuid().ToString("N")[..10];
        var response = await client.PostAsJsonAsync("/api/v1/document-types", new { code, name = "Тип " + code, kind = "other", numberPattern = pattern });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    private static async Task<Guid> DealAsync(HttpClient client, Guid companyId, params (string Name, decimal Quantity, decimal Price)[] items)
    {
        var pipeline = await client.PostAsJsonAsync("/api/v1/pipelines", new { name = Marker("Воронка "), stages = new[] { "Переговоры", "Договор" } });
        pipeline.StatusCode.ShouldBe(HttpStatusCode.Created, await pipeline.Content.ReadAsStringAsync());
        var pipelineId = (await pipeline.Content.ReadFromJsonAsync<JsonElement>()).Id();
        var response = await client.PostAsJsonAsync("/api/v1/deals", new
        {
            title = Marker("Поставка "), pipelineId, companyId,
            items = items.Select(i => new { name = i.Name, quantity = i.Quantity, price = i.Price }).ToArray(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    /// <summary>Text without its spacing: a PDF's text layer may break words where the page wrapped them.</summary>
    private static string Squeeze(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
                kept.Append(c);
        }
        return kept.ToString();
    }
}
