using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class CalendarFeedJourneyTests(LetopisServer server)
{
    [Fact]
    public async Task Employee_CreatesCalendarLinkOnProfile_ItServesTheirCalls_NewLinkAndTurnOffKillTheOldOnes()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = "lebedev", password = LetopisServer.DemoPassword });
        var bearer = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var api = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var subject = "Созвон по смете " + Guid.NewGuid().ToString("N")[..6];
        var planned = await api.PostAsJsonAsync("/api/v1/activities", new { kind = "call", subject, plannedAt = DateTimeOffset.UtcNow.AddDays(1) });
        planned.StatusCode.ShouldBe(HttpStatusCode.Created);

        var page = await server.NewPageAsync();
        await page.SignInAsync("lebedev", LetopisServer.DemoPassword);
        await page.GoAsync("/profile");
        await page.ClickAsync("[data-testid=feed-create]");
        var url = (await page.InnerTextAsync("[data-testid=feed-url]")).Trim();
        url.ShouldStartWith(server.BaseUrl + "/calendar/");
        await page.WaitForSelectorAsync("[data-testid=feed-state]");
        await page.ShotAsync(server, "profile-calendar-feed");

        // A calendar client fetches it with no credentials at all.
        using var calendarClient = new HttpClient();
        var feed = await calendarClient.GetAsync(url);
        feed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var calendar = Ical.Net.Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        calendar.Events.ShouldContain(e => e.Summary != null && e.Summary.Contains(subject));

        await page.ClickAsync("[data-testid=feed-rotate]");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForFunctionAsync("([old]) => { const u = document.querySelector('[data-testid=feed-url]'); return u && u.textContent.trim() !== old; }",
            new object[] { url });
        var rotated = (await page.InnerTextAsync("[data-testid=feed-url]")).Trim();
        (await calendarClient.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await calendarClient.GetAsync(rotated)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await page.ClickAsync("[data-testid=feed-revoke]");
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=feed-create]");
        (await calendarClient.GetAsync(rotated)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
