using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ical.Net;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Activities;

/// <summary>
/// Users in different time zones of one company: each reads and enters times, days and «today» on
/// their own clock, while the server's own zone (the fake clock's, UTC) plays no part.
/// </summary>
public sealed class TimeZonesApiTests
{
    /// <summary>18:30 UTC on Friday 27 November: 21:30 in Moscow, already 01:30 on Saturday in Novosibirsk.</summary>
    private static readonly DateTimeOffset Evening = new(2026, 11, 27, 18, 30, 0, TimeSpan.Zero);

    private static async Task<(TestUser User, HttpClient Client)> UserAsync(LetopisHost host, string? timeZone)
    {
        var admin = await host.AdminAsync();
        var login = "tz-" + Guid.NewGuid().ToString("N")[..8];
        var password = "pass-" + Guid.NewGuid().ToString("N")[..10] + "1";
        var response = await admin.PostAsJsonAsync("/api/v1/users",
            new { login, password, fullName = "Часовой Пояс " + login, roles = new[] { "employee" }, timeZone });
        var body = await ActivityScenario.CreatedAsync(response);
        body.GetProperty("timeZone").ValueKind.ShouldBe(timeZone is null ? JsonValueKind.Null : JsonValueKind.String);
        var user = new TestUser(body.GetProperty("id").GetGuid(), login, password);
        return (user, await host.ClientAsync(login, password));
    }

    private static async Task<JsonElement> PlanAsync(HttpClient client, string subject, string plannedAt) =>
        await ActivityScenario.CreatedAsync(await client.PostAsync("/api/v1/activities",
            new StringContent($$"""{"kind":"call","subject":"{{subject}}","plannedAt":"{{plannedAt}}"}""", Encoding.UTF8, "application/json")));

