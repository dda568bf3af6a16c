using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.TestKit;
using Letopis.Web.Auth;
using Letopis.Web.Components.Pages.Activities;
using Letopis.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>The plan and completion dialogs on a Sunday evening: what they propose before the user types anything.</summary>
public sealed class ActivityDefaultsUiTests : HostedComponentTest
{
    /// <summary>Sunday 29 November 2026, 19:00 in Moscow.</summary>
    private static readonly DateTimeOffset SundayEvening = new(2026, 11, 29, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PlanDialog_OnASundayEvening_ProposesNineOnMonday()
    {
        using var host = new LetopisHost(TestDatabases.Sqlite);
        var user = await host.CreateUserAsync();
        host.Clock.SetUtcNow(SundayEvening);
        Time.SetUtcNow(SundayEvening);
        var client = await host.ClientAsync(user.Login, user.Password);
        SignIn(host, user.Id);
        var cut = RenderPage<MudSpacer>();
        var draft = ActivityDraft.For(Ctx.Services.GetRequiredService<ViewerClock>().Today, Ctx.Services.GetRequiredService<ViewerClock>(), ActivityKind.Meeting);
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await cut.InvokeAsync(async () => dialog = await dialogs.ShowAsync<PlanActivityDialog>("", new DialogParameters<PlanActivityDialog> { { d => d.Draft, draft } }));

        cut.WaitForAssertion(() => cut.Find("[data-testid=plan-date] input, input[data-testid=plan-date]").GetAttribute("value").ShouldBe("30.11.2026"));
        cut.Find("[data-testid=plan-time] input, input[data-testid=plan-time]").GetAttribute("value").ShouldBe("09:00");
        cut.Find("[data-testid=plan-duration] input, input[data-testid=plan-duration]").GetAttribute("value").ShouldBe("60");
        new TypedInput(cut.Find("[data-testid=plan-subject] input, input[data-testid=plan-subject]")).Change("Планёрка в понедельник");
        cut.Find("[data-testid=plan-save]").Click();
        (await dialog!.Result.WaitAsync(TimeSpan.FromSeconds(10)))!.Canceled.ShouldBeFalse();

        var agenda = await client.GetFromJsonAsync<JsonElement>("/api/v1/agenda?date=2026-11-30");
        var planned = agenda.GetProperty("groups")[0].GetProperty("items")[0];
        planned.GetProperty("plannedAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(3)));
        planned.GetProperty("durationMinutes").GetInt32().ShouldBe(60);
    }

    [Fact]
    public async Task CompleteDialog_CallBackPreset_FillsTheResultAndProposesTheNextWorkingDayAtTheCallsTime()
    {
        using var host = new LetopisHost(TestDatabases.Sqlite);
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);
        var created = await client.PostAsJsonAsync("/api/v1/activities",
            new { kind = "call", subject = "Согласовать смету", plannedAt = "2026-11-27T14:30:00+03:00" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        host.Clock.SetUtcNow(SundayEvening);
        Time.SetUtcNow(SundayEvening);
        SignIn(host, user.Id);
        var call = (await Ctx.Services.GetRequiredService<UiActions>()
            .RunAsync<ReadActivity, Result<ActivityDto>>((h, access) => h.HandleAsync(access, id, CancellationToken.None))).Value;
        var cut = RenderPage<MudSpacer>();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await cut.InvokeAsync(async () => dialog = await dialogs.ShowAsync<CompleteActivityDialog>("", new DialogParameters<CompleteActivityDialog> { { d => d.Activity, call } }));

        cut.FindAll("[data-testid^=complete-preset-]").Select(c => c.TextContent.Trim()).ShouldBe(["Дозвонились", "Не дозвонились", "Перезвонить"]);
        cut.Find("[data-testid=complete-preset-call-back]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=follow-up-form]").ShouldNotBeEmpty());
        cut.Find("[data-testid=complete-result] textarea, textarea[data-testid=complete-result]").GetAttribute("value").ShouldBe("Перезвонить");
        cut.Find("[data-testid=followup-date] input, input[data-testid=followup-date]").GetAttribute("value").ShouldBe("30.11.2026");
        cut.Find("[data-testid=followup-time] input, input[data-testid=followup-time]").GetAttribute("value").ShouldBe("14:30");
        cut.Find("[data-testid=complete-save]").Click();
        var done = (await dialog!.Result.WaitAsync(TimeSpan.FromSeconds(10)))!.Data.ShouldBeOfType<CompletedActivityDto>();

        done.Activity.Result.ShouldBe("Перезвонить");
        done.FollowUp!.Kind.ShouldBe(ActivityKind.Call);
        done.FollowUp.PlannedAt.ShouldBe(new DateTime(2026, 11, 30, 11, 30, 0, DateTimeKind.Utc));
    }
}
