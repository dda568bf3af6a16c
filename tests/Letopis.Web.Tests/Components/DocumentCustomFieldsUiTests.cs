using System.Net.Http.Json;
using AngleSharp.Dom;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Resources;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>
/// Document custom fields on the card and in the registration dialog. Each test has a host of its
/// own: a required document field defined here would refuse every other test's registrations.
/// </summary>
public sealed class DocumentCustomFieldsUiTests : HostedComponentTest
{
    private static string Code(string stem) => stem + Guid.NewGuid().ToString("N")[..6];

    private static LetopisHost NewHost()
    {
        var host = new LetopisHost(TestDatabases.Sqlite);
        _ = host.Server;
        return host;
    }

    private static TypedInput Input(IRenderedComponent<IComponent> cut, string testId) =>
        new(cut.Find($"[data-testid={testId}] input, input[data-testid={testId}]"));

    [Fact]
    public async Task Card_ShowsTheDocumentsCustomFields_SavesAnEdit_AndShowsTheRequiredErrorBesideTheField()
    {
        using var host = NewHost();
        var admin = await host.AdminAsync();
        var site = Code("site");
        var floors = Code("floors");
        (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "document", code = site, label = "Объект строительства", type = "string", required = true }))
            .EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "document", code = floors, label = "Этажность", type = "number" }))
            .EnsureSuccessStatusCode();
        var document = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/documents", new
        {
            typeCode = "internal-memo",
            title = "О начале работ на корпусе 2",
            customFields = new Dictionary<string, object> { [site] = "ЖК «Северный»" },
        }));
        SignIn(host, await FileTestKit.AdminIdAsync(host));

        var cut = RenderPage<DocumentCard>((nameof(DocumentCard.Id), document));

        cut.WaitForAssertion(() => cut.Find($"[data-testid=cf-view-{site}]").TextContent.ShouldContain("Объект строительства"));
        cut.Find($"[data-testid=cf-view-{site}]").TextContent.ShouldContain("ЖК «Северный»");
        cut.FindAll($"[data-testid=cf-view-{floors}]").ShouldBeEmpty();

        cut.Find("[data-testid=doc-edit]").Click();
        cut.WaitForAssertion(() => cut.Find($"[data-testid=cf-{site}]").TextContent.ShouldContain("Объект строительства *"));
        Input(cut, $"cf-{site}").Change("ЖК «Южный»");
        Input(cut, $"cf-{floors}").Change("12");
        cut.Find("[data-testid=doc-save]").Click();

        cut.WaitForAssertion(() => cut.Find($"[data-testid=cf-view-{site}]").TextContent.ShouldContain("ЖК «Южный»"));
        cut.Find($"[data-testid=cf-view-{floors}]").TextContent.ShouldContain("12");
        var saved = await JsonAsync(admin, $"/api/v1/documents/{document}");
        saved.GetProperty("customFields").GetProperty(site).GetString().ShouldBe("ЖК «Южный»");
        saved.GetProperty("customFields").GetProperty(floors).GetDecimal().ShouldBe(12m);

        // The history names the field by its label.
        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("История")).Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doc-history-field]").Select(c => c.TextContent.Trim()).ShouldContain("Объект строительства"));

        // Clearing a required field: the server's field-named error stands beside it, nothing is saved.
        cut.FindAll(".mud-tab").First().Click();
        cut.WaitForElement("[data-testid=doc-edit]").Click();
        Input(cut, $"cf-{site}").Change("");
        cut.Find("[data-testid=doc-save]").Click();
        cut.WaitForAssertion(() => cut.Find($"[data-testid=cf-{site}]").TextContent.ShouldContain("Обязательное поле"));
        cut.FindAll("[data-testid=doc-save]").ShouldNotBeEmpty();
        (await JsonAsync(admin, $"/api/v1/documents/{document}")).GetProperty("customFields").GetProperty(site).GetString().ShouldBe("ЖК «Южный»");
    }

    [Fact]
    public async Task RegisterDialog_AsksForARequiredCustomField_AndRegistersWithIt()
    {
        using var host = NewHost();
        var admin = await host.AdminAsync();
        var site = Code("site");
        (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "document", code = site, label = "Объект строительства", type = "string", required = true }))
            .EnsureSuccessStatusCode();
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        var cut = RenderPage<MudSpacer>();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        var L = Ctx.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        Task<Guid?>? registered = null;
        // Not awaited: the task ends when the dialog closes.
        await cut.InvokeAsync(() => { registered = RegisterDocumentDialog.OpenAsync(dialogs, L, new RegisterDocumentDialog.Preset(TypeCode: "internal-memo")); });

        cut.WaitForAssertion(() => cut.Find($"[data-testid=cf-{site}]").TextContent.ShouldContain("Объект строительства *"));
        var title = "О приёмке кровли " + Code("");
        Input(cut, "doc-title").Change(title);
        cut.Find("[data-testid=doc-register-save]").Click();

        cut.WaitForAssertion(() => cut.Find($"[data-testid=cf-{site}]").TextContent.ShouldContain("Обязательное поле"));
        registered!.IsCompleted.ShouldBeFalse();
        (await JsonAsync(admin, "/api/v1/documents?q=" + Uri.EscapeDataString(title))).GetProperty("total").GetInt32().ShouldBe(0);

        Input(cut, $"cf-{site}").Change("ЖК «Северный»");
        cut.Find("[data-testid=doc-register-save]").Click();

        var id = await registered.WaitAsync(TimeSpan.FromSeconds(10));
        id.ShouldNotBeNull();
        var card = await JsonAsync(admin, $"/api/v1/documents/{id}");
        card.GetProperty("title").GetString().ShouldBe(title);
        card.GetProperty("customFields").GetProperty(site).GetString().ShouldBe("ЖК «Северный»");
    }
}
