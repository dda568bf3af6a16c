using System.Net.Http.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Auth;
using Letopis.Web.Components.Pages.Activities;
using Letopis.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>
/// The agenda board against the real handlers, on a server whose own zone and company zone are both
/// UTC, for a user who chose Moscow: what they read is Moscow time and Moscow's «today».
/// </summary>
public sealed class AgendaTimeZoneTests : MudComponentTest
{
    [Fact]
    public async Task Agenda_ForAMoscowUserOnAUtcServer_ShowsMoscowTimesAndMoscowToday()
    {
        using var host = new LetopisHost(TestDatabases.Sqlite, settings: new Dictionary<string, string?> { ["Letopis:TimeZone"] = "UTC" });
        var user = await host.CreateUserAsync(fullName: "Соколова Ирина Павловна");
        var client = await host.ClientAsync(user.Login, user.Password);
        (await client.PatchAsJsonAsync("/api/v1/me", new { timeZone = "Europe/Moscow" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/activities",
            new { kind = "call", subject = "Согласовать смету", plannedAt = "2026-11-27T11:00:00Z" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/activities",
            new { kind = "call", subject = "Утренняя планёрка", plannedAt = "2026-11-28T06:00:00Z" })).EnsureSuccessStatusCode();

        // 06:00 UTC on Friday is 09:00 in Moscow: the call at 11:00 UTC reads 14:00.
        var friday = await RenderAgendaAsync(host, user);
        friday.WaitForAssertion(() => friday.FindAll("[data-testid=activity-item]").Count.ShouldBe(1));
        friday.Find("[data-testid=agenda-day]").TextContent.ShouldStartWith("Пятница, 27 ноября 2026");
        friday.Find(".activity-time").TextContent.Trim().ShouldBe("14:00");

        // 22:30 UTC on Friday is already 01:30 on Saturday in Moscow: Saturday is today, Friday's call is overdue.
        var late = new DateTimeOffset(2026, 11, 27, 22, 30, 0, TimeSpan.Zero);
        host.Clock.SetUtcNow(late);
        Time.SetUtcNow(late);
        var saturday = Ctx.Render<AgendaBoard>();
        saturday.WaitForAssertion(() => saturday.FindAll("[data-testid=activity-item]").Count.ShouldBe(2));
        saturday.Find("[data-testid=agenda-day]").TextContent.ShouldStartWith("Суббота, 28 ноября 2026");
        saturday.FindAll(".activity-time").Select(t => t.TextContent.Trim()).ShouldBe(["14:00", "09:00"]);
        saturday.Find(".overdue .activity-date").TextContent.ShouldBe("27.11.2026");
    }

    private async Task<IRenderedComponent<AgendaBoard>> RenderAgendaAsync(LetopisHost host, TestUser user)
    {
        var actor = new CurrentActor(host.Services);
        actor.Set(user.Id, null);
        var scopes = host.Services.GetRequiredService<IServiceScopeFactory>();
        Ctx.Services.AddSingleton(new UiActions(scopes, actor));
        // As ActorCircuitHandler does when the circuit learns who is signed in.
        await Ctx.Services.GetRequiredService<ViewerClock>().LoadAsync(scopes, user.Id, CancellationToken.None);
        Ctx.Render<MudPopoverProvider>();
        return Ctx.Render<AgendaBoard>();
    }
}
