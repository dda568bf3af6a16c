using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Tests.DocumentFiles;
using Letopis.Web.Tests.Documents;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>The document settings page: a type's settings and a journal's number pattern, saved through their dialogs.</summary>
public sealed class DocumentSettingsUiTests : HostedComponentTest
{
    private async Task<(LetopisHost Host, HttpClient Admin, IRenderedComponent<IComponent> Cut)> OpenSettingsAsync(Func<HttpClient, Task>? arrange = null)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        if (arrange is not null)
            await arrange(admin);
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        var cut = RenderPage<DocumentSettings>();
        cut.WaitForElement("[data-testid=doctype-table]");
        return (host, admin, cut);
    }

    private static TypedInput Input(IRenderedComponent<IComponent> cut, string testId) =>
        new(cut.Find($"[data-testid={testId}] input, input[data-testid={testId}]"));

    /// <summary>The text under an input: its helper or its error.</summary>
    private static string Helper(IRenderedComponent<IComponent> cut, string testId) =>
        cut.Find($"[data-testid={testId}] input, input[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    private static MudSelect<string> Select(IRenderedComponent<IComponent> cut, string testId) =>
        cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && (string?)id == testId).Instance;

    [Fact]
    public async Task EditingAType_SavesItsNameAndWhichFieldsItRequires()
    {
        JsonElement type = default;
        var (_, admin, cut) = await OpenSettingsAsync(async a => type = await DocumentTestData.OwnTypeAsync(a, "Р-{n}"));
        var code = type.GetProperty("code").GetString()!;
        var name = type.GetProperty("name").GetString()!;

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doctype-name]").Single(n => n.TextContent == name).Closest("tr")!.Click());
        cut.WaitForElement("[data-testid=doctype-dialog]");
        Input(cut, "doctype-name-input").Change("Реестр смет " + code);
        await cut.InvokeAsync(() => Select(cut, "doctype-field-amount").ValueChanged.InvokeAsync("required"));
        await cut.InvokeAsync(() => Select(cut, "doctype-field-validTo").ValueChanged.InvokeAsync("hidden"));
        cut.Find("[data-testid=doctype-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doctype-dialog]").ShouldBeEmpty());
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doctype-name]").Select(n => n.TextContent).ShouldContain("Реестр смет " + code));
        var saved = await DocumentTestData.TypeAsync(admin, code);
        saved.GetProperty("name").GetString().ShouldBe("Реестр смет " + code);
        saved.GetProperty("fieldSettings").GetProperty("amount").GetString().ShouldBe("required");
        saved.GetProperty("fieldSettings").GetProperty("validTo").GetString().ShouldBe("hidden");
    }

    [Fact]
    public async Task NewTypeWithAnUnknownTokenInItsOwnPattern_ShowsTheNumberPatternMessageBesideIt_AndSavesNothing()
    {
        var (_, admin, cut) = await OpenSettingsAsync();
        var code = "t-" + Guid.NewGuid().ToString("N")[..8];

        cut.Find("[data-testid=doctype-add]").Click();
        cut.WaitForElement("[data-testid=doctype-dialog]");
        Input(cut, "doctype-name-input").Change("Сметы " + code);
        Input(cut, "doctype-code").Change(code);
        Input(cut, "doctype-pattern").Change("СМ-{год}-{n}");
        cut.Find("[data-testid=doctype-save]").Click();

        cut.WaitForAssertion(() => Helper(cut, "doctype-pattern").ShouldContain("Неизвестная подстановка в шаблоне номера"));
        cut.FindAll("[data-testid=doctype-dialog]").ShouldNotBeEmpty();
        var types = await JsonAsync(admin, "/api/v1/document-types");
        types.GetProperty("items").EnumerateArray().ShouldNotContain(t => t.GetProperty("code").GetString() == code);
    }

    [Fact]
    public async Task NewJournal_UnknownTokenIsShownBesideThePattern_ThenTheCorrectedPatternIsSaved()
    {
        var (_, admin, cut) = await OpenSettingsAsync();
        var name = "Журнал смет " + Guid.NewGuid().ToString("N")[..6];
        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Журналы регистрации")).Click();
        cut.WaitForElement("[data-testid=journal-add]").Click();
        cut.WaitForElement("[data-testid=journal-dialog]");

        Input(cut, "journal-name-input").Change(name);
        Input(cut, "journal-pattern").Change("СМ-{год}-{n}");
        cut.Find("[data-testid=journal-save]").Click();
        cut.WaitForAssertion(() => Helper(cut, "journal-pattern").ShouldContain("Неизвестная подстановка в шаблоне номера"));
        cut.FindAll("[data-testid=journal-dialog]").ShouldNotBeEmpty();

        Input(cut, "journal-pattern").Change("СМ-{yyyy}-{n:000}");
        cut.Find("[data-testid=journal-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=journal-dialog]").ShouldBeEmpty());
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=journal-name]").Select(n => n.TextContent).ShouldContain(name));
        var journals = await JsonAsync(admin, "/api/v1/journals");
        journals.GetProperty("items").EnumerateArray().Single(j => j.GetProperty("name").GetString() == name)
            .GetProperty("pattern").GetString().ShouldBe("СМ-{yyyy}-{n:000}");
    }
}
