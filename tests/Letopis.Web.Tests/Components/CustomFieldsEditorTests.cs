using System.Text.Json.Nodes;
using Bunit;
using Letopis.Core.CustomFields;
using Letopis.TestKit;
using Letopis.Web.Auth;
using Letopis.Web.Components.Shared;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>The custom field editor as a form uses it: inputs by type, and the merge patch it hands back.</summary>
public sealed class CustomFieldsEditorTests : MudComponentTest
{
    private static CustomFieldDto Field(string code, CustomFieldType type, bool required = false, string[]? options = null, bool multiple = false, bool archived = false) =>
        new(Guid.NewGuid(), CustomFieldEntities.Company, code, "Поле " + code, type, required, multiple, options ?? [], 0, archived, 1);

    private static readonly CustomFieldDto[] Fields =
    [
        Field("note", CustomFieldType.String),
        Field("budget", CustomFieldType.Money, required: true),
        Field("due", CustomFieldType.Date),
        Field("sro", CustomFieldType.Bool),
        Field("types", CustomFieldType.List, options: ["Жильё", "Склады", "Дороги"], multiple: true),
        Field("stage", CustomFieldType.List, required: true, options: ["Переговоры", "Договор"]),
        Field("curator", CustomFieldType.User),
        Field("old", CustomFieldType.String, archived: true),
    ];

    private async Task<IRenderedComponent<IComponent>> RenderAsync(CustomFieldDraft draft, bool onlyRequired = false)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var user = await host.CreateUserAsync();
        var actor = new CurrentActor(host.Services);
        actor.Set(user.Id, null);
        Ctx.Services.AddSingleton(new UiActions(host.Services.GetRequiredService<IServiceScopeFactory>(), actor));
        return Ctx.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudGrid>(1);
            builder.AddAttribute(2, "ChildContent", (RenderFragment)(b =>
            {
                b.OpenComponent<CustomFieldsEditor>(0);
                b.AddAttribute(1, nameof(CustomFieldsEditor.Draft), draft);
                b.AddAttribute(2, nameof(CustomFieldsEditor.OnlyRequired), onlyRequired);
                b.AddAttribute(3, nameof(CustomFieldsEditor.Errors), new Dictionary<string, string> { ["customFields.budget"] = "Введите сумму" });
                b.CloseComponent();
            }));
            builder.CloseComponent();
        });
    }

    [Fact]
    public async Task Render_ShowsOneInputOfTheRightKindPerActiveField_WithTheUserByName()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var curator = await host.CreateUserAsync(fullName: "Волков Алексей Игоревич");
        var draft = new CustomFieldDraft(Fields, new Dictionary<string, object?> { ["curator"] = curator.Id, ["old"] = "Архивное" }, isNew: false);

        var cut = await RenderAsync(draft);

        cut.FindAll("[data-testid^=cf-]").Select(e => e.GetAttribute("data-testid")).Where(id => !id!.StartsWith("cf-input-", StringComparison.Ordinal))
            .ShouldBe(["cf-note", "cf-budget", "cf-due", "cf-sro", "cf-types", "cf-stage", "cf-curator"], ignoreOrder: true);
        cut.FindComponents<MudNumericField<decimal?>>().Count.ShouldBe(1);
        cut.FindComponents<MudDatePicker>().Count.ShouldBe(1);
        cut.FindComponents<MudCheckBox<bool>>().Count.ShouldBe(1);
        cut.FindComponents<MudSelect<string>>().Count.ShouldBe(2);
        cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.MultiSelection).Instance.Label.ShouldBe("Поле types");
        cut.Find("[data-testid=cf-budget]").TextContent.ShouldContain("Введите сумму");
        cut.WaitForAssertion(() => cut.FindComponent<UserPicker>().Instance.Value!.FullName.ShouldBe("Волков Алексей Игоревич"));
    }

    [Fact]
    public async Task Render_OnlyRequired_ShowsJustTheRequiredFields()
    {
        var cut = await RenderAsync(new CustomFieldDraft(Fields, null, isNew: true), onlyRequired: true);

        cut.FindAll("[data-testid=cf-budget], [data-testid=cf-stage]").Count.ShouldBe(2);
        cut.FindAll("[data-testid=cf-note], [data-testid=cf-sro], [data-testid=cf-types]").ShouldBeEmpty();
        cut.Find("[data-testid=cf-stage]").TextContent.ShouldContain("Поле stage *");
    }

    [Fact]
    public async Task Editing_ThePatchHoldsOnlyWhatChanged_AndNullForWhatWasCleared()
    {
        var draft = new CustomFieldDraft(Fields, new Dictionary<string, object?>
        {
            ["note"] = "Платят в срок",
            ["budget"] = 1500000.00m,
            ["sro"] = true,
            ["types"] = new[] { "Жильё" },
        }, isNew: false);
        var cut = await RenderAsync(draft);

        cut.Find("[data-testid=cf-note] input").Change("Платят с задержкой");
        cut.FindComponent<MudCheckBox<bool>>().Find("input").Change(false);
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.MultiSelection)
            .Instance.SelectedValuesChanged.InvokeAsync(["Дороги", "Жильё"]));

        var patch = draft.ToPatch();
        patch.Keys.ShouldBe(["note", "sro", "types"], ignoreOrder: true);
        patch["note"]!.GetValue<string>().ShouldBe("Платят с задержкой");
        patch["sro"]!.GetValue<bool>().ShouldBeFalse();
        // Options travel in the list's own order.
        patch["types"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["Жильё", "Дороги"]);

        draft.Text["note"] = "  ";
        draft.ToPatch()["note"].ShouldBeNull();
    }

    [Fact]
    public void NewRecord_PatchCarriesFilledFieldsOnly_AndLeavesUntickedBoxesUnset()
    {
        var draft = new CustomFieldDraft(Fields, null, isNew: true);
        draft.Numbers["budget"] = 250000.5m;
        draft.Dates["due"] = new DateTime(2027, 3, 31);

        var patch = draft.ToPatch();

        patch.Keys.ShouldBe(["budget", "due"], ignoreOrder: true);
        patch["budget"]!.GetValue<decimal>().ShouldBe(250000.5m);
        patch["due"]!.GetValue<string>().ShouldBe("2027-03-31");
    }

    [Fact]
    public void Display_UsesTheReadersCulture()
    {
        var L = Ctx.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        static string Plain(string s) => s.Replace('\u00A0', ' ').Replace('\u202F', ' ');

        Plain(CustomFieldDraft.Display(L, Fields[1], 1234567.89m)).ShouldBe("1 234 567,89 ₽");
        CustomFieldDraft.Display(L, Fields[2], new DateOnly(2026, 11, 28)).ShouldBe("28.11.2026");
        CustomFieldDraft.Display(L, Fields[3], true).ShouldBe("да");
        CustomFieldDraft.Display(L, Fields[4], new[] { "Жильё", "Дороги" }).ShouldBe("Жильё, Дороги");
        Plain(CustomFieldDraft.Display(L, Field("n", CustomFieldType.Number), 1250.5m)).ShouldBe("1 250,5");
    }
}
