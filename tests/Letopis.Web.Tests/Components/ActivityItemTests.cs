using Bunit;
using Letopis.Core.Activities;
using Letopis.Web.Components.Pages.Activities;
using Microsoft.AspNetCore.Components;

namespace Letopis.Web.Tests.Components;

/// <summary>An agenda row: what the user reads and taps without opening the activity.</summary>
public sealed class ActivityItemTests : MudComponentTest
{
    private static readonly Guid Employee = Guid.NewGuid();
    private static readonly Guid Head = Guid.NewGuid();

    private static ActivityDto Call(ActivityStatus status = ActivityStatus.Planned, bool overdue = false, Guid? plannedBy = null, string? result = null, string? nextStep = null) => new(
        Guid.NewGuid(), ActivityKind.Call, status, "Согласовать график поставки", "Предложить скидку 3 %",
        new DateTime(2026, 11, 27, 11, 30, 0, DateTimeKind.Utc), null, new DateTime(2026, 11, 27, 11, 30, 0, DateTimeKind.Utc), null,
        Employee, "Иванова Мария Александровна", plannedBy ?? Employee, plannedBy is null ? "Иванова Мария Александровна" : "Петров Сергей Николаевич",
        null, null, Guid.NewGuid(), "ООО «Монолит»", Guid.NewGuid(), "Лазарев Станислав Петрович", "+79175554433", "+7 917 555-44-33",
        15, null, null, null, null, null, result, nextStep, null, null, null, null, null, null, overdue, DateTime.UtcNow, 1);

    private IRenderedComponent<ActivityItem> Render(ActivityDto activity, bool completable = true) =>
        Ctx.Render<ActivityItem>(p =>
        {
            p.Add(c => c.Activity, activity);
            if (completable)
                p.Add(c => c.OnCompleted, EventCallback.Factory.Create<CompletedActivityDto>(this, _ => { }));
        });

    [Fact]
    public void Call_ShowsThePhoneToDialPersonAndClient_InlineWithTheHeadWhoPlannedIt()
    {
        var cut = Render(Call(plannedBy: Head));

        var phone = cut.Find("[data-testid=activity-phone]");
        phone.GetAttribute("href").ShouldBe("tel:+79175554433");
        phone.TextContent.ShouldContain("+7 917 555-44-33");
        cut.Find("[data-testid=activity-contact]").TextContent.ShouldContain("Лазарев Станислав Петрович");
        cut.Find("[data-testid=activity-counterparty]").TextContent.ShouldBe("ООО «Монолит»");
        cut.Find("[data-testid=activity-description]").TextContent.ShouldBe("Предложить скидку 3 %");
        cut.Find("[data-testid=activity-planned-by]").TextContent.ShouldBe("Запланировал(а): Петров С. Н.");
        cut.FindAll("[data-testid=activity-complete]").Count.ShouldBe(1);
    }

    [Fact]
    public void OverdueCall_IsMarkedWithItsDay_AndOwnPlanNamesNoPlanner()
    {
        var cut = Render(Call(overdue: true));

        cut.Find("[data-testid=activity-item]").ClassList.ShouldContain("overdue");
        cut.Find("[data-testid=activity-overdue]").TextContent.ShouldContain("Просрочено");
        cut.Find(".activity-date").TextContent.ShouldBe("27.11.2026");
        cut.FindAll("[data-testid=activity-planned-by]").ShouldBeEmpty();
    }

    [Fact]
    public void DoneCall_ShowsItsResult_AndOffersNoCompletion()
    {
        var cut = Render(Call(ActivityStatus.Done, result: "Договорились о пробной поставке"));

        cut.Find("[data-testid=activity-result]").TextContent.ShouldContain("Договорились о пробной поставке");
        cut.Find("[data-testid=activity-status]").TextContent.ShouldContain("Проведено");
        cut.FindAll("[data-testid=activity-complete]").ShouldBeEmpty();
    }

    [Fact]
    public void DoneCall_ShowsItsNextStep_StruckThroughOnTheAgenda()
    {
        var cut = Render(Call(ActivityStatus.Done, result: "Дозвонились", nextStep: "Выставить счёт до пятницы"));

        cut.Find("[data-testid=activity-next-step]").TextContent.ShouldBe("Следующий шаг: Выставить счёт до пятницы");
        cut.Find("[data-testid=activity-item]").ClassList.ShouldContain("done");
    }
}
