using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using Letopis.Core.Activities;
using Letopis.Core.Common;
using Letopis.TestKit;
using Letopis.Web.Auth;
using Letopis.Web.Components.Pages.Activities;
using Letopis.Web.Components.Pages.Counterparties;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>
/// Forms in Russian say nothing until the user leaves a field or saves, and then say it in Russian
/// beside the field it concerns.
/// </summary>
public sealed class FormValidationUiTests : HostedComponentTest
{
    private static IElement Input(IRenderedComponent<IComponent> cut, string testId) =>
        cut.Find($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]");

    /// <summary>The whole field (label, input, message) around an input.</summary>
    private static IElement FieldOf(IRenderedComponent<IComponent> cut, string testId) => Input(cut, testId).Closest(".mud-input-control")!;

    private static IElement Dialog(IRenderedComponent<IComponent> cut) => cut.Find(".mud-dialog");

    private async Task<(IRenderedComponent<IComponent> Cut, HttpClient Admin)> SignedInAsync()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        SignIn(host, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid());
        return (RenderPage<MudSpacer>(), admin);
    }

    [Fact]
    public async Task QuickEntry_OpenedLeftAndSavedEmpty_SaysNothingFirstThenRussianRequiredBesideTheName()
    {
        var (cut, _) = await SignedInAsync();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        await cut.InvokeAsync(() => dialogs.ShowAsync<QuickAddDialog>("Новый контрагент"));
        cut.WaitForAssertion(() => Dialog(cut).QuerySelectorAll("[data-testid=qa-name], [data-testid=qa-name] input").ShouldNotBeEmpty());

        Dialog(cut).QuerySelectorAll(".mud-input-error").ShouldBeEmpty();
        Dialog(cut).TextContent.ShouldNotContain("Required");

        // Focus leaves the empty name (a click elsewhere): never in English.
        await cut.InvokeAsync(() => Input(cut, "qa-name").Blur());
        Dialog(cut).TextContent.ShouldNotContain("Required");

        cut.Find("[data-testid=qa-save]").Click();
        cut.WaitForAssertion(() => FieldOf(cut, "qa-name").TextContent.ShouldContain("Обязательное поле"));
        FieldOf(cut, "qa-name").TextContent.ShouldContain("Наименование");
        Dialog(cut).TextContent.ShouldNotContain("Required");
    }

    /// <summary>
    /// A dialog focuses itself when it opens, which blurs a field that focused itself first and shows
    /// its error before anything is typed (only a browser shows it): such dialogs leave the focus alone.
    /// </summary>
    [Fact]
    public void EveryDialogWithAnAutofocusedField_LeavesTheFocusInTheField()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Letopis.slnx")))
            root = root.Parent!;
        var dialogs = Directory.EnumerateFiles(Path.Combine(root.FullName, "src", "Letopis.Web", "Components"), "*.razor", SearchOption.AllDirectories)
            .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f)))
            .Where(f => f.Text.Contains("<MudDialog", StringComparison.Ordinal) && f.Text.Contains("AutoFocus=\"true\"", StringComparison.Ordinal))
            .ToList();

        dialogs.Select(d => d.Name).ShouldContain("QuickAddDialog.razor");
        dialogs.Where(d => !d.Text.Contains("<MudDialog DefaultFocus=\"DefaultFocus.None\"", StringComparison.Ordinal)).Select(d => d.Name).ShouldBeEmpty();
    }

    [Fact]
    public async Task CallResult_OpenedLeftAndSavedEmpty_SaysNothingFirstThenRussianRequiredBesideTheResult()
    {
        var (cut, admin) = await SignedInAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/activities", new
        {
            kind = "call",
            subject = "Созвониться о графике " + Guid.NewGuid().ToString("N")[..6],
            plannedAt = LetopisHost.Start.AddDays(1),
        });
        var id = await IdOfAsync(created);
        var activity = await Ctx.Services.GetRequiredService<UiActions>()
            .RunAsync<ReadActivity, Result<ActivityDto>>((h, access) => h.HandleAsync(access, id, CancellationToken.None));
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        await cut.InvokeAsync(() => dialogs.ShowAsync<CompleteActivityDialog>("Результат", new DialogParameters<CompleteActivityDialog> { { d => d.Activity, activity.Value } }));
        cut.WaitForAssertion(() => Dialog(cut).QuerySelectorAll("[data-testid=complete-save]").ShouldNotBeEmpty());

        Dialog(cut).QuerySelectorAll(".mud-input-error").ShouldBeEmpty();
        Dialog(cut).TextContent.ShouldNotContain("Required");

        await cut.InvokeAsync(() => Input(cut, "complete-result").Blur());
        Dialog(cut).TextContent.ShouldNotContain("Required");

        cut.Find("[data-testid=complete-save]").Click();
        cut.WaitForAssertion(() => FieldOf(cut, "complete-result").TextContent.ShouldContain("Обязательное поле"));
        FieldOf(cut, "complete-result").TextContent.ShouldContain("Результат");
        Dialog(cut).TextContent.ShouldNotContain("Required");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}")).GetProperty("status").GetString().ShouldBe("planned");
    }
}
