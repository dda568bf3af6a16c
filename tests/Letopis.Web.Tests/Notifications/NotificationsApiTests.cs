using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Notifications;

public class NotificationsApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task FiredReminders_AreListedCountedAndMarkedRead(string provider)
    {
        using var host = ReminderDispatchTests.Started(new LetopisHost(provider));
        var user = await host.CreateUserAsync();
        var other = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);
        await RemindersApiTests.CreateAsync(client, "Первое", LetopisHost.Start.AddMinutes(-2));
        await RemindersApiTests.CreateAsync(client, "Второе", LetopisHost.Start.AddMinutes(-1));
        await RemindersApiTests.CreateAsync(await host.ClientAsync(other.Login, other.Password), "Чужое", LetopisHost.Start.AddMinutes(-1));
        (await ReminderDispatchTests.RunDispatcherAsync(host)).ShouldBe(3);

        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications?page=1&pageSize=10");
        page.GetProperty("total").GetInt32().ShouldBe(2);
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).Order().ShouldBe(["Второе", "Первое"]);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32().ShouldBe(2);

        var firstId = page.GetProperty("items")[0].GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/v1/notifications/{firstId}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32().ShouldBe(1);
        var unread = await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true");
        unread.GetProperty("total").GetInt32().ShouldBe(1);
        unread.GetProperty("items")[0].GetProperty("id").GetGuid().ShouldNotBe(firstId);

        var all = await client.PostAsync("/api/v1/notifications/read-all", null);
        all.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32().ShouldBe(1);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32().ShouldBe(0);

        var otherClient = await host.ClientAsync(other.Login, other.Password);
        (await otherClient.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MarkRead_AnotherUsersNotification_Is404(string provider)
    {
        using var host = ReminderDispatchTests.Started(new LetopisHost(provider));
        var owner = await host.CreateUserAsync();
        var stranger = await host.CreateUserAsync();
        var ownerClient = await host.ClientAsync(owner.Login, owner.Password);
        await RemindersApiTests.CreateAsync(ownerClient, "Моё", LetopisHost.Start.AddMinutes(-1));
        await ReminderDispatchTests.RunDispatcherAsync(host);
        var id = (await ownerClient.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("items")[0].GetProperty("id").GetGuid();

        var response = await (await host.ClientAsync(stranger.Login, stranger.Password)).PostAsync($"/api/v1/notifications/{id}/read", null);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ownerClient.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task List_WithoutCredentials_Is401Problem()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);

        var response = await host.CreateClient().GetAsync("/api/v1/notifications");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
