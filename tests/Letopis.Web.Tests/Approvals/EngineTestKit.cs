using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.Core.Approvals;
using Letopis.Core.Documents;
using Letopis.Core.Notifications;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Web.Tests.Approvals;

/// <summary>
/// Arranging approval routes: a document type of the test's own with a scheme published by
/// writing its rows (the schemes editor is not under test here), documents with a file, and the
/// calls a client makes.
/// </summary>
internal static class EngineTestKit
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A document type no other test uses, so its scheme is the test's alone.</summary>
    public static Task<Guid> TypeAsync(LetopisHost host) =>
        host.WithDbAsync(async db =>
        {
            var code = "ap-" + Guid.NewGuid().ToString("N")[..10];
            var type = new DocumentType { Code = code, Name = "Договор " + code[3..], Kind = DocumentKind.Contract, Order = 900 };
            db.DocumentTypes.Add(type);
            await db.SaveChangesAsync();
            return type.Id;
        });

    /// <summary>Publishes a new version of the type's scheme (the first creates the scheme); returns the version number.</summary>
    public static Task<int> PublishAsync(LetopisHost host, Guid typeId, ApprovalDefinition definition) =>
        host.WithDbAsync(async db =>
        {
            var now = host.Clock.GetUtcNow().UtcDateTime;
            var scheme = await db.ApprovalSchemes.SingleOrDefaultAsync(s => s.DocumentTypeId == typeId);
            if (scheme is null)
            {
                scheme = new ApprovalScheme { DocumentTypeId = typeId, Name = "Схема", CreatedAt = now };
                db.ApprovalSchemes.Add(scheme);
            }
            var version = new ApprovalSchemeVersion
            {
                SchemeId = scheme.Id,
                Number = scheme.PublishedVersion + 1,
                Definition = definition.ToJson(),
                PublishedAt = now,
            };
            db.ApprovalSchemeVersions.Add(version);
            scheme.PublishedVersion = version.Number;
            scheme.PublishedVersionId = version.Id;
            await db.SaveChangesAsync();
            return version.Number;
        });

    public static ApprovalStageDefinition Stage(string key, ApprovalMode mode, params Guid[] users) => new()
    {
        Key = key,
        Name = "Этап " + key,
        Approvers = [.. users.Select(u => new ApproverRule(ApproverKind.User, UserId: u))],
        Mode = mode,
        Quorum = mode == ApprovalMode.Quorum ? 2 : null,
        Days = 2,
        RemindDaysBefore = 1,
    };

    /// <summary>A draft document of the type, its responsible the author, with or without a file.</summary>
    public static async Task<Guid> DocumentAsync(LetopisHost host, Guid typeId, Guid authorId, bool withFile = true, Guid? counterpartyId = null, long? amountMinor = null)
    {
        var id = await host.WithDbAsync(async db =>
        {
            var document = new Document
            {
                TypeId = typeId,
                Title = "Договор поставки " + Guid.NewGuid().ToString("N")[..6],
                RegisteredOn = new DateOnly(2026, 11, 27),
                ResponsibleId = authorId,
                CounterpartyId = counterpartyId,
                AmountMinor = amountMinor,
                Status = DocumentStatus.Draft,
                CreatedAt = host.Clock.GetUtcNow().UtcDateTime,
            };
            document.TitleNormalized = document.Title.ToUpperInvariant();
            document.RootId = document.Id;
            db.Documents.Add(document);
            await db.SaveChangesAsync();
            return document.Id;
        });
        if (withFile)
            await UploadAsync(await host.AdminAsync(), id, "договор.txt", "Текст договора " + Guid.NewGuid());
        return id;
    }

    /// <summary>Uploads a file to the document (a new file each time); returns the file's id.</summary>
    public static async Task<Guid> UploadAsync(HttpClient client, Guid documentId, string name, string text)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", name } };
        var response = await client.PostAsync($"/api/v1/documents/{documentId}/files", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Uploads a new version of an existing file.</summary>
    public static async Task UploadVersionAsync(HttpClient client, Guid fileId, string name, string text)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", name } };
        var response = await client.PostAsync($"/api/v1/files/{fileId}/versions", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public static async Task<ApprovalRouteDto> StartAsync(HttpClient client, Guid documentId)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/documents/{documentId}/approval", new { comment = "Прошу согласовать" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ApprovalRouteDto>(Json))!;
    }

    public static async Task<ApprovalRouteDto> RouteAsync(HttpClient client, Guid documentId)
    {
        var response = await client.GetAsync($"/api/v1/documents/{documentId}/approval");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ApprovalRouteDto>(Json))!;
    }

    public static Task<HttpResponseMessage> DecideAsync(HttpClient client, Guid taskId, string decision, string? comment = null, string? delayReason = null) =>
        client.PostAsJsonAsync($"/api/v1/approval-tasks/{taskId}/decision", new { decision, comment, delayReason });

    public static async Task<ApprovalRouteDto> DecidedAsync(HttpClient client, Guid taskId, string decision, string? comment = null, string? delayReason = null)
    {
        var response = await DecideAsync(client, taskId, decision, comment, delayReason);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ApprovalRouteDto>(Json))!;
    }

    /// <summary>The caller's pending task on the document (from their inbox).</summary>
    public static async Task<ApprovalInboxItemDto?> InboxTaskAsync(HttpClient client, Guid documentId)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/approval-tasks?mine=true&pageSize=500");
        return page.GetProperty("items").Deserialize<List<ApprovalInboxItemDto>>(Json)!.SingleOrDefault(i => i.DocumentId == documentId);
    }

    public static async Task<int> RunDispatcherAsync(LetopisHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunOnceAsync(CancellationToken.None);
    }

    public static Task<DocumentStatus> StatusAsync(LetopisHost host, Guid documentId) =>
        host.WithDbAsync(db => db.Documents.Where(d => d.Id == documentId).Select(d => d.Status).SingleAsync());

    public static LetopisHost Started(LetopisHost host)
    {
        _ = host.Server;
        return host;
    }
}
