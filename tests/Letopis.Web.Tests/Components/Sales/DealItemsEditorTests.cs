using Bunit;
using Letopis.Web.Components.Pages.Sales;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Letopis.Web.Tests.Components.Sales;

/// <summary>The line items of a deal: sums and VAT exact to the kopeck, wrong cells named.</summary>
public sealed class DealItemsEditorTests : MudComponentTest
{
    private IRenderedComponent<IComponent> Render(List<DealItemDraft> items) =>
        Ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<DealItemsEditor>(1);
            b.AddAttribute(2, nameof(DealItemsEditor.Items), items);
            b.AddComponentReferenceCapture(3, r => _editor = (DealItemsEditor)r);
            b.CloseComponent();
        });

    private DealItemsEditor? _editor;

    [Fact]
    public void Rows_ComputeSumAndIncludedVatInKopecks_AndTotals()
    {
        var items = new List<DealItemDraft>
        {
            // 3 × 33,33 = 99,99; VAT 22 % included: 99,99 × 22 / 122 = 18,03.
            new() { Name = "Бетон М300", Quantity = 3, Unit = "м³", Price = 33.33m, Vat = 22 },
            // 1,5 × 0,05 = 0,075 → 0,08 (half away from zero); without VAT.
            new() { Name = "Доставка", Quantity = 1.5m, Price = 0.05m, Vat = DealItemDraft.NoVat },
        };

        var cut = Render(items);

        var rows = cut.FindAll("[data-testid=deal-item-row]");
        rows[0].QuerySelector("[data-testid=deal-item-amount]")!.TextContent.ShouldBe("99,99 ₽");
        rows[0].QuerySelector("[data-testid=deal-item-vat-sum]")!.TextContent.ShouldBe("18,03 ₽");
        rows[1].QuerySelector("[data-testid=deal-item-amount]")!.TextContent.ShouldBe("0,08 ₽");
        rows[1].QuerySelector("[data-testid=deal-item-vat-sum]")!.TextContent.ShouldBe("0,00 ₽");
        cut.Find("[data-testid=deal-items-total]").TextContent.ShouldBe("100,07 ₽");
        cut.Find("[data-testid=deal-items-vat-total]").TextContent.ShouldBe("18,03 ₽");
    }

    [Fact]
    public void TypedPrice_RecomputesTheRowAndTheTotal()
    {
        var items = new List<DealItemDraft> { new() { Name = "Арматура", Quantity = 2, Price = 10, Vat = 20 } };
        var cut = Render(items);

        new TypedInput(cut.Find("[data-testid=deal-item-price] input, input[data-testid=deal-item-price]")).Change("1234567,89");

        cut.WaitForAssertion(() => cut.Find("[data-testid=deal-items-total]").TextContent.ShouldBe("2\u00a0469\u00a0135,78 ₽"));
        items[0].PriceMinor.ShouldBe(123456789);
        // 2 469 135,78 × 20 / 120 = 411 522,63.
        cut.Find("[data-testid=deal-items-vat-total]").TextContent.ShouldBe("411\u00a0522,63 ₽");
    }

    [Fact]
    public async Task Validate_NamesTheRowAndTheColumnOfEveryWrongCell()
    {
        var items = new List<DealItemDraft>
        {
            new() { Name = "Бетон", Quantity = 1, Price = 100 },
            new() { Name = "", Quantity = -2, Price = -1 },
        };
        var cut = Render(items);

        (await cut.InvokeAsync(() => _editor!.Validate())).ShouldBeFalse();

        var messages = cut.FindAll("[data-testid=deal-item-error]").Select(e => e.TextContent).ToList();
        messages.ShouldBe([
            "Строка 2, «Наименование»: заполните",
            "Строка 2, «Количество»: должно быть больше нуля",
            "Строка 2, «Цена»: не может быть отрицательной",
        ]);
    }

    [Fact]
    public async Task Validate_ValidRows_Passes()
    {
        var cut = Render([new() { Name = "Бетон", Quantity = 0.125m, Price = 100 }]);

        (await cut.InvokeAsync(() => _editor!.Validate())).ShouldBeTrue();
        cut.FindAll("[data-testid=deal-item-error]").ShouldBeEmpty();
    }

    [Fact]
    public void AddAndRemove_ChangeTheRows()
    {
        var items = new List<DealItemDraft> { new() { Name = "Бетон", Quantity = 1, Price = 100 } };
        var cut = Render(items);

        cut.Find("[data-testid=deal-item-add]").Click();
        cut.FindAll("[data-testid=deal-item-row]").Count.ShouldBe(2);
        cut.FindAll("[data-testid=deal-item-remove]")[0].Click();

        items.Count.ShouldBe(1);
        items[0].Name.ShouldBeNull();
        cut.Find("[data-testid=deal-items-total]").TextContent.ShouldBe("0,00 ₽");
    }
}
