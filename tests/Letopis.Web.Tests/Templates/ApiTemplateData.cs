using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Templates;

/// <summary>Arranging templates through the API, as a client would.</summary>
internal static class ApiTemplateData
{
    public static string Marker(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    public static async Task<JsonElement> CreateHtmlAsync(HttpClient client, string body, string target = "counterparty", object? extra = null)
    {
        var fields = new Dictionary<string, object?> { ["name"] = Marker("Шаблон "), ["target"] = target, ["body"] = body };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
            fields[p.Name] = p.GetValue(extra);
        var response = await client.PostAsJsonAsync("/api/v1/templates", fields);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> UploadDocxAsync(HttpClient client, string path, byte[] bytes, string fileName, IDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (key, value) in fields ?? new Dictionary<string, string>())
            form.Add(new StringContent(value, Encoding.UTF8), key);
        form.Add(new ByteArrayContent(bytes), "file", fileName);
        return client.PostAsync(path, form);
    }

    /// <summary>The templates named <paramref name="name"/>, archived included: counted before and after a refused write (other tests share the host).</summary>
    public static async Task<int> CountAsync(HttpClient admin, string name) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/templates?includeArchived=true")).GetProperty("items").EnumerateArray()
            .Count(t => t.GetProperty("name").GetString() == name);

    /// <summary>A real Word document whose paragraphs are <paramref name="paragraphs"/> (Liquid placeholders allowed).</summary>
    public static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p) { Space = SpaceProcessingModeValues.Preserve })))));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The text of a Word document, paragraph by paragraph (table cells included).</summary>
    public static string DocxText(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var package = WordprocessingDocument.Open(stream, false);
        return string.Join("\n", package.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(text).RootElement;
    }

    public static string Code(this JsonElement problem) => problem.GetProperty("code").GetString()!;

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();

    public static async Task<Guid> CounterpartyAsync(HttpClient client, string name, string inn)
    {
        var response = await client.PostAsJsonAsync("/api/v1/counterparties", new { name, inn });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    public static Task<Guid> CounterpartyAsync(HttpClient client) => CounterpartyAsync(client, Marker("ООО Ромашка "), TestRequisites.Inn10());
}
