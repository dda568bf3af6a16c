using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Sales;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components.Sales;

/// <summary>The settings of pipelines and stages as an administrator uses them.</summary>
public sealed class PipelineSettingsUiTests : HostedComponentTest
{
    private async Task<(HttpClient Admin, Guid Pipeline, List<Guid> Stages, IRenderedComponent<IComponent> Cut)> OpenAsync(string name)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        SignIn(host, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid());
        var created = await (await admin.PostAsJsonAsync("/api/v1/pipelines", new { name, stages = new[] { "Заявка", "Расчёт" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var pipeline = created.GetProperty("id").GetGuid();
        var stages = created.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
        var cut = Ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<MudSnackbarProvider>(2);
            b.CloseComponent();
            b.OpenComponent<PipelineSettings>(3);
            b.CloseComponent();
        });
        cut.WaitForAssertion(() => cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains(name)).Click());
        return (admin, pipeline, stages, cut);
    }

    private static async Task<List<string>> StageNamesAsync(HttpClient admin, Guid pipeline) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/pipelines/{pipeline}")).GetProperty("stages").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()!).ToList();

    [Fact]
    public async Task AddStage_PutsItAmongTheOpenStages_BeforeWonAndLost()
    {
        var name = "Тендеры " + Guid.NewGuid().ToString("N")[..6];
        var (admin, pipeline, _, cut) = await OpenAsync(name);

        new TypedInput(cut.Find("[data-testid=stage-new-name] input, input[data-testid=stage-new-name]")).Change("Подписание");
        cut.Find("[data-testid=stage-add]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid^=stage-row-]").Count.ShouldBe(5));
        var names = await StageNamesAsync(admin, pipeline);
        names.Count.ShouldBe(5);
        names.IndexOf("Подписание").ShouldBeLessThan(3);
    }

    [Fact]
    public async Task DeleteStage_HoldingADeal_IsRefusedWithTheReason_AndTheStageStays()
    {
        var name = "Опт " + Guid.NewGuid().ToString("N")[..6];
        var (admin, pipeline, stages, cut) = await OpenAsync(name);
        (await admin.PostAsJsonAsync("/api/v1/deals", new { title = "Щебень", pipelineId = pipeline, stageId = stages[0] })).EnsureSuccessStatusCode();

        cut.Find($"[data-testid=stage-row-{stages[0]}] [data-testid=stage-delete]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=confirm]"));
        cut.Find("[data-testid=confirm]").Click();

        cut.WaitForAssertion(() => cut.Find(".mud-snackbar").TextContent.ShouldContain("На этой стадии есть лиды или сделки"));
        (await StageNamesAsync(admin, pipeline)).ShouldContain("Заявка");
    }
}
