using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Approvals;

/// <summary>Arranging approval schemes through the API, as a client would.</summary>
internal static class SchemesData
{
    /// <summary>A fresh document type, so tests on a shared host never meet each other's schemes.</summary>
    public static async Task<(Guid Id, string Code)> DocumentTypeAsync(HttpClient admin, string name = "Договор на согласование")
    {
        var code = "t" + Guid.NewGuid().ToString("N")[..10];
        var response = await admin.PostAsJsonAsync("/api/v1/document-types", new { code, name = $"{name} {code}", kind = "contract" });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), code);
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync("/api/v1/approval-schemes", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>The field codes of a validation problem: field → codes.</summary>
    public static Dictionary<string, string[]> FieldCodes(this JsonElement problem) =>
        problem.GetProperty("fieldCodes").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(c => c.GetString()!).ToArray());

    /// <summary>The rows a refused write must not touch: the type's schemes, their versions, and the scheme's state.</summary>
    public static Task<(int Schemes, int Versions, string? Draft, int Published)> RowsAsync(LetopisHost host, Guid typeId) =>
        host.WithDbAsync(async db =>
        {
            var schemes = await db.ApprovalSchemes.AsNoTracking().Where(s => s.DocumentTypeId == typeId).ToListAsync();
            var ids = schemes.Select(s => s.Id).ToList();
            var versions = await db.ApprovalSchemeVersions.CountAsync(v => ids.Contains(v.SchemeId));
            var scheme = schemes.SingleOrDefault();
            return (schemes.Count, versions, scheme?.Draft, scheme?.PublishedVersion ?? 0);
        });

    public static string[] StageKeys(this JsonElement definition) =>
        definition.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("key").GetString()!).ToArray();
}
