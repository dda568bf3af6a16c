using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Notifications;
using Letopis.TestKit;
using Letopis.Web.Notifications;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Web.Tests.Notifications;

public class NotificationPushTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Hub_OnNodeB_ReceivesAReminderFiredOnNodeA_ThroughTheRelay(string provider)
    {
        using var nodeA = ReminderDispatchTests.Started(new LetopisHost(provider));
        using var nodeB = ReminderDispatchTests.Started(new LetopisHost(provider, nodeA.ConnectionString));
        var user = await nodeA.CreateUserAsync();
        var bystander = await nodeA.CreateUserAsync();
        var token = await AccessTokenAsync(nodeB, user);

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(nodeB.Server.BaseAddress, NotificationsHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => nodeB.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var received = new TaskCompletionSource<NotificationDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        connection.On<NotificationDto>(NotificationsHub.EventName, n =>
        {
            Interlocked.Increment(ref count);
            received.TrySetResult(n);
        });
        await connection.StartAsync();

        await ReminderDispatchTests.AddReminderAsync(nodeA, bystander.Id, LetopisHost.Start.UtcDateTime.AddMinutes(-1), "Не для него");
        var reminderId = await ReminderDispatchTests.AddReminderAsync(
            nodeA, user.Id, LetopisHost.Start.UtcDateTime.AddMinutes(-1), "Совещание в 10:00", link: "/activities/7");
        (await ReminderDispatchTests.RunDispatcherAsync(nodeA)).ShouldBe(2);
        received.Task.IsCompleted.ShouldBeFalse();

        // Node B learns of it only from the database, on its relay's next poll.
        nodeB.Clock.Advance(nodeB.Services.GetRequiredService<NotificationRelay>().PollInterval);
        var notification = await received.Task.WaitAsync(Patience);

        notification.Title.ShouldBe("Совещание в 10:00");
        notification.Link.ShouldBe("/activities/7");
        notification.IsRead.ShouldBeFalse();
        var stored = await nodeB.WithDbAsync(db => Task.FromResult(db.Notifications.Single(n => n.ReminderId == reminderId)));
        notification.Id.ShouldBe(stored.Id);

        // The overlap window looks at the same row again on later polls; the seen-set keeps it from a second push.
        var relayB = nodeB.Services.GetRequiredService<NotificationRelay>();
        (await relayB.PollOnceAsync(CancellationToken.None)).ShouldBe(0);
        count.ShouldBe(1);
    }

    [Fact]
    public async Task Broadcaster_OnTheFiringNode_HearsAtOnceAndOnlyForItsUser()
    {
        using var host = ReminderDispatchTests.Started(new LetopisHost(TestDatabases.Sqlite));
        var user = await host.CreateUserAsync();
        var other = await host.CreateUserAsync();
        var broadcaster = host.Services.GetRequiredService<NotificationBroadcaster>();
        var heard = new List<NotificationDto>();
        var otherHeard = new List<NotificationDto>();
        using (broadcaster.Subscribe(user.Id, n =>
        {
            lock (heard)
                heard.Add(n);
            return Task.CompletedTask;
        }))
        using (broadcaster.Subscribe(other.Id, n =>
        {
            otherHeard.Add(n);
            return Task.CompletedTask;
        }))
        {
            await ReminderDispatchTests.AddReminderAsync(host, user.Id, LetopisHost.Start.UtcDateTime, "Отчёт");
            (await ReminderDispatchTests.RunDispatcherAsync(host)).ShouldBe(1);

            // The publisher pushed it during the run; a relay poll afterwards must not repeat it.
            await host.Services.GetRequiredService<NotificationRelay>().PollOnceAsync(CancellationToken.None);
        }

        heard.Select(n => n.Title).ShouldBe(["Отчёт"]);
        otherHeard.ShouldBeEmpty();

        await ReminderDispatchTests.AddReminderAsync(host, user.Id, LetopisHost.Start.UtcDateTime, "После отписки");
        (await ReminderDispatchTests.RunDispatcherAsync(host)).ShouldBe(1);
        heard.Count.ShouldBe(1);
    }

    private static async Task<string> AccessTokenAsync(LetopisHost host, TestUser user)
    {
        var response = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { login = user.Login, password = user.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
