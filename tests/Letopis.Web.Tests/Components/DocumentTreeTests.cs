using Bunit;
using Letopis.Core.Documents;
using Letopis.Web.Components.Pages.Documents;

namespace Letopis.Web.Tests.Components;

/// <summary>The documents of a counterparty as a tree: what a manager reads at a glance on the combined card.</summary>
public sealed class DocumentTreeTests : MudComponentTest
{
    private static readonly Guid ContractId = Guid.NewGuid();
    private static readonly Guid AgreementId = Guid.NewGuid();
    private static readonly Guid ActId = Guid.NewGuid();

    private static DocumentTreeNode Node(
        Guid id, Guid? parentId, string number, string typeCode, string typeName, string kind, string title, string status,
        decimal? amount = null, int files = 0, IReadOnlyList<ExpectedChildDto>? expected = null, IReadOnlyList<DocumentTreeNode>? children = null) =>
        new(id, parentId, number, new DateOnly(2026, 11, 2), typeCode, typeName, kind, title, status, amount, "RUB", null, null, files,
            expected ?? [], (expected ?? []).Where(e => !e.Provided).Select(e => e.TypeCode).ToList(), children ?? []);

    private static DocumentTreeNode Contract(bool invoiceProvided = false) => Node(
        ContractId, null, "Д-2026-0007", "contract", "Договор", "contract", "Монолитные работы, корпус 2 <b>срочно</b>", "signed", 1250000m, 2,
        [new("act", "Акт выполненных работ", true), new("invoice", "Счёт", invoiceProvided)],
        [
            Node(AgreementId, ContractId, "Д-2026-0007/ДС-1", "supplementary-agreement", "Дополнительное соглашение", "supplementary_agreement",
                "Перенос сроков", "on_approval"),
            Node(ActId, ContractId, "А-15", "act", "Акт выполненных работ", "act", "Акт за ноябрь", "signed", 310000m),
        ]);

    [Fact]
    public void Contract_ShowsItsChildrenIndented_WithStatusesAndWhatIsStillMissing()
    {
        var cut = Ctx.Render<DocumentTree>(p => p.Add(t => t.Roots, [Contract()]));

        var nodes = cut.FindAll("[data-testid=doc-node]");
        nodes.Count.ShouldBe(3);
        nodes[0].GetAttribute("data-id").ShouldBe(ContractId.ToString());
        nodes[1].GetAttribute("style")!.ShouldContain("padding-left: 36px");
        nodes[0].QuerySelector("[data-testid=doc-status]")!.TextContent.ShouldBe("Подписан");
        nodes[1].QuerySelector("[data-testid=doc-status]")!.TextContent.ShouldBe("На согласовании");
        nodes[0].QuerySelector("[data-testid=doc-node-title]")!.TextContent.ShouldBe("Договор № Д-2026-0007 от 02.11.2026");
        nodes[0].QuerySelector("[data-testid=doc-node-amount]")!.TextContent.ShouldBe(1250000m.ToString("N2") + " ₽");
        nodes[0].QuerySelector("[data-testid=doc-node-files]")!.TextContent.Trim().ShouldBe("2");

        var expected = nodes[0].QuerySelectorAll("[data-testid=doc-expected]");
        expected.Length.ShouldBe(2);
        expected[0].GetAttribute("data-provided").ShouldBe("yes");
        expected[0].TextContent.ShouldContain("Есть: Акт выполненных работ");
        expected[1].GetAttribute("data-provided").ShouldBe("no");
        expected[1].TextContent.ShouldContain("Нет: Счёт");
        nodes[0].QuerySelector("[data-testid=doc-node-expected]")!.GetAttribute("data-complete").ShouldBe("no");
        // Only nodes that expect something carry the completeness line.
        nodes[2].QuerySelector("[data-testid=doc-node-expected]").ShouldBeNull();
    }

    [Fact]
    public void EveryExpectedDocumentProvided_MarksTheContractComplete()
    {
        var cut = Ctx.Render<DocumentTree>(p => p.Add(t => t.Roots, [Contract(invoiceProvided: true)]));

        cut.Find("[data-testid=doc-node-expected]").GetAttribute("data-complete").ShouldBe("yes");
        cut.FindAll("[data-testid=doc-expected][data-provided=no]").ShouldBeEmpty();
    }

    [Fact]
    public void OtherNodes_LinkToTheirCards_TheFocusedOneIsHighlightedAndNotALink()
    {
        var cut = Ctx.Render<DocumentTree>(p => p.Add(t => t.Roots, [Contract()]).Add(t => t.FocusId, AgreementId));

        var focused = cut.Find($"[data-testid=doc-node][data-id='{AgreementId}']");
        focused.ClassList.ShouldContain("focus");
        focused.QuerySelector("a").ShouldBeNull();
        cut.Find($"[data-testid=doc-node][data-id='{ContractId}'] a[data-testid=doc-node-title]").GetAttribute("href").ShouldBe($"/documents/{ContractId}");
        cut.Find($"[data-testid=doc-node][data-id='{ActId}'] a[data-testid=doc-node-title]").GetAttribute("href").ShouldBe($"/documents/{ActId}");
    }

    [Fact]
    public void TitleWithMarkup_IsShownAsText()
    {
        var cut = Ctx.Render<DocumentTree>(p => p.Add(t => t.Roots, [Contract()]));

        var title = cut.Find($"[data-testid=doc-node][data-id='{ContractId}'] [data-testid=doc-node-text]");
        title.TextContent.ShouldBe("Монолитные работы, корпус 2 <b>срочно</b>");
        title.QuerySelector("b").ShouldBeNull();
    }
}
