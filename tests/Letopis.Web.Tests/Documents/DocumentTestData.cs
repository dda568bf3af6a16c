using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Documents;

/// <summary>Arranging documents through the API, as a client would.</summary>
internal static class DocumentTestData
{
    public static string Marker(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    public static async Task<Guid> CounterpartyAsync(HttpClient client, string? name = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/counterparties", new { name = name ?? Marker("ООО Контрагент "), inn = TestRequisites.Inn10() });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> RegisterAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/documents", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> TypeAsync(HttpClient client, string code)
    {
        var types = await client.GetFromJsonAsync<JsonElement>("/api/v1/document-types");
        return types.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("code").GetString() == code);
    }

    /// <summary>A type of its own with a journal of its own, so that the test owns the counter.</summary>
    public static async Task<JsonElement> OwnTypeAsync(HttpClient client, string pattern, object? extra = null)
    {
        var code = "t-" + Guid.NewGuid().ToString("N")[..10];
        var body = new Dictionary<string, object?> { ["code"] = code, ["name"] = "Тип " + code, ["kind"] = "other", ["numberPattern"] = pattern };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
            body[p.Name] = p.GetValue(extra);
        var response = await client.PostAsJsonAsync("/api/v1/document-types", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();

    public static string? Str(this JsonElement e, string name) => e.GetProperty(name).GetString();

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static string[] FieldCodes(this JsonElement problem, string field) =>
        problem.GetProperty("fieldCodes").TryGetProperty(field, out var codes) ? codes.EnumerateArray().Select(c => c.GetString()!).ToArray() : [];
}
