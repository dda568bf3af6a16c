using Bunit;
using Letopis.Core.Deals;
using Letopis.Web.Components.Pages.Sales;

namespace Letopis.Web.Tests.Components.Sales;

/// <summary>The status bar of a lead or a deal.</summary>
public sealed class StageBarTests : MudComponentTest
{
    private static readonly StageBarItem New = new(Guid.NewGuid(), "Новая", "#2196f3", StageSemantic.Open);
    private static readonly StageBarItem Work = new(Guid.NewGuid(), "В работе", "#ff9800", StageSemantic.Open);
    private static readonly StageBarItem Won = new(Guid.NewGuid(), "Успешно", "#4caf50", StageSemantic.Won);
    private static readonly StageBarItem Lost = new(Guid.NewGuid(), "Провалена", "#f44336", StageSemantic.Lost);
    private static readonly IReadOnlyList<StageBarItem> Stages = [New, Work, Won, Lost];

    [Fact]
    public void CurrentStage_IsHighlighted_PassedOnesColoured_LaterOnesGrey()
    {
        var cut = Ctx.Render<StageBar>(p => p.Add(b => b.Stages, Stages).Add(b => b.CurrentStageId, Work.Id));

        var steps = cut.FindAll("[data-testid^=stage-]").Where(e => e.GetAttribute("data-state") is not null).ToList();
        steps.Select(s => s.TextContent.Trim()).ShouldBe(["Новая", "В работе", "Успешно", "Провалена"]);
        steps.Select(s => s.GetAttribute("data-state")).ShouldBe(["passed", "current", "ahead", "ahead"]);
        steps[1].GetAttribute("aria-current").ShouldBe("step");
        steps[0].GetAttribute("style")!.ShouldContain("#2196f3");
        steps[2].GetAttribute("style").ShouldBeNullOrEmpty();
    }

    [Fact]
    public void LostDeal_DoesNotColourTheWonStageItPassedBy()
    {
        var cut = Ctx.Render<StageBar>(p => p.Add(b => b.Stages, Stages).Add(b => b.CurrentStageId, Lost.Id));

        cut.Find($"[data-testid=stage-{Won.Id}]").GetAttribute("style").ShouldBeNullOrEmpty();
        cut.Find($"[data-testid=stage-{Lost.Id}]").GetAttribute("style")!.ShouldContain("#f44336");
    }

    [Fact]
    public void ClickOnAnotherStage_AsksToMoveThere_TheCurrentOneIsNotClickable()
    {
        var clicked = new List<StageBarItem>();
        var cut = Ctx.Render<StageBar>(p => p.Add(b => b.Stages, Stages).Add(b => b.CurrentStageId, New.Id)
            .Add(b => b.OnStageClick, s => clicked.Add(s)));

        cut.Find($"[data-testid=stage-{Won.Id}]").Click();

        clicked.ShouldBe([Won]);
        cut.Find($"[data-testid=stage-{New.Id}]").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void Disabled_NoStageCanBeClicked()
    {
        var cut = Ctx.Render<StageBar>(p => p.Add(b => b.Stages, Stages).Add(b => b.CurrentStageId, New.Id).Add(b => b.Disabled, true));

        cut.FindAll("button").ShouldAllBe(b => b.HasAttribute("disabled"));
    }
}
