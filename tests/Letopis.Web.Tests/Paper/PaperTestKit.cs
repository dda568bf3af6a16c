using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Notifications;
using Letopis.Core.Paper;
using Letopis.TestKit;
using Letopis.Web.Tests.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Web.Tests.Paper;

/// <summary>Arranging paper copies through the API, as a client would.</summary>
internal static class PaperTestKit
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A storage place under <paramref name="parentId"/>, its name made unique.</summary>
    public static async Task<StoragePlaceDto> PlaceAsync(HttpClient client, string name, Guid? parentId = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/storage-places", new { name = DocumentTestData.Marker(name + " "), parentId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<StoragePlaceDto>(Json))!;
    }

    /// <summary>A contract of a fresh counterparty, responsible <paramref name="responsibleId"/> (the caller when absent).</summary>
    public static async Task<(Guid Document, Guid Counterparty)> ContractAsync(HttpClient client, Guid? responsibleId = null)
    {
        var counterparty = await DocumentTestData.CounterpartyAsync(client);
        var document = await DocumentTestData.RegisterAsync(client, new
        {
            typeCode = "contract",
            title = DocumentTestData.Marker("Договор поставки "),
            counterpartyId = counterparty,
            responsibleId,
        });
        return (document.Id(), counterparty);
    }

    public static async Task<PaperCopyDto> CopyAsync(HttpClient client, Guid documentId, Guid placeId, string kind = "original")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/documents/{documentId}/copies", new { kind, storagePlaceId = placeId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PaperCopyDto>(Json))!;
    }

    public static Task<HttpResponseMessage> HandOutAsync(HttpClient client, Guid copyId, Guid holderId, DateOnly dueBack, string? purpose = null) =>
        client.PostAsJsonAsync($"/api/v1/copies/{copyId}/hand-out", new { holderId, dueBack, purpose });

    public static async Task<PaperCopyDto> HandedOutAsync(HttpClient client, Guid copyId, Guid holderId, DateOnly dueBack, string? purpose = null)
    {
        var response = await HandOutAsync(client, copyId, holderId, dueBack, purpose);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PaperCopyDto>(Json))!;
    }

    public static async Task<PaperCopyDto> OkAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PaperCopyDto>(Json))!;
    }

    public static async Task<DocumentCopiesDto> CopiesOfAsync(HttpClient client, Guid documentId)
    {
        var response = await client.GetAsync($"/api/v1/documents/{documentId}/copies");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DocumentCopiesDto>(Json))!;
    }

    public static async Task<List<PaperCopyDto>> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/copies?pageSize=500&" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return page.GetProperty("items").Deserialize<List<PaperCopyDto>>(Json)!;
    }

    /// <summary>What a bad request could have left behind: the document's copies and movements, the copy's reminders, the document's history lines.</summary>
    public static Task<(int Copies, int Movements, int Reminders, int History, int Version)> RowsAsync(LetopisHost host, Guid documentId, Guid copyId) =>
        host.WithDbAsync(async db => (
            await db.PaperCopies.CountAsync(c => c.DocumentId == documentId),
            await db.PaperMovements.CountAsync(m => m.DocumentId == documentId),
            await db.Reminders.CountAsync(r => r.EntityId == copyId && r.CancelledAt == null),
            await db.ChangeRecords.CountAsync(c => c.EntityKind == "document" && c.EntityId == documentId),
            await db.PaperCopies.Where(c => c.Id == copyId).Select(c => c.Version).SingleAsync()));

    public static async Task<int> RunDispatcherAsync(LetopisHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunOnceAsync(CancellationToken.None);
    }

    public static Task<List<string>> TitlesAsync(LetopisHost host, Guid userId) =>
        host.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Select(n => n.Title).ToListAsync());

    public static Task<Guid> AdminIdAsync(LetopisHost host) =>
        host.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync());

    public static LetopisHost Started(LetopisHost host)
    {
        _ = host.Server;
        return host;
    }
}
