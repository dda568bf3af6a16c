using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Templates;
using Letopis.Web.Tests.DocumentFiles;
using Letopis.Web.Tests.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>The «Шаблоны документов» settings: the list, the editor with its sandboxed live preview and its errors.</summary>
public sealed class TemplatesSettingsUiTests : HostedComponentTest
{
    private static TypedInput Input(IRenderedComponent<IComponent> cut, string testId) =>
        new(cut.Find($"[data-testid={testId}] input, [data-testid={testId}] textarea, input[data-testid={testId}], textarea[data-testid={testId}]"));

    /// <summary>Types into the template's code area and lets its typing pause pass (MudBlazor's debounce timer is its own concern).</summary>
    private static void TypeBody(IRenderedComponent<IComponent> cut, string body)
    {
        var field = cut.FindComponents<MudTextField<string>>()
            .Single(f => f.Instance.UserAttributes.TryGetValue("data-testid", out var id) && (string?)id == "template-body").Instance;
        cut.InvokeAsync(async () =>
        {
            await field.ValueChanged.InvokeAsync(body);
            await field.OnDebounceIntervalElapsed.InvokeAsync(body);
        }).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task SettingsPage_ListsTheTemplates_ButTellsAnEmployeeWithoutTheRightItIsNotTheirs()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var template = await ApiTemplateData.CreateHtmlAsync(admin, "<p>{{ counterparty.name }}</p>", "deal");
        var name = template.GetProperty("name").GetString()!;
        SignIn(host, await FileTestKit.AdminIdAsync(host));

        var cut = RenderPage<TemplateSettings>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=template-name]").Select(n => n.TextContent).ShouldContain(name));
        var row = cut.FindAll("[data-testid=template-name]").Single(n => n.TextContent == name).Closest("tr")!;
        row.TextContent.ShouldContain("Сделка");
        row.TextContent.ShouldContain("HTML");
        row.TextContent.ShouldContain("не регистрируется");
        cut.Find("[data-testid=template-count]").TextContent.ShouldStartWith("Шаблонов: ");
    }

    [Fact]
    public async Task SettingsPage_ForAnEmployee_ShowsNoTemplates()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var employee = await host.CreateUserAsync();
        SignIn(host, employee.Id);

        var cut = RenderPage<TemplateSettings>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=forbidden]").TextContent.ShouldContain("Шаблоны документов"));
        cut.FindAll("[data-testid=template-table]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Editor_SyntaxError_ShowsTheLineAndCause_AndSavesNothing()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        var name = ApiTemplateData.Marker("Сломанный ");

        var cut = RenderPage<TemplateEditor>();
        cut.WaitForElement("[data-testid=template-body]");
        Input(cut, "template-name-input").Change(name);
        TypeBody(cut, "<p>Договор</p>\n{% if counterparty.inn %}\n<p>ИНН</p>");
        cut.WaitForAssertion(() => cut.Find("[data-testid=template-error]").TextContent.ShouldStartWith("Строка "));
        cut.Find("[data-testid=template-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=template-error]").TextContent.ShouldStartWith("Строка "));
        (await ApiTemplateData.CountAsync(admin, name)).ShouldBe(0);
    }

    [Fact]
    public async Task Editor_Preview_ShowsThePickedCounterpartyInASandboxedFrame_AndSaves()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var counterpartyName = ApiTemplateData.Marker("ООО Предпросмотр ");
        var counterparty = await ApiTemplateData.CounterpartyAsync(admin, counterpartyName, TestRequisites.Inn10());
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        var name = ApiTemplateData.Marker("Письмо ");

        var cut = RenderPage<TemplateEditor>();
        cut.WaitForElement("[data-testid=template-preview-hint]");
        Input(cut, "template-name-input").Change(name);
        TypeBody(cut, "<h1>Для {{ counterparty.name }}</h1>");
        var picker = cut.FindComponent<MudAutocomplete<TemplateEditor.PickedRecord>>();
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(new TemplateEditor.PickedRecord(counterparty, counterpartyName, null)));

        cut.WaitForAssertion(() =>
        {
            var frame = cut.Find("iframe[data-testid=template-preview]");
            frame.GetAttribute("sandbox").ShouldBe("");
            System.Net.WebUtility.HtmlDecode(frame.GetAttribute("srcdoc")!).ShouldContain($"<h1>Для {counterpartyName}</h1>");
        });
        cut.Find("[data-testid=template-save]").Click();
        var navigation = Ctx.Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => navigation.Uri.ShouldContain("/settings/templates/"));
        (await ApiTemplateData.CountAsync(admin, name)).ShouldBe(1);
    }
}
