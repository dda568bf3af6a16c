using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Activities;

/// <summary>A completed contact stays on its day and carries its next step wherever it is shown.</summary>
public class AgendaDoneTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Agenda_AfterACallIsDone_KeepsItOnTheDayWithItsNextStep(string provider)
    {
        var s = await ActivityScenario.CreateAsync(await LetopisHost.SharedAsync(provider));
        var done = await s.PlanAsync(s.EmployeeClient, s.Call(@in: TimeSpan.FromHours(1), subject: "Согласовать спецификацию"));
        await s.PlanAsync(s.EmployeeClient, s.Call(@in: TimeSpan.FromHours(3), subject: "Обсудить скидку"));
        var id = done.GetProperty("id").GetGuid();

        (await s.EmployeeClient.PostAsJsonAsync($"/api/v1/activities/{id}/complete",
            new { result = "Спецификацию согласовали", nextStep = "Выставить счёт до пятницы" })).EnsureSuccessStatusCode();

        var agenda = await s.EmployeeClient.GetFromJsonAsync<JsonElement>("/api/v1/agenda");
        var calls = agenda.GetProperty("groups")[0];
        calls.GetProperty("count").GetInt32().ShouldBe(1);
        var items = calls.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("subject").GetString()).ShouldBe(["Согласовать спецификацию", "Обсудить скидку"]);
        items[0].GetProperty("status").GetString().ShouldBe("done");
        items[0].GetProperty("nextStep").GetString().ShouldBe("Выставить счёт до пятницы");

        var timeline = await s.EmployeeClient.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{s.CounterpartyId}/timeline");
        var entry = timeline.GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == "activity_done" && e.GetProperty("entityId").GetGuid() == id);
        entry.GetProperty("text").GetString()!.ShouldContain("Выставить счёт до пятницы");
    }
}
