using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Activities;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Deals;
using Letopis.Core.Leads;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Web.Tests.LeadConversion;

/// <summary>
/// Hosts and data for conversion tests. Leads are put straight into the database (their own API is
/// built elsewhere); conversion is then driven through the real HTTP API. Conversion reads the
/// company-wide custom field definitions, so these tests keep to hosts of their own.
/// </summary>
internal static class ConversionArrange
{
    private static readonly Dictionary<string, Task<LetopisHost>> Hosts = [];
    private static readonly Lock HostsLock = new();

    /// <summary>A host per provider and purpose: tests defining custom fields must not disturb the others.</summary>
    public static Task<LetopisHost> HostAsync(string provider, string purpose = "main")
    {
        lock (HostsLock)
        {
            var key = provider + "/" + purpose;
            if (!Hosts.TryGetValue(key, out var host))
            {
                host = Task.Run(() =>
                {
                    var h = new LetopisHost(provider);
                    _ = h.Server;
                    return h;
                });
                Hosts[key] = host;
            }
            return host;
        }
    }

    public static string Phone() => "+7916" + Random.Shared.Next(0, 10_000_000).ToString("D7");

    public static string Email() => $"lead-{Guid.NewGuid():N}"[..20] + "@example.ru";

    public static async Task<Guid> MeAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();

    /// <summary>A lead in the first stage of the lead pipeline, created an hour ago by the host's clock.</summary>
    public static async Task<Lead> LeadAsync(LetopisHost host, Guid responsibleId, Action<Lead>? configure = null)
    {
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
        var stage = await db.PipelineStages.Join(db.Pipelines.Where(p => p.Kind == PipelineKind.Lead), s => s.PipelineId, p => p.Id, (s, p) => s)
            .Where(s => s.Semantic == StageSemantic.Open).OrderBy(s => s.Order).FirstAsync();
        var created = host.Clock.GetUtcNow().UtcDateTime.AddHours(-1);
        var lead = new Lead
        {
            Title = "Заявка с сайта " + Guid.NewGuid().ToString("N")[..6],
            ContactName = "Смирнова Анна Павловна",
            Phone = Phone(),
            Email = Email(),
            CompanyName = "ООО «Вектор-" + Guid.NewGuid().ToString("N")[..5] + "»",
            Inn = TestRequisites.Inn10(),
            ResponsibleId = responsibleId,
            StageId = stage.Id,
            CreatedAt = created,
            StageChangedAt = created,
        };
        configure?.Invoke(lead);
        lead.TitleNormalized = lead.Title.ToUpperInvariant();
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead;
    }

    public static async Task<Guid> SalesPipelineAsync(LetopisHost host) =>
        await host.WithDbAsync(db => db.Pipelines.Where(p => p.Kind == PipelineKind.Deal).OrderBy(p => p.Order).ThenBy(p => p.Id)
            .Select(p => p.Id).FirstAsync());

    public static async Task<Guid> LeadPipelineAsync(LetopisHost host) =>
        await host.WithDbAsync(db => db.Pipelines.Where(p => p.Kind == PipelineKind.Lead).Select(p => p.Id).SingleAsync());

    public static Task<HttpResponseMessage> ConvertAsync(HttpClient client, Guid leadId, object body) =>
        client.PostAsJsonAsync($"/api/v1/leads/{leadId}/convert", body);

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("code").GetString().ShouldBe(code, text);
        return problem;
    }

    public static Guid? IdOrNull(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetGuid() : null;

    /// <summary>How many companies, contacts, deals and custom field definitions exist: a refused conversion changes none.</summary>
    public static Task<(int Companies, int Contacts, int Deals, int Fields)> CountsAsync(LetopisHost host) =>
        host.WithDbAsync(async db => (await db.Counterparties.CountAsync(), await db.ContactPersons.CountAsync(), await db.Deals.CountAsync(),
            await db.CustomFields.CountAsync()));

    public static Task<Lead> ReadLeadAsync(LetopisHost host, Guid id) =>
        host.WithDbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.Id == id));

    public static async Task<Guid> PlannedActivityAsync(LetopisHost host, Guid leadId, Guid assigneeId)
    {
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var activity = new Activity
        {
            Kind = ActivityKind.Call,
            Subject = "Перезвонить по заявке",
            PlannedAt = now.AddDays(1),
            AssigneeId = assigneeId,
            PlannedById = assigneeId,
            LeadId = leadId,
            CreatedAt = now,
        };
        db.Activities.Add(activity);
        db.TimelineEvents.Add(new TimelineEvent
        {
            LeadId = leadId,
            At = now,
            Kind = TimelineKinds.Note,
            Text = "Просили перезвонить после обеда",
            UserId = assigneeId,
        });
        await db.SaveChangesAsync();
        return activity.Id;
    }
}