    private static async Task<(JsonElement Agenda, List<string> Subjects)> AgendaAsync(HttpClient client, string query = "")
    {
        var agenda = await client.GetFromJsonAsync<JsonElement>("/api/v1/agenda" + query);
        var subjects = agenda.GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("subject").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToList();
        return (agenda, subjects);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Agenda_AtAnInstantWhenTheirDatesDiffer_ShowsEachUserTheirOwnToday(string provider)
    {
        using var host = new LetopisHost(provider);
        var (novosibirskUser, novosibirsk) = await UserAsync(host, "Asia/Novosibirsk");
        var (moscowUser, moscow) = await UserAsync(host, null);
        (await moscow.PatchAsJsonAsync("/api/v1/me", new { timeZone = "Europe/Moscow" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var client in new[] { novosibirsk, moscow })
        {
            // 15:00 Moscow / 19:00 Novosibirsk on Friday; 22:00 Friday / 02:00 Saturday; 06:00 / 10:00 Saturday.
            await PlanAsync(client, "afternoon", "2026-11-27T12:00:00Z");
            await PlanAsync(client, "evening", "2026-11-27T19:00:00Z");
            await PlanAsync(client, "morning", "2026-11-28T03:00:00Z");
        }
        host.Clock.SetUtcNow(Evening);
        // Tokens issued in the morning have expired by the evening.
        novosibirsk = await host.ClientAsync(novosibirskUser.Login, novosibirskUser.Password);
        moscow = await host.ClientAsync(moscowUser.Login, moscowUser.Password);

        var (moscowToday, moscowSubjects) = await AgendaAsync(moscow);
        moscowToday.GetProperty("date").GetString().ShouldBe("2026-11-27");
        moscowToday.GetProperty("timeZone").GetString().ShouldBe("Europe/Moscow");
        moscowSubjects.ShouldBe(["afternoon", "evening"]);

        var (novosibirskToday, novosibirskSubjects) = await AgendaAsync(novosibirsk);
        novosibirskToday.GetProperty("date").GetString().ShouldBe("2026-11-28");
        novosibirskToday.GetProperty("timeZone").GetString().ShouldBe("Asia/Novosibirsk");
        // Yesterday's missed call stays on top of today's agenda, marked overdue.
        novosibirskSubjects.ShouldBe(["afternoon", "evening", "morning"]);
        var afternoon = novosibirskToday.GetProperty("groups")[0].GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("subject").GetString() == "afternoon");
        afternoon.GetProperty("overdue").GetBoolean().ShouldBeTrue();

        // A given date is a day of the user's own calendar.
        (await AgendaAsync(novosibirsk, "?date=2026-11-27")).Subjects.ShouldBe(["afternoon"]);
        (await AgendaAsync(moscow, "?date=2026-11-28")).Subjects.ShouldBe(["morning"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Plan_WithAnOffset_IsStoredAsThatInstant_AndFallsOnTheUsersOwnDayInTheCalendar(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var (user, novosibirsk) = await UserAsync(host, "Asia/Novosibirsk");

        var planned = await PlanAsync(novosibirsk, "Созвон с прорабом", "2026-12-01T00:30:00+07:00");

        planned.GetProperty("plannedAt").GetString().ShouldBe("2026-11-30T17:30:00Z");
        var id = planned.GetProperty("id").GetGuid();
        var read = await novosibirsk.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}");
        DateTimeOffset.Parse(read.GetProperty("plannedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(7)));

        // Half past midnight on 1 December in Novosibirsk is still 30 November in UTC and in Moscow.
        async Task<List<Guid>> CalendarDayAsync(string day) =>
            (await novosibirsk.GetFromJsonAsync<JsonElement>($"/api/v1/activities?from={day}&to={day}&userId={user.Id}"))
                .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        (await CalendarDayAsync("2026-12-01")).ShouldBe([id]);
        (await CalendarDayAsync("2026-11-30")).ShouldBeEmpty();
        (await AgendaAsync(novosibirsk, "?date=2026-12-01")).Subjects.ShouldBe(["Созвон с прорабом"]);
        (await AgendaAsync(novosibirsk, "?date=2026-11-30")).Subjects.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CalendarFeed_CallAt14MoscowTime_IsAnEventAt11Utc(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var (_, moscow) = await UserAsync(host, "Europe/Moscow");
        var subject = "Звонок в 14:00 " + Guid.NewGuid().ToString("N")[..6];
        await PlanAsync(moscow, subject, "2026-11-30T14:00:00+03:00");

        var feed = await moscow.PostAsync("/api/v1/me/calendar-feed", null);
        var url = (await feed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var text = await host.CreateClient().GetStringAsync(new Uri(url).AbsolutePath);

        var e = Calendar.Load(text)!.Events.Single(x => x.Summary!.Contains(subject, StringComparison.Ordinal));
        e.Start!.AsUtc.ShouldBe(new DateTime(2026, 11, 30, 11, 0, 0, DateTimeKind.Utc));
        text.ShouldContain("DTSTART:20261130T110000Z");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PatchMe_WithAnUnknownZone_Is400NamingTimeZone_AndSavesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var (_, client) = await UserAsync(host, "Asia/Vladivostok");
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/me")
        {
            Content = JsonContent.Create(new { fullName = "Другое Имя", timeZone = "Europe/Moskva" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(["timeZone"]);
        errors.GetProperty("timeZone")[0].GetString().ShouldBe("Unknown time zone");
        var russian = await client.PatchAsJsonAsync("/api/v1/me", new { timeZone = "Moscow Standard Time" });
        russian.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await russian.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("timeZone")[0].GetString()
            .ShouldBe("Неизвестный часовой пояс");

        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        after.GetProperty("fullName").GetString().ShouldBe(before.GetProperty("fullName").GetString());
        after.GetProperty("timeZone").GetString().ShouldBe("Asia/Vladivostok");
        after.GetProperty("version").GetInt32().ShouldBe(before.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TimeZone_SetByTheUserAndByAnAdmin_IsKeptInItsIanaSpelling_AndNullMeansTheCompanys(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var (user, client) = await UserAsync(host, null);
        var admin = await host.AdminAsync();

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("timeZone").ValueKind.ShouldBe(JsonValueKind.Null);
        me.GetProperty("companyTimeZone").GetString().ShouldBe("Europe/Moscow");

        var patched = await client.PatchAsJsonAsync("/api/v1/me", new { timeZone = "asia/novosibirsk" });
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeZone").GetString().ShouldBe("Asia/Novosibirsk");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{user.Id}")).GetProperty("timeZone").GetString().ShouldBe("Asia/Novosibirsk");

        var wrong = await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { timeZone = "Mars/Olympus" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("timeZone", out _).ShouldBeTrue();

        var byAdmin = await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { timeZone = "Asia/Kamchatka" });
        byAdmin.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AgendaAsync(client)).Agenda.GetProperty("timeZone").GetString().ShouldBe("Asia/Kamchatka");
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{user.Id}/history");
        history.GetProperty("items").EnumerateArray().ShouldContain(c =>
            c.GetProperty("field").GetString() == "timeZone" && c.GetProperty("newValue").GetString() == "Asia/Kamchatka");

        (await client.PatchAsJsonAsync("/api/v1/me", new { timeZone = (string?)null })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("timeZone").ValueKind.ShouldBe(JsonValueKind.Null);
        (await AgendaAsync(client)).Agenda.GetProperty("timeZone").GetString().ShouldBe("Europe/Moscow");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Export_DatesAreDaysOfTheExportingUser(string provider)
    {
        using var host = new LetopisHost(provider);
        // 21:30 UTC: half past midnight on Saturday in Moscow, still Friday evening in Kaliningrad.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 21, 30, 0, TimeSpan.Zero));
        var (_, moscow) = await UserAsync(host, "Europe/Moscow");
        var admin = await host.AdminAsync();
        (await admin.PatchAsJsonAsync("/api/v1/me", new { timeZone = "Europe/Kaliningrad" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var name = "Полночь " + Guid.NewGuid().ToString("N")[..6];
        (await moscow.PostAsJsonAsync("/api/v1/counterparties", new { name })).StatusCode.ShouldBe(HttpStatusCode.Created);

        async Task<(string? File, string Created)> ExportAsync(HttpClient client)
        {
            var response = await client.GetAsync($"/api/v1/counterparties/export?format=csv&q={Uri.EscapeDataString(name)}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var lines = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync()).AsSpan(3)).Split("\r\n");
            return (response.Content.Headers.ContentDisposition!.FileNameStar, lines[1].Split(';')[^1]);
        }

        (await ExportAsync(moscow)).ShouldBe(("counterparties-2026-11-28.csv", "28.11.2026"));
        (await ExportAsync(admin)).ShouldBe(("counterparties-2026-11-27.csv", "27.11.2026"));
    }

    [Fact]
    public void Start_WithAnUnknownCompanyZone_FailsNamingTheSetting()
    {
        using var host = new LetopisHost(TestDatabases.Sqlite, settings: new Dictionary<string, string?> { ["Letopis:TimeZone"] = "Europe/Moskva" });

        var error = Should.Throw<InvalidOperationException>(() => _ = host.Server);

        error.Message.ShouldContain("Letopis:TimeZone");
        error.Message.ShouldContain("Europe/Moskva");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CompanyZone_IsTheZoneOfUsersWhoChoseNone(string provider)
    {
        using var host = new LetopisHost(provider, settings: new Dictionary<string, string?> { ["Letopis:TimeZone"] = "Asia/Vladivostok" });
        // 15:00 UTC: already 01:00 on Saturday in Vladivostok.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero));
        var (_, client) = await UserAsync(host, null);

        var (agenda, _) = await AgendaAsync(client);

        agenda.GetProperty("date").GetString().ShouldBe("2026-11-28");
        agenda.GetProperty("timeZone").GetString().ShouldBe("Asia/Vladivostok");
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("companyTimeZone").GetString().ShouldBe("Asia/Vladivostok");
    }
}
