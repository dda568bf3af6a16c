using Bunit;
using Letopis.Core.Access;
using Letopis.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

public sealed class PermissionMatrixTests : MudComponentTest
{
    private static readonly PermissionDto[] Cells =
    [
        new("counterparty", PermissionAction.Read, AccessScope.Department),
        new("activity", PermissionAction.Edit, AccessScope.DepartmentTree),
        new("document", PermissionAction.Delete, AccessScope.All),
        new("contact", PermissionAction.Create, AccessScope.Own),
    ];

    [Fact]
    public void Render_ShowsEveryKindAndActionWithItsScope_MissingCellsAsNone()
    {
        var cut = RenderMatrix(readOnly: false);

        cut.FindAll("tbody tr").Count.ShouldBe(EntityKinds.Scoped.Length);
        cut.FindAll("tbody td[data-action]").Count.ShouldBe(EntityKinds.Scoped.Length * 4);
        ScopeShown(cut, "counterparty", "read").ShouldBe("Отдел");
        ScopeShown(cut, "activity", "edit").ShouldBe("Отдел и ниже");
        ScopeShown(cut, "document", "delete").ShouldBe("Все");
        ScopeShown(cut, "contact", "create").ShouldBe("Свои");
        ScopeShown(cut, "contact", "read").ShouldBe("Нет");
        ScopeShown(cut, "activity", "read").ShouldBe("Нет");
        cut.Find("tr[data-kind=activity] td").TextContent.ShouldBe("Контакты и задачи");
    }

    [Fact]
    public void Render_ListsEveryKindOfRecord_LeadsAndDealsNamedInRussian()
    {
        var cut = RenderMatrix(readOnly: false);

        cut.FindAll("tbody tr").Select(r => r.GetAttribute("data-kind")).ShouldBe(["counterparty", "contact", "lead", "deal", "activity", "document"]);
        cut.Find("tr[data-kind=lead] td").TextContent.ShouldBe("Лиды");
        cut.Find("tr[data-kind=deal] td").TextContent.ShouldBe("Сделки");
    }

    [Fact]
    public void Render_SettingsKinds_NamesEveryRowInRussian()
    {
        var cut = Ctx.Render<PermissionMatrix>(p => p.Add(m => m.Cells, Cells).Add(m => m.Kinds, EntityKinds.InMatrix));

        cut.Find("tr[data-kind=documentType] td").TextContent.ShouldBe("Типы документов и журналы");
        cut.Find("tr[data-kind=pipeline] td").TextContent.ShouldBe("Направления и стадии");
        cut.Find("tr[data-kind=leadOutcome] td").TextContent.ShouldBe("Возврат лида из результата");
        foreach (var row in cut.FindAll("tbody tr"))
            row.QuerySelector("td")!.TextContent.ShouldNotStartWith("roles.kind.");
    }

    [Fact]
    public void Render_ReadOnly_DisablesEveryCell()
    {
        var cut = RenderMatrix(readOnly: true);

        cut.FindComponents<MudSelect<AccessScope>>().Count.ShouldBe(EntityKinds.Scoped.Length * 4);
        cut.FindComponents<MudSelect<AccessScope>>().ShouldAllBe(s => s.Instance.Disabled && s.Instance.ReadOnly);
    }

    [Fact]
    public async Task ChangingACell_RaisesOnChangeWithThatKindActionAndScope()
    {
        PermissionDto? changed = null;
        var cut = Ctx.Render<PermissionMatrix>(p => p
            .Add(m => m.Cells, Cells)
            .Add(m => m.OnChange, (PermissionDto cell) => changed = cell));

        // Cells render row by row (kinds) and, within a row, by action.
        var index = Array.IndexOf(EntityKinds.Scoped, "activity") * 4 + (int)PermissionAction.Delete;
        var select = cut.FindComponents<MudSelect<AccessScope>>()[index];
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(AccessScope.All));

        changed.ShouldBe(new PermissionDto("activity", PermissionAction.Delete, AccessScope.All));
    }

    private IRenderedComponent<PermissionMatrix> RenderMatrix(bool readOnly) =>
        Ctx.Render<PermissionMatrix>(p => p.Add(m => m.Cells, Cells).Add(m => m.ReadOnly, readOnly));

    /// <summary>The text the select shows: MudSelect keeps it in its (read-only) input's value.</summary>
    private static string ScopeShown(IRenderedComponent<PermissionMatrix> cut, string kind, string action)
    {
        var cell = cut.Find($"tr[data-kind={kind}] td[data-action={action}]");
        var input = cell.QuerySelector("input:not([type=hidden])") ?? cell.QuerySelector("input");
        var value = input?.GetAttribute("value");
        return string.IsNullOrEmpty(value) ? cell.TextContent.Trim() : value;
    }
}
