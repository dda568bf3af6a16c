using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Approvals.Schemes;
using Letopis.Web.Tests.Components;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using static Letopis.Web.Tests.Approvals.SchemesData;

namespace Letopis.Web.Tests.Approvals;

/// <summary>«Схемы согласования»: the list of types, the stage editor, publishing and comparing versions.</summary>
public sealed class SchemesUiTests : HostedComponentTest
{
    private static MudSelect<string> Select(IRenderedComponent<IComponent> cut, string testId, int index) =>
        cut.FindComponents<MudSelect<string>>()
            .Where(s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && (string?)id == testId)
            .ElementAt(index).Instance;

    private static async Task<(Guid TypeId, string Code, Guid SchemeId, TestUser Lawyer)> SchemeAsync(LetopisHost host, HttpClient admin)
    {
        var lawyer = await host.CreateUserAsync(fullName: "Юрьева Дарья Олеговна");
        var (typeId, code) = await DocumentTypeAsync(admin, "Договор поставки");
        var created = await PostAsync(admin, new
        {
            documentTypeCode = code,
            stages = new[] { new { name = "Юрист", approverIds = new[] { lawyer.Id }, mode = "all", days = 2 } },
            comment = "Первая редакция",
        });
        return (typeId, code, created.GetProperty("id").GetGuid(), lawyer);
    }

    [Fact]
    public async Task List_ShowsEachTypeWithItsVersionDraftAndRunningRoutes()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var (_, code, _, lawyer) = await SchemeAsync(host, admin);
        await PostAsync(admin, new { documentTypeCode = code, draft = true, stages = new[] { new { approverIds = new[] { lawyer.Id }, days = 5 } } });
        var (_, bareCode) = await DocumentTypeAsync(admin, "Акт без схемы");
        SignIn(host, await FileTestKit.AdminIdAsync(host));

