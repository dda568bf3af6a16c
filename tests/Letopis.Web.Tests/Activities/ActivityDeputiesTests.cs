using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Activities;

public class ActivityDeputiesTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deputy_SeesTheAbsentColleaguesAgendaAsAGroup_AndWhatTheyDoCarriesBothNames(string provider)
    {
        var s = await ActivityScenario.CreateAsync(await LetopisHost.SharedAsync(provider));
        // The deputy works in another department: only the deputyship lets them in.
        var deputy = s.Outsider;
        var deputyClient = s.OutsiderClient;
        var id = (await s.PlanAsync(s.EmployeeClient, s.Call())).GetProperty("id").GetGuid();
        (await deputyClient.GetAsync($"/api/v1/activities/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var today = DateOnly.FromDateTime(s.Now.UtcDateTime);
        (await s.EmployeeClient.PostAsJsonAsync("/api/v1/deputyships", new
        {
            deputyId = deputy.Id,
            startsOn = today.ToString("yyyy-MM-dd"),
            endsOn = today.AddDays(5).ToString("yyyy-MM-dd"),
            reason = "Отпуск",
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var agenda = await deputyClient.GetFromJsonAsync<JsonElement>("/api/v1/agenda");
        agenda.GetProperty("groups").GetArrayLength().ShouldBe(0);
        var actingFor = agenda.GetProperty("actingFor").EnumerateArray().Single();
        actingFor.GetProperty("userId").GetGuid().ShouldBe(s.Employee.Id);
        actingFor.GetProperty("name").GetString().ShouldBe("Кузнецов Павел Андреевич");
        var calls = actingFor.GetProperty("groups").EnumerateArray().Single();
        calls.GetProperty("kind").GetString().ShouldBe("call");
        calls.GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(id);

        // Straight from the group, without switching to the colleague first.
        var completed = await deputyClient.PostAsJsonAsync($"/api/v1/activities/{id}/complete", new { result = "Клиент подтвердил заказ" });
        completed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var done = (await completed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activity");
        done.GetProperty("completedById").GetGuid().ShouldBe(deputy.Id);
        done.GetProperty("completedByName").GetString().ShouldBe("Фомин Олег Игоревич");
        done.GetProperty("completedOnBehalfOfName").GetString().ShouldBe("Кузнецов Павел Андреевич");

        var history = await s.EmployeeClient.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}/history");
        var status = history.GetProperty("items").EnumerateArray().First(i => i.GetProperty("field").GetString() == "status");
        status.GetProperty("userName").GetString().ShouldBe("Фомин Олег Игоревич");
        status.GetProperty("onBehalfOfName").GetString().ShouldBe("Кузнецов Павел Андреевич");
        var timeline = await s.EmployeeClient.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{s.CounterpartyId}/timeline");
        var entry = timeline.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "activity_done");
        entry.GetProperty("userName").GetString().ShouldBe("Фомин Олег Игоревич");
        entry.GetProperty("onBehalfOfName").GetString().ShouldBe("Кузнецов Павел Андреевич");

        // Switched to the colleague (X-On-Behalf-Of), the deputy plans in their name; the record keeps both.
        var plan = new HttpRequestMessage(HttpMethod.Post, "/api/v1/activities")
        {
            Content = JsonContent.Create(new { kind = "call", subject = "Перезвонить после отпуска", plannedAt = s.Now + TimeSpan.FromDays(6), counterpartyId = s.CounterpartyId }),
        };
        plan.Headers.Add("X-On-Behalf-Of", s.Employee.Id.ToString());
        var planned = await ActivityScenario.CreatedAsync(await deputyClient.SendAsync(plan));
        planned.GetProperty("assigneeId").GetGuid().ShouldBe(s.Employee.Id);
        planned.GetProperty("plannedByName").GetString().ShouldBe("Фомин Олег Игоревич");
        planned.GetProperty("plannedOnBehalfOfName").GetString().ShouldBe("Кузнецов Павел Андреевич");
        var note = await ActivityScenario.CreatedAsync(await deputyClient.PostAsJsonAsync(
            $"/api/v1/activities/{planned.GetProperty("id").GetGuid()}/notes", new { text = "Клиент просил не звонить до понедельника" }));
        note.GetProperty("onBehalfOfName").GetString().ShouldBe("Кузнецов Павел Андреевич");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Agenda_OfAnotherUser_IsForTheirHeadNotForAColleagueElsewhere(string provider)
    {
        var s = await ActivityScenario.CreateAsync(await LetopisHost.SharedAsync(provider));
        await s.PlanAsync(s.EmployeeClient, s.Call());

        var byHead = await s.HeadClient.GetFromJsonAsync<JsonElement>($"/api/v1/agenda?userId={s.Employee.Id}");
        byHead.GetProperty("groups")[0].GetProperty("count").GetInt32().ShouldBe(1);
        (await s.OutsiderClient.GetAsync($"/api/v1/agenda?userId={s.Employee.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
