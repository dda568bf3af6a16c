using Bunit;
using Letopis.Core.Notifications;
using Letopis.TestKit;
using Letopis.Web.Auth;
using Letopis.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>The bell against the real handlers and a real (SQLite) database, through <see cref="UiActions"/>.</summary>
public sealed class NotificationBellTests : MudComponentTest
{
    [Fact]
    public async Task Badge_ShowsUnreadCount_AndFollowsReadsOnRefresh()
    {
        var (host, user) = await ArrangeAsync(unread: 3, read: 2);
        var cut = RenderBell(host, user, TimeSpan.FromHours(1));

        cut.WaitForAssertion(() => BadgeText(cut).ShouldBe("3"));
        bell(cut).UnreadCount.ShouldBe(3);

        await host.WithDbAsync(async db => await db.Notifications.Where(n => n.UserId == user.Id && n.ReadAt == null)
            .OrderBy(n => n.CreatedAt).Take(1).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, DateTime.UtcNow)));
        await bell(cut).Refresh();

        cut.WaitForAssertion(() => BadgeText(cut).ShouldBe("2"));
    }

    [Fact]
    public async Task Badge_WithNothingUnread_IsHidden()
    {
        var (host, user) = await ArrangeAsync(unread: 0, read: 1);
        var cut = RenderBell(host, user, TimeSpan.FromHours(1));

        cut.WaitForAssertion(() => bell(cut).UnreadCount.ShouldBe(0));
        cut.FindAll(".mud-badge").Where(b => b.TextContent.Trim().Length > 0 && !b.ClassList.Contains("mud-badge-hidden")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Poll_PicksUpNewNotificationsWithoutRefresh()
    {
        var (host, user) = await ArrangeAsync(unread: 1, read: 0);
        var cut = RenderBell(host, user, TimeSpan.FromMilliseconds(100));
        cut.WaitForAssertion(() => BadgeText(cut).ShouldBe("1"));

        await AddAsync(host, user.Id, "Новое согласование", read: false);

        cut.WaitForAssertion(() => BadgeText(cut).ShouldBe("2"), TimeSpan.FromSeconds(5));
    }

    private static NotificationBell bell(IRenderedComponent<IComponent> cut) => cut.FindComponent<NotificationBell>().Instance;

    private static string BadgeText(IRenderedComponent<IComponent> cut) => cut.Find(".mud-badge").TextContent.Trim();

    private IRenderedComponent<IComponent> RenderBell(LetopisHost host, TestUser user, TimeSpan poll)
    {
        var actor = new CurrentActor(host.Services);
        actor.Set(user.Id, null);
        Ctx.Services.AddSingleton(new UiActions(host.Services.GetRequiredService<IServiceScopeFactory>(), actor));
        return Ctx.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<NotificationBell>(1);
            builder.AddAttribute(2, nameof(NotificationBell.PollInterval), poll);
            builder.CloseComponent();
        });
    }

    private static async Task<(LetopisHost Host, TestUser User)> ArrangeAsync(int unread, int read)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var user = await host.CreateUserAsync();
        for (var i = 0; i < unread; i++)
            await AddAsync(host, user.Id, $"Непрочитанное {i}", read: false);
        for (var i = 0; i < read; i++)
            await AddAsync(host, user.Id, $"Прочитанное {i}", read: true);
        return (host, user);
    }

    private static Task<int> AddAsync(LetopisHost host, Guid userId, string title, bool read) =>
        host.WithDbAsync(db =>
        {
            db.Notifications.Add(new Notification
            {
                UserId = userId,
                Title = title,
                CreatedAt = DateTime.UtcNow,
                ReadAt = read ? DateTime.UtcNow : null,
            });
            return db.SaveChangesAsync();
        });
}
