using Bunit;
using Letopis.Web.Components.Pages.Sales;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Letopis.Web.Tests.Components.Sales;

/// <summary>The board of stages: what a manager sees in the columns and what happens to a dragged card.</summary>
public sealed class KanbanBoardTests : MudComponentTest
{
    private static readonly Guid New = Guid.NewGuid(), Offer = Guid.NewGuid(), Won = Guid.NewGuid();
    private static readonly Guid First = Guid.NewGuid(), Second = Guid.NewGuid();

    private readonly List<KanbanMove> _moves = [];

    private static IReadOnlyList<KanbanColumn> Columns() =>
    [
        new(New, "Новая", "#2196f3", 3, 123456789),
        new(Offer, "Предложение", "#ff9800", 0, 0),
        new(Won, "Успешно", "#4caf50", 1, 100),
    ];

    private static IReadOnlyList<KanbanCard> Cards() =>
    [
        new(First, New, "Поставка бетона", "/deals/1", ["ООО «СтройГрад»"], 100000),
        new(Second, New, "Монтаж", "/deals/2", [], 23456789),
    ];

    private IRenderedComponent<IComponent> Render(Func<KanbanMove, KanbanMoveResult> answer, Func<Guid, Task>? more = null) =>
        Ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudSnackbarProvider>(6);
            b.CloseComponent();
            b.OpenComponent<KanbanBoard>(1);
            b.AddAttribute(2, nameof(KanbanBoard.Columns), Columns());
            b.AddAttribute(3, nameof(KanbanBoard.Cards), Cards());
            b.AddAttribute(4, nameof(KanbanBoard.OnMoved), (Func<KanbanMove, Task<KanbanMoveResult>>)(m =>
            {
                _moves.Add(m);
                return Task.FromResult(answer(m));
            }));
            if (more is not null)
                b.AddAttribute(5, nameof(KanbanBoard.OnLoadMore), more);
            b.CloseComponent();
        });

    private static string Column(Guid stage) => $"[data-testid=kanban-column-{stage}]";

    [Fact]
    public void Columns_ShowCountAndSumInRussianCulture_AndTheirCards()
    {
        var cut = Render(_ => KanbanBoardResultOk());

        var header = cut.Find(Column(New));
        header.QuerySelector("[data-testid=kanban-count]")!.TextContent.ShouldBe("3");
        header.QuerySelector("[data-testid=kanban-sum]")!.TextContent.ShouldBe("1\u00a0234\u00a0567,89 ₽");
        header.QuerySelectorAll("[data-testid^=kanban-card-title]").Select(t => t.TextContent).ShouldBe(["Поставка бетона", "Монтаж"]);
        cut.Find(Column(Offer)).QuerySelectorAll("[data-testid=kanban-card-title]").ShouldBeEmpty();
        cut.Find($"[data-testid=kanban-card-{First}] [data-testid=kanban-card-amount]").TextContent.ShouldBe("1\u00a0000,00 ₽");
    }

    private static KanbanMoveResult KanbanBoardResultOk() => KanbanMoveResult.Ok;

    [Fact]
    public void DroppedOnAnotherColumn_ReportsTheMove_AndMovesCountAndSum()
    {
        var cut = Render(_ => KanbanMoveResult.Ok);

        cut.Find($"[data-testid=kanban-card-{First}]").Closest(".mud-drop-item")!.DragStart();
        cut.Find($"{Column(Offer)} .mud-drop-zone").Drop();

        _moves.ShouldBe([new KanbanMove(First, New, Offer)]);
        cut.WaitForAssertion(() => cut.Find(Column(Offer)).QuerySelector($"[data-testid=kanban-card-{First}]").ShouldNotBeNull());
        cut.Find(Column(Offer)).QuerySelector("[data-testid=kanban-count]")!.TextContent.ShouldBe("1");
        cut.Find(Column(Offer)).QuerySelector("[data-testid=kanban-sum]")!.TextContent.ShouldBe("1\u00a0000,00 ₽");
        cut.Find(Column(New)).QuerySelector("[data-testid=kanban-count]")!.TextContent.ShouldBe("2");
        cut.Find(Column(New)).QuerySelector("[data-testid=kanban-sum]")!.TextContent.ShouldBe("1\u00a0233\u00a0567,89 ₽");
    }

    [Fact]
    public void RefusedMove_PutsTheCardBack_AndShowsTheMessage()
    {
        var cut = Render(_ => KanbanMoveResult.Refused("Стадия принадлежит другому направлению"));

        cut.Find($"[data-testid=kanban-card-{Second}]").Closest(".mud-drop-item")!.DragStart();
        cut.Find($"{Column(Won)} .mud-drop-zone").Drop();

        _moves.Count.ShouldBe(1);
        cut.WaitForAssertion(() => cut.Find(Column(New)).QuerySelector($"[data-testid=kanban-card-{Second}]").ShouldNotBeNull());
        cut.Find(Column(Won)).QuerySelector($"[data-testid=kanban-card-{Second}]").ShouldBeNull();
        cut.Find(Column(Won)).QuerySelector("[data-testid=kanban-count]")!.TextContent.ShouldBe("1");
        cut.Find(Column(New)).QuerySelector("[data-testid=kanban-sum]")!.TextContent.ShouldBe("1\u00a0234\u00a0567,89 ₽");
        cut.Find(".mud-snackbar").TextContent.ShouldContain("Стадия принадлежит другому направлению");
    }

    [Fact]
    public void MoveFromTheCardMenu_ReportsTheSameMove()
    {
        var cut = Render(_ => KanbanMoveResult.Ok);

        var card = $"[data-testid=kanban-card-{First}]";
        cut.Find($"{card} [data-testid=kanban-card-menu] button, {card} button[data-testid=kanban-card-menu]").Click();
        cut.Find($"[data-testid=kanban-move-{Won}]").Click();

        // The menu closes before it runs the item's action.
        cut.WaitForAssertion(() => _moves.ShouldBe([new KanbanMove(First, New, Won)]));
        cut.WaitForAssertion(() => cut.Find(Column(Won)).QuerySelector("[data-testid=kanban-count]")!.TextContent.ShouldBe("2"));
    }

    [Fact]
    public void ColumnWithMoreRecordsThanShown_OffersShowMore_ForThatStage()
    {
        var asked = new List<Guid>();
        var cut = Render(_ => KanbanMoveResult.Ok, stage =>
        {
            asked.Add(stage);
            return Task.CompletedTask;
        });

        cut.Find(Column(Offer)).QuerySelector("[data-testid=kanban-more]").ShouldBeNull();
        cut.Find(Column(Won)).QuerySelector("[data-testid=kanban-more]").ShouldNotBeNull();
        cut.Find($"{Column(New)} [data-testid=kanban-more]").Click();

        asked.ShouldBe([New]);
    }
}
