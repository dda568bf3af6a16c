using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Deals;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Deals;

/// <summary>Arranging pipelines and deals through the API, as a client would.</summary>
internal static class DealsApi
{
    public static async Task<JsonElement> PipelineAsync(HttpClient client, params object[] stages)
    {
        var response = await client.PostAsJsonAsync("/api/v1/pipelines", new { name = "Воронка " + Guid.NewGuid().ToString("N")[..6], stages });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();

    public static List<JsonElement> Stages(this JsonElement pipeline) => pipeline.GetProperty("stages").EnumerateArray().ToList();

    public static Guid StageId(this JsonElement pipeline, string semantic, int skip = 0) =>
        pipeline.Stages().Where(s => s.GetProperty("semantic").GetString() == semantic).Skip(skip).First().Id();

    public static async Task<JsonElement> DealAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/deals", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<Guid> LostReasonAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/reference/lost-reasons")).GetProperty("items").EnumerateArray().First().Id();

    public static Task<int> CountAsync(LetopisHost host) => host.WithDbAsync(db => db.Deals.CountAsync());

    public static Task<int> TransitionsAsync(LetopisHost host, Guid dealId) =>
        host.WithDbAsync(db => db.StageTransitions.CountAsync(t => t.EntityKind == Deal.EntityKind && t.EntityId == dealId));

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static List<string> ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
}
