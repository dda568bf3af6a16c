using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Leads;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Leads;

/// <summary>Small steps the lead tests share: create a lead, find the stages, count what was written.</summary>
internal static class LeadApi
{
    public static string Marker(string prefix = "Лид") => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A fresh mobile number in E.164, unlikely to match anything else in a shared database.</summary>
    public static string Phone() => "+79" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/leads", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}");

    /// <summary>The lead stages left to right, from the board.</summary>
    public static async Task<List<(Guid Id, string Name, string Semantic)>> StagesAsync(HttpClient client)
    {
        var board = await client.GetFromJsonAsync<JsonElement>("/api/v1/leads/board?take=1");
        return board.GetProperty("columns").EnumerateArray()
            .Select(c => c.GetProperty("stage"))
            .Select(s => (s.GetProperty("id").GetGuid(), s.GetProperty("name").GetString()!, s.GetProperty("semantic").GetString()!))
            .ToList();
    }

    public static async Task<Guid> ReferenceAsync(HttpClient client, string book, string name)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/reference/{book}", new { name = $"{name} {Guid.NewGuid().ToString("N")[..6]}" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<int> CountAsync(LetopisHost host) => host.WithDbAsync(db => db.Leads.CountAsync());

    public static Task<int> TransitionsAsync(LetopisHost host, Guid leadId) =>
        host.WithDbAsync(db => db.StageTransitions.CountAsync(t => t.EntityId == leadId));

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static string Status(JsonElement lead) => lead.GetProperty("status").GetString()!;

    public static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    public static readonly string Junk = nameof(LeadStatus.Junk).ToLowerInvariant();
}