        var cut = RenderPage<ApprovalSchemesPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=scheme-type]").Select(t => t.TextContent).ShouldContain(t => t.EndsWith(code)));
        var row = cut.FindAll("[data-testid=scheme-type]").Single(t => t.TextContent.EndsWith(code)).Closest("tr")!;
        row.QuerySelector("[data-testid=scheme-version]")!.TextContent.ShouldBe("Версия 1");
        row.QuerySelector("[data-testid=scheme-draft]")!.TextContent.ShouldContain("Черновик");
        row.QuerySelector("[data-testid=scheme-running]")!.TextContent.ShouldBe("0");
        var bare = cut.FindAll("[data-testid=scheme-type]").Single(t => t.TextContent.EndsWith(bareCode)).Closest("tr")!;
        bare.QuerySelector("[data-testid=scheme-none]")!.TextContent.ShouldBe("Схемы нет");
    }

    [Fact]
    public async Task Editor_AddStageAndPublishWithComment_MakesVersionTwo()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var (typeId, _, schemeId, _) = await SchemeAsync(host, admin);
        SignIn(host, await FileTestKit.AdminIdAsync(host));

        var cut = RenderPage<ApprovalSchemeEditor>(("TypeId", typeId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=scheme-published]").TextContent.ShouldBe("Версия 1"));
        cut.FindAll("[data-testid=scheme-stage]").Count.ShouldBe(1);
        cut.Find("[data-testid=scheme-version-comment]").TextContent.ShouldBe("Первая редакция");

        cut.Find("[data-testid=scheme-stage-add]").Click();
        cut.FindAll("[data-testid=scheme-stage]").Count.ShouldBe(2);
        new TypedInput(cut.FindAll("[data-testid=scheme-stage-name] input, input[data-testid=scheme-stage-name]")[1]).Change("Руководитель");
        await cut.InvokeAsync(() => Select(cut, "scheme-approver-kind", 1).ValueChanged.InvokeAsync("responsible_head"));
        new TypedInput(cut.Find("[data-testid=scheme-comment] textarea, textarea[data-testid=scheme-comment]")).Change("Добавлен руководитель ответственного");
        cut.Find("[data-testid=scheme-publish]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=scheme-published]").TextContent.ShouldBe("Версия 2"));
        var v2 = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/approval-schemes/{schemeId}/versions/2");
        v2.GetProperty("comment").GetString().ShouldBe("Добавлен руководитель ответственного");
        var stages = v2.GetProperty("definition").GetProperty("stages");
        stages.GetArrayLength().ShouldBe(2);
        stages[1].GetProperty("name").GetString().ShouldBe("Руководитель");
        stages[1].GetProperty("approvers")[0].GetProperty("kind").GetString().ShouldBe("responsible_head");

        // Stage 2 moves up: the order is what a draft saves.
        cut.FindAll("[data-testid=scheme-stage-up]")[1].Click();
        cut.Find("[data-testid=scheme-save-draft]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=scheme-draft]").TextContent.ShouldContain("Черновик"));
        var scheme = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/approval-schemes/{schemeId}");
        scheme.GetProperty("draft").GetProperty("stages")[0].GetProperty("name").GetString().ShouldBe("Руководитель");
        scheme.GetProperty("publishedVersion").GetInt32().ShouldBe(2);

        cut.Find("[data-testid=scheme-discard]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=scheme-draft]").ShouldBeEmpty());
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/approval-schemes/{schemeId}")).GetProperty("draft").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Editor_StageWithoutAnApprover_ShowsTheErrorBesideIt_AndSavesNothing()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var (typeId, _, _, _) = await SchemeAsync(host, admin);
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        var before = await RowsAsync(host, typeId);

        var cut = RenderPage<ApprovalSchemeEditor>(("TypeId", typeId));
        cut.WaitForElement("[data-testid=scheme-stage-add]").Click();
        new TypedInput(cut.FindAll("[data-testid=scheme-stage-name] input, input[data-testid=scheme-stage-name]")[1]).Change("Бухгалтерия");
        cut.Find("[data-testid=scheme-save-draft]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=scheme-stage]")[1].TextContent.ShouldContain("Обязательное поле"));
        cut.FindAll("[data-testid=scheme-stage]")[0].TextContent.ShouldNotContain("Обязательное поле");
        (await RowsAsync(host, typeId)).ShouldBe(before);

        cut.FindAll("[data-testid=scheme-approver-remove]")[1].Click();
        cut.Find("[data-testid=scheme-save-draft]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=scheme-stage-approvers-error]").TextContent.ShouldBe("Добавьте хотя бы одного согласующего"));
        (await RowsAsync(host, typeId)).ShouldBe(before);
    }

    [Fact]
    public async Task Editor_CompareVersions_MarksTheChangedStage()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var (typeId, code, schemeId, lawyer) = await SchemeAsync(host, admin);
        var key = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/approval-schemes/{schemeId}")).GetProperty("published").StageKeys()[0];
        await PostAsync(admin, new
        {
            documentTypeCode = code,
            stages = new object[]
            {
                new { key, name = "Юрист", approverIds = new[] { lawyer.Id }, days = 4 },
                new { name = "Директор", approverIds = new[] { lawyer.Id }, days = 1 },
            },
        });
        SignIn(host, await FileTestKit.AdminIdAsync(host));

        var cut = RenderPage<ApprovalSchemeEditor>(("TypeId", typeId));
        cut.WaitForElement("[data-testid=scheme-compare]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=scheme-comparison]"));
        var left = cut.Find("[data-testid=scheme-compare-left-view]");
        var right = cut.Find("[data-testid=scheme-compare-right-view]");
        left.QuerySelectorAll("[data-testid=scheme-view-stage]").Single().GetAttribute("data-change").ShouldBe("changed");
        var rightStages = right.QuerySelectorAll("[data-testid=scheme-view-stage]");
        rightStages.Select(s => s.GetAttribute("data-change")).ShouldBe(["changed", "added"]);
        rightStages[0].QuerySelector("[data-testid=scheme-view-fields]")!.TextContent.ShouldContain("срок");
        rightStages[1].QuerySelector("[data-testid=scheme-view-change]")!.TextContent.ShouldBe("Добавлен");
    }

    [Fact]
    public async Task Editor_ForAnEmployeeWithoutTheRight_ShowsTheSchemeReadOnly()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var (typeId, _, _, _) = await SchemeAsync(host, admin);
        var employee = await host.CreateUserAsync();
        SignIn(host, employee.Id);

        var cut = RenderPage<ApprovalSchemeEditor>(("TypeId", typeId));

        cut.WaitForAssertion(() => cut.Find("[data-testid=scheme-readonly]"));
        cut.Find("[data-testid=scheme-published]").TextContent.ShouldBe("Версия 1");
        cut.FindAll("[data-testid=scheme-publish]").ShouldBeEmpty();
        cut.FindAll("[data-testid=scheme-save-draft]").ShouldBeEmpty();
        cut.FindAll("[data-testid=scheme-stage-remove]").ShouldBeEmpty();
    }
}
