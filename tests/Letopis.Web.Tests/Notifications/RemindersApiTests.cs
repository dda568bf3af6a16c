using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Notifications;

public class RemindersApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_ThenList_ShowsThePendingReminder(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);

        var response = await client.PostAsJsonAsync("/api/v1/reminders", new
        {
            dueAt = "2026-12-01T10:00:00+03:00",
            title = "Позвонить Петрову",
            body = "Про доп. соглашение № 2",
            link = "/counterparties/42",
            sendEmail = true,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/reminders/{id}");
        created.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));
        created.GetProperty("sendEmail").GetBoolean().ShouldBeTrue();

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders?page=1");
        list.GetProperty("total").GetInt32().ShouldBe(1);
        var item = list.GetProperty("items")[0];
        item.GetProperty("id").GetGuid().ShouldBe(id);
        item.GetProperty("title").GetString().ShouldBe("Позвонить Петрову");
        item.GetProperty("link").GetString().ShouldBe("/counterparties/42");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithoutTitleAndDueAt_Is400NamingBothFields(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();

        var response = await client.PostAsJsonAsync("/api/v1/reminders", new { body = "без заголовка" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("title", out _).ShouldBeTrue();
        errors.TryGetProperty("dueAt", out _).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithTooLongTitleOrForeignLink_Is400(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();

        var response = await client.PostAsJsonAsync("/api/v1/reminders", new
        {
            dueAt = "2026-12-01T10:00:00+03:00",
            title = new string('я', 301),
            link = "https://evil.example/login",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("fieldCodes").GetProperty("title")[0].GetString().ShouldBe("too_long");
        body.GetProperty("fieldCodes").GetProperty("link")[0].GetString().ShouldBe("invalid");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancel_OwnReminder_RemovesItFromTheList(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);
        var id = await CreateAsync(client, "Отменить меня");

        (await client.DeleteAsync($"/api/v1/reminders/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders");
        list.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancel_AnotherUsersReminder_Is404AndLeavesItPending(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var owner = await host.CreateUserAsync();
        var stranger = await host.CreateUserAsync();
        var ownerClient = await host.ClientAsync(owner.Login, owner.Password);
        var id = await CreateAsync(ownerClient, "Чужое напоминание");

        var response = await (await host.ClientAsync(stranger.Login, stranger.Password)).DeleteAsync($"/api/v1/reminders/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("not_found");
        (await ownerClient.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Cancel_AfterItFired_Is409()
    {
        using var host = ReminderDispatchTests.Started(new LetopisHost(TestDatabases.Sqlite));
        var client = await host.AdminAsync();
        var id = await CreateAsync(client, "Уже сработало", LetopisHost.Start.AddMinutes(-1));
        (await ReminderDispatchTests.RunDispatcherAsync(host)).ShouldBe(1);

        var response = await client.DeleteAsync($"/api/v1/reminders/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("reminder_already_fired");
    }

    [Fact]
    public async Task Cancel_BeforeItIsDue_KeepsItFromFiring()
    {
        using var host = ReminderDispatchTests.Started(new LetopisHost(TestDatabases.Sqlite));
        var client = await host.AdminAsync();
        var id = await CreateAsync(client, "Не нужно", LetopisHost.Start.AddHours(1));
        (await client.DeleteAsync($"/api/v1/reminders/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        host.Clock.Advance(TimeSpan.FromHours(2));

        (await ReminderDispatchTests.RunDispatcherAsync(host)).ShouldBe(0);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    internal static async Task<Guid> CreateAsync(HttpClient client, string title, DateTimeOffset? dueAt = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/reminders", new { dueAt = dueAt ?? LetopisHost.Start.AddDays(3), title });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
