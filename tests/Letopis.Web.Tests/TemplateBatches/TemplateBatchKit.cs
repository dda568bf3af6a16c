using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Documents;
using Letopis.Core.Templates;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.TemplateBatches;

/// <summary>Templates, regions of fresh counterparties and batch calls the batch tests share.</summary>
internal static class TemplateBatchKit
{
    /// <summary>A letter naming the counterparty and its ИНН; for a counterparty without an ИНН it writes the name in money words, which fails.</summary>
    public const string LetterBody =
        "<h1>Уважаемые коллеги из {{ counterparty.name }}</h1><p>ИНН {{ counterparty.inn }}</p>"
        + "{% if counterparty.inn == blank %}<p>{{ counterparty.name | money_words }}</p>{% endif %}";

    public static string Marker(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>An HTML letter to counterparties, registered as an outgoing letter.</summary>
    public static Task<Guid> CreateLetterTemplateAsync(LetopisHost host, string body = LetterBody) =>
        host.WithDbAsync(async db =>
        {
            var type = await db.DocumentTypes.SingleAsync(t => t.Code == SeedDocumentTypes.OutgoingLetter);
            var template = new DocumentTemplate
            {
                Name = Marker("Письмо клиентам "),
                Format = TemplateFormat.Html,
                Target = TemplateTarget.Counterparty,
                Body = body,
                DocumentTypeId = type.Id,
                FileNamePattern = "Письмо {{ counterparty.name }}",
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            db.DocumentTemplates.Add(template);
            await db.SaveChangesAsync();
            return template.Id;
        });

    public static async Task<Guid> CreateRegionAsync(HttpClient admin)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/reference/regions", new { name = Marker("Регион ") });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> CreateCounterpartyAsync(HttpClient client, Guid regionId, string name, bool withInn = true, Guid? responsibleId = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/counterparties",
            new { name, inn = withInn ? TestRequisites.Inn10() : null, regionId, responsibleId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<HttpResponseMessage> StartAsync(HttpClient client, Guid templateId, Guid regionId, string output = "html", bool register = true) =>
        await client.PostAsJsonAsync("/api/v1/template-batches", new { templateId, output, register, filter = new { regionId = new[] { regionId.ToString() } } });

    public static async Task<JsonElement> StartedAsync(HttpClient client, Guid templateId, Guid regionId, string output = "html", bool register = true)
    {
        var response = await StartAsync(client, templateId, regionId, output, register);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits for the background runner to finish the batch (it is woken when the batch starts).</summary>
    public static async Task<JsonElement> FinishedAsync(HttpClient client, Guid batchId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var batch = await client.GetFromJsonAsync<JsonElement>($"/api/v1/template-batches/{batchId}");
            var status = batch.GetProperty("status").GetString();
            if (status is "completed" or "cancelled")
                return batch;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The batch is still {status}: {batch}");
            await Task.Delay(200);
        }
    }

    public static async Task<List<JsonElement>> ItemsAsync(HttpClient client, Guid batchId, string? status = null) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/template-batches/{batchId}/items?pageSize=500{(status is null ? "" : "&status=" + status)}"))
            .GetProperty("items").EnumerateArray().ToList();

    /// <summary>The documents registered for a counterparty (as the admin sees them).</summary>
    public static async Task<List<JsonElement>> DocumentsOfAsync(HttpClient admin, Guid counterpartyId) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents?counterpartyId={counterpartyId}"))
            .GetProperty("items").EnumerateArray().ToList();

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();
}
