using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.Core.Approvals;
using Letopis.Core.Data;
using Letopis.TestKit;
using Letopis.Web.Tests.Documents;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Approvals;

/// <summary>Schemes, documents and routes for the control tests: the schemes written straight to the database, the rest through the API.</summary>
internal static class ControlTestKit
{
    public static ApprovalStageDefinition Stage(string key, string name, params Guid[] users) => new()
    {
        Key = key,
        Name = name,
        Approvers = users.Select(u => new ApproverRule(ApproverKind.User, UserId: u)).ToList(),
        Mode = ApprovalMode.All,
        Days = 2,
        RemindDaysBefore = 0,
    };

    /// <summary>A document type of the test's own with a scheme whose versions are <paramref name="versions"/> (1, 2, …).</summary>
    public static async Task<(string TypeCode, Guid SchemeId)> SchemeAsync(LetopisHost host, params ApprovalDefinition[] versions)
    {
        var admin = await host.AdminAsync();
        var type = await DocumentTestData.OwnTypeAsync(admin, "С-{n}");
        var typeId = type.Id();
        var schemeId = await host.WithDbAsync(async db =>
        {
            var scheme = new ApprovalScheme { DocumentTypeId = typeId, Name = "Согласование " + type.Str("code"), CreatedAt = host.Clock.GetUtcNow().UtcDateTime };
            db.ApprovalSchemes.Add(scheme);
            await db.SaveChangesAsync();
            return scheme.Id;
        });
        foreach (var definition in versions)
            await PublishAsync(host, schemeId, definition);
        return (type.Str("code")!, schemeId);
    }

    /// <summary>Publishes the next version of a scheme, as the schemes editor does.</summary>
    public static Task<int> PublishAsync(LetopisHost host, Guid schemeId, ApprovalDefinition definition) =>
        host.WithDbAsync(async db =>
        {
            var scheme = await db.ApprovalSchemes.SingleAsync(s => s.Id == schemeId);
            var version = new ApprovalSchemeVersion
            {
                SchemeId = schemeId,
                Number = scheme.PublishedVersion + 1,
                Definition = definition.ToJson(),
                PublishedAt = host.Clock.GetUtcNow().UtcDateTime,
            };
            db.ApprovalSchemeVersions.Add(version);
            scheme.PublishedVersion = version.Number;
            scheme.PublishedVersionId = version.Id;
            await db.SaveChangesAsync();
            return version.Number;
        });

    /// <summary>A document of the type with one uploaded file; returns its id and the file's SHA-256.</summary>
    public static async Task<(Guid DocumentId, string Sha256)> DocumentAsync(
        LetopisHost host, HttpClient client, string typeCode, string title, Guid? responsibleId = null, Guid? counterpartyId = null, decimal? amount = null)
    {
        var document = await DocumentTestData.RegisterAsync(client, new { typeCode, title, counterpartyId, amount, responsibleId });
        var upload = await FileTestKit.UploadAsync(client, $"/api/v1/documents/{document.Id()}/files",
            Encoding.UTF8.GetBytes("Текст договора " + Guid.NewGuid()), "Договор.txt");
        upload.StatusCode.ShouldBe(HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var file = await upload.Content.ReadFromJsonAsync<JsonElement>();
        return (document.Id(), file.GetProperty("sha256").GetString()!);
    }

    /// <summary>A user holding the approval right (edit) who reads every document, in a role of their own.</summary>
    public static async Task<TestUser> RightHolderAsync(LetopisHost host, Guid? departmentId = null)
    {
        var roleName = "approval-control-" + Guid.NewGuid().ToString("N")[..6];
        var admin = await host.AdminAsync();
        var role = await admin.PostAsJsonAsync("/api/v1/roles", new { name = roleName });
        role.StatusCode.ShouldBe(HttpStatusCode.Created, await role.Content.ReadAsStringAsync());
        var roleId = (await role.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var grant = await admin.PutAsJsonAsync($"/api/v1/roles/{roleId}/permissions", new[]
        {
            new { entityKind = "approval", action = "edit", scope = "all" },
            new { entityKind = "document", action = "read", scope = "all" },
        });
        grant.StatusCode.ShouldBe(HttpStatusCode.OK, await grant.Content.ReadAsStringAsync());
        return await host.CreateUserAsync(roleName, departmentId);
    }

    /// <summary>A user holding the approval right who sees no documents of others.</summary>
    public static async Task<TestUser> BlindRightHolderAsync(LetopisHost host)
    {
        var roleName = "approval-blind-" + Guid.NewGuid().ToString("N")[..6];
        var admin = await host.AdminAsync();
        var role = await admin.PostAsJsonAsync("/api/v1/roles", new { name = roleName });
        var roleId = (await role.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var grant = await admin.PutAsJsonAsync($"/api/v1/roles/{roleId}/permissions", new[] { new { entityKind = "approval", action = "edit", scope = "all" } });
        grant.StatusCode.ShouldBe(HttpStatusCode.OK, await grant.Content.ReadAsStringAsync());
        return await host.CreateUserAsync(roleName);
    }

    public static async Task<JsonElement> StartAsync(HttpClient client, Guid documentId)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/documents/{documentId}/approval", new { });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> RouteAsync(HttpClient client, Guid documentId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{documentId}/approval");

    /// <summary>The pending task of a user on a route.</summary>
    public static Guid PendingTask(JsonElement route, Guid userId) =>
        Tasks(route).Single(t => t.GetProperty("status").GetString() == "pending"
            && t.GetProperty("assignee").ValueKind == JsonValueKind.Object && t.GetProperty("assignee").GetProperty("id").GetGuid() == userId)
            .GetProperty("id").GetGuid();

    public static IEnumerable<JsonElement> Tasks(JsonElement route) =>
        route.GetProperty("stages").EnumerateArray().SelectMany(s => s.GetProperty("tasks").EnumerateArray());

    public static JsonElement StageNamed(JsonElement route, string name) =>
        route.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    public static async Task<JsonElement> DecideAsync(HttpClient client, Guid taskId, string decision = "approve", string? comment = null, string? delayReason = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/approval-tasks/{taskId}/decision", new { decision, comment, delayReason });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<int> HistoryRowsAsync(LetopisHost host, Guid documentId) =>
        host.WithDbAsync(db => db.ChangeRecords.CountAsync(c => c.EntityKind == "document" && c.EntityId == documentId));

    public static Task<T> DbAsync<T>(LetopisHost host, Func<LetopisDb, Task<T>> work) => host.WithDbAsync(work);
}
