using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Activities;

public class CalendarFeedTests
{
    private static async Task<Guid> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static Task<Guid> PlanAsync(HttpClient client, string subject, DateTime plannedAt, object? extra = null) =>
        PostAsync(client, "/api/v1/activities", Merge(new Dictionary<string, object?>
        {
            ["kind"] = "call",
            ["subject"] = subject,
            ["plannedAt"] = plannedAt,
        }, extra));

    private static Dictionary<string, object?> Merge(Dictionary<string, object?> body, object? extra)
    {
        if (extra is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extra).EnumerateObject())
                body[p.Name] = p.Value;
        }
        return body;
    }

    /// <summary>Creates (or rotates) the caller's feed and returns its path, as a calendar client would request it.</summary>
    private static async Task<string> IssueFeedAsync(HttpClient client)
    {
        var response = await client.PostAsync("/api/v1/me/calendar-feed", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var url = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        url.ShouldStartWith("http");
        url.ShouldEndWith(".ics");
        return new Uri(url).AbsolutePath;
    }

    /// <summary>A client with no credentials at all, as Google or Outlook fetch the feed.</summary>
    private static async Task<HttpResponseMessage> FetchAsync(LetopisHost host, string path) => await host.CreateClient().GetAsync(path);

    private static async Task<Calendar> FetchCalendarAsync(LetopisHost host, string path)
    {
        var response = await FetchAsync(host, path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        return Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    private static DateTime At(LetopisHost host, int days, int hour, int minute) =>
        host.Clock.GetUtcNow().UtcDateTime.Date.AddDays(days).AddHours(hour).AddMinutes(minute);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Feed_ParsedWithIcalNet_HoldsThePlannedActivityAtItsTimeWithWhoAndWhere(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var counterparty = await PostAsync(client, "/api/v1/counterparties", new { name = $"ООО «Фасад-{marker}»", inn = TestRequisites.Inn10() });
        var contact = await PostAsync(client, $"/api/v1/counterparties/{counterparty}/contacts",
            new { fullName = "Орлова Марина Сергеевна", phone = "+74951234567" });
        var meetingAt = At(host, 2, 7, 30);
        var meeting = await PlanAsync(client, $"Переговоры {marker}", meetingAt, new
        {
            kind = "meeting",
            durationMinutes = 90,
            place = "ул. Строителей, д. 5",
            counterpartyId = counterparty,
            contactId = contact,
            description = "Обсудить график; КП на рассмотрении",
            remindBeforeMinutes = 30,
        });
        var cancelled = await PlanAsync(client, $"Отменённый {marker}", At(host, 3, 8, 0));
        (await client.PostAsJsonAsync($"/api/v1/activities/{cancelled}/cancel", new { })).IsSuccessStatusCode.ShouldBeTrue();
        await PlanAsync(client, $"Через полгода {marker}", At(host, 200, 8, 0));

        var calendar = await FetchCalendarAsync(host, await IssueFeedAsync(client));

        var e = calendar.Events.ShouldHaveSingleItem();
        e.Uid.ShouldBe($"{meeting}@letopis");
        e.Start!.IsUtc.ShouldBeTrue();
        e.Start.AsUtc.ShouldBe(meetingAt);
        e.End!.AsUtc.ShouldBe(meetingAt.AddMinutes(90));
        var summary = e.Summary.ShouldNotBeNull();
        summary.ShouldContain($"Переговоры {marker}");
        summary.ShouldContain($"Фасад-{marker}");
        e.Location.ShouldBe("ул. Строителей, д. 5");
        e.Status.ShouldBe("CONFIRMED");
        var description = e.Description.ShouldNotBeNull();
        description.ShouldContain("Орлова Марина Сергеевна");
        description.ShouldContain("+7 495 123-45-67");
        description.ShouldContain("Обсудить график; КП на рассмотрении");
        var alarm = e.Alarms.ShouldHaveSingleItem();
        alarm.Trigger!.Duration!.Value.ToTimeSpanUnspecified().ShouldBe(TimeSpan.FromMinutes(-30));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Feed_AfterRevoking_Answers404LikeAnUnknownToken(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);
        await PlanAsync(client, "Позвонить в банк", At(host, 1, 8, 0));
        var path = await IssueFeedAsync(client);
        (await FetchAsync(host, path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me/calendar-feed")).GetProperty("enabled").GetBoolean().ShouldBeTrue();

        (await client.DeleteAsync("/api/v1/me/calendar-feed")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var revoked = await FetchAsync(host, path);
        var unknown = await FetchAsync(host, "/calendar/" + new string('x', 43) + ".ics");
        revoked.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await revoked.Content.ReadAsStringAsync()).ShouldBe(await unknown.Content.ReadAsStringAsync());
        (await revoked.Content.ReadAsStringAsync()).ShouldNotContain("Позвонить");
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me/calendar-feed")).GetProperty("enabled").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Feed_AfterRotating_OldUrlIs404AndTheNewOneWorks(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);
        var id = await PlanAsync(client, "Отправить КП", At(host, 1, 9, 0));
        var old = await IssueFeedAsync(client);

        var rotated = await IssueFeedAsync(client);

        rotated.ShouldNotBe(old);
        (await FetchAsync(host, old)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FetchCalendarAsync(host, rotated)).Events.Select(e => e.Uid).ShouldBe([$"{id}@letopis"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Feed_NeverShowsAnotherUsersActivities(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var department = await host.CreateDepartmentAsync("Продажи");
        var me = await host.CreateUserAsync(departmentId: department);
        var colleague = await host.CreateUserAsync(departmentId: department);
        var myClient = await host.ClientAsync(me.Login, me.Password);
        var colleagueClient = await host.ClientAsync(colleague.Login, colleague.Password);
        var mine = await PlanAsync(myClient, "Мой звонок", At(host, 1, 7, 0));
        var theirs = await PlanAsync(colleagueClient, "Чужой звонок", At(host, 1, 7, 0));
        var colleagueFeed = await IssueFeedAsync(colleagueClient);

        var calendar = await FetchCalendarAsync(host, await IssueFeedAsync(myClient));

        calendar.Events.Select(e => e.Uid).ShouldBe([$"{mine}@letopis"]);
        (await FetchCalendarAsync(host, colleagueFeed)).Events.Select(e => e.Uid).ShouldBe([$"{theirs}@letopis"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Feed_OfADeactivatedUser_Answers404(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);
        await PlanAsync(client, "Встреча с заказчиком", At(host, 1, 10, 0));
        var path = await IssueFeedAsync(client);
        var admin = await host.AdminAsync();

        (await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { isActive = false })).IsSuccessStatusCode.ShouldBeTrue();

        (await FetchAsync(host, path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
