using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Leads.LeadApi;

namespace Letopis.Web.Tests.Leads;

/// <summary>Calls and meetings planned on a lead: on its card, its timeline and the agenda.</summary>
public class LeadActivitiesApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Plan_OnALead_ShowsOnItsCardTimelineAndAgenda(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var manager = await host.CreateUserAsync();
        var client = await host.ClientAsync(manager.Login, manager.Password);
        var title = Marker("Перезвонить ");
        var lead = await CreateAsync(client, new { title, phone = Phone() });
        var id = Id(lead);
        var at = host.Clock.GetUtcNow() + TimeSpan.FromHours(3);

        var planned = await client.PostAsJsonAsync("/api/v1/activities", new { kind = "call", subject = "Уточнить объём", plannedAt = at, leadId = id });
        planned.StatusCode.ShouldBe(HttpStatusCode.Created);
        var activity = await planned.Content.ReadFromJsonAsync<JsonElement>();
        activity.GetProperty("leadId").GetGuid().ShouldBe(id);
        activity.GetProperty("leadTitle").GetString().ShouldBe(title);

        var onCard = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/activities");
        onCard.GetProperty("items").EnumerateArray().Select(Id).ShouldBe([Id(activity)]);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/activities?leadId={id}")).GetProperty("total").GetInt32().ShouldBe(1);
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/timeline");
        timeline.GetProperty("items")[0].GetProperty("kind").GetString().ShouldBe("activity_planned");
        timeline.GetProperty("items")[0].GetProperty("entityId").GetGuid().ShouldBe(Id(activity));
        var day = at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var agenda = await client.GetFromJsonAsync<JsonElement>($"/api/v1/agenda?date={day}");
        agenda.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("items").EnumerateArray())
            .Any(i => Id(i) == Id(activity) && i.GetProperty("leadId").GetGuid() == id).ShouldBeTrue();

        // Junk leaves the planned call where it is.
        (await client.PostAsJsonAsync($"/api/v1/leads/{id}/junk", new { reason = "Передумал" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{Id(activity)}");
        after.GetProperty("status").GetString().ShouldBe("planned");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Plan_OnAHiddenOrMissingLead_NamesLeadIdAndPlansNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var sales = await host.CreateDepartmentAsync("Продажи");
        var legal = await host.CreateDepartmentAsync("Юристы");
        var manager = await host.CreateUserAsync(departmentId: sales);
        var lawyer = await host.CreateUserAsync(departmentId: legal);
        var managerClient = await host.ClientAsync(manager.Login, manager.Password);
        var lead = await CreateAsync(managerClient, new { title = Marker() });
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var before = await host.WithDbAsync(db => db.Activities.CountAsync());
        var at = host.Clock.GetUtcNow() + TimeSpan.FromHours(3);

        foreach (var (client, leadId) in new[] { (lawyerClient, Id(lead)), (managerClient, Guid.NewGuid()) })
        {
            var response = await client.PostAsJsonAsync("/api/v1/activities", new { kind = "call", subject = "Звонок", plannedAt = at, leadId });
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await ProblemAsync(response)).GetProperty("fieldCodes").GetProperty("leadId")[0].GetString().ShouldBe("not_found");
        }
        var noDeal = await managerClient.PostAsJsonAsync("/api/v1/activities", new { kind = "call", subject = "Звонок", plannedAt = at, dealId = Guid.NewGuid() });
        noDeal.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(noDeal)).GetProperty("fieldCodes").GetProperty("dealId")[0].GetString().ShouldBe("not_found");
        (await lawyerClient.GetAsync($"/api/v1/leads/{Id(lead)}/activities")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await host.WithDbAsync(db => db.Activities.CountAsync())).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Update_MovesAnActivityOntoALead(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var lead = await CreateAsync(client, new { title = Marker() });
        var at = host.Clock.GetUtcNow() + TimeSpan.FromHours(5);
        var activity = await (await client.PostAsJsonAsync("/api/v1/activities", new { kind = "meeting", subject = "Встреча", plannedAt = at }))
            .Content.ReadFromJsonAsync<JsonElement>();

        var patched = await client.PatchAsJsonAsync($"/api/v1/activities/{Id(activity)}", new { leadId = Id(lead) });

        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadId").GetGuid().ShouldBe(Id(lead));
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{Id(lead)}/activities")).GetProperty("total").GetInt32().ShouldBe(1);
    }
}
