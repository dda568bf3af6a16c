using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Activities;

/// <summary>What an activity gets when the caller leaves the start or the duration out: office hours, not the clock's next tick.</summary>
public class ActivityDefaultsTests
{
    /// <summary>Sunday 29 November 2026, 19:00 in Moscow.</summary>
    private static readonly DateTimeOffset SundayEvening = new(2026, 11, 29, 16, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Plan_WithoutAStartOnASundayEvening_StartsAtNineOnMondayInTheAssigneesZone(string provider)
    {
        using var host = new LetopisHost(provider);
        var moscow = await host.CreateUserAsync();
        var novosibirsk = await host.CreateUserAsync();
        var moscowClient = await host.ClientAsync(moscow.Login, moscow.Password);
        var novosibirskClient = await host.ClientAsync(novosibirsk.Login, novosibirsk.Password);
        (await novosibirskClient.PatchAsJsonAsync("/api/v1/me", new { timeZone = "Asia/Novosibirsk" })).EnsureSuccessStatusCode();
        // Tokens issued on Friday have expired by Sunday: sign in again.
        host.Clock.SetUtcNow(SundayEvening);
        moscowClient = await host.ClientAsync(moscow.Login, moscow.Password);
        novosibirskClient = await host.ClientAsync(novosibirsk.Login, novosibirsk.Password);

        var call = await ActivityScenario.CreatedAsync(await moscowClient.PostAsJsonAsync("/api/v1/activities", new { kind = "call", subject = "Позвонить в ПИК" }));
        var meeting = await ActivityScenario.CreatedAsync(await novosibirskClient.PostAsJsonAsync("/api/v1/activities", new { kind = "meeting", subject = "Планёрка" }));

        // Monday 09:00 in Moscow (UTC+3) and in Novosibirsk (UTC+7).
        Instant(call, "plannedAt").ShouldBe(new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero));
        call.GetProperty("durationMinutes").ValueKind.ShouldBe(JsonValueKind.Null);
        Instant(meeting, "plannedAt").ShouldBe(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        meeting.GetProperty("durationMinutes").GetInt32().ShouldBe(60);
        Instant(meeting, "endsAt").ShouldBe(new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Complete_FollowUpWithoutAStart_IsTheNextWorkingDayAtTheCallsTimeOrTen(string provider)
    {
        using var host = new LetopisHost(provider);
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);
        // Friday 27 November: a call at 14:30 and one at 20:00 in Moscow.
        var afternoon = await ActivityScenario.CreatedAsync(await client.PostAsJsonAsync("/api/v1/activities",
            new { kind = "call", subject = "Согласовать смету", plannedAt = "2026-11-27T14:30:00+03:00" }));
        var evening = await ActivityScenario.CreatedAsync(await client.PostAsJsonAsync("/api/v1/activities",
            new { kind = "call", subject = "Вечерний звонок", plannedAt = "2026-11-27T20:00:00+03:00" }));
        host.Clock.SetUtcNow(SundayEvening);
        client = await host.ClientAsync(user.Login, user.Password);

        var first = await CompleteAsync(client, afternoon, "Перезвонить");
        var second = await CompleteAsync(client, evening, "Не дозвонились");

        Instant(first.GetProperty("followUp"), "plannedAt").ShouldBe(new DateTimeOffset(2026, 11, 30, 14, 30, 0, TimeSpan.FromHours(3)));
        Instant(second.GetProperty("followUp"), "plannedAt").ShouldBe(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(3)));
        first.GetProperty("followUp").GetProperty("subject").GetString().ShouldBe("Согласовать смету");
    }

    private static async Task<JsonElement> CompleteAsync(HttpClient client, JsonElement activity, string result)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/activities/{activity.GetProperty("id").GetGuid()}/complete",
            new { result, followUp = new { kind = "call", subject = activity.GetProperty("subject").GetString() } });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static DateTimeOffset Instant(JsonElement item, string name) => item.GetProperty(name).GetDateTimeOffset();
}
