using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Resources;
using Letopis.Web.Tests.DocumentFiles;
using Letopis.Web.Tests.Documents;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>
/// Which document custom fields a type shows and requires: chosen on the type's settings dialog, obeyed by
/// the registration dialog and the card. A host per test, since the fields defined here reach every type.
/// </summary>
public sealed class DocumentTypeCustomFieldsUiTests : HostedComponentTest
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

    private static MudSelect<string> Select(IRenderedComponent<IComponent> cut, string testId) =>
        cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && (string?)id == testId).Instance;

    /// <summary>What a select shows as chosen.</summary>
    private static string? Shown(IRenderedComponent<IComponent> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").TextContent.Trim();

    private static async Task FieldAsync(HttpClient admin, string code, string label, bool required = false) =>
        (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "document", code, label, type = "string", required })).StatusCode
            .ShouldBe(HttpStatusCode.Created);

    private static async Task SetModesAsync(HttpClient admin, string typeCode, Dictionary<string, string> modes)
    {
        var type = await DocumentTestData.TypeAsync(admin, typeCode);
        (await admin.PatchAsJsonAsync($"/api/v1/document-types/{type.Id()}", new { customFieldSettings = modes })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task RegisterDialog_ShowsTheTypesCustomFields_NotTheHiddenOnes_AndAsksForTheOnesItRequires()
    {
        using var host = NewHost();
        var admin = await host.AdminAsync();
        var (site, secret, floors) = (Code("site"), Code("secret"), Code("floors"));
        await FieldAsync(admin, site, "Объект строительства");
        await FieldAsync(admin, secret, "Гриф");
        await FieldAsync(admin, floors, "Этажность");
        await SetModesAsync(admin, "internal-memo", new() { [site] = "required", [secret] = "hidden" });
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        var cut = RenderPage<MudSpacer>();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        var L = Ctx.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        Task<Guid?>? registered = null;
        await cut.InvokeAsync(() => { registered = RegisterDocumentDialog.OpenAsync(dialogs, L, new RegisterDocumentDialog.Preset(TypeCode: "internal-memo")); });

        cut.WaitForAssertion(() => cut.Find($"[data-testid=cf-{site}]").TextContent.ShouldContain("Объект строительства *"));
        cut.Find($"[data-testid=cf-{floors}]").TextContent.ShouldNotContain("*");
        cut.FindAll($"[data-testid=cf-{secret}]").ShouldBeEmpty();

        // Another type shows the field this one hides, and does not require the one this one requires.
        await cut.InvokeAsync(() => Select(cut, "doc-type").ValueChanged.InvokeAsync("outgoing-letter"));
        cut.WaitForAssertion(() => cut.FindAll($"[data-testid=cf-{secret}]").ShouldNotBeEmpty());
        cut.Find($"[data-testid=cf-{site}]").TextContent.ShouldNotContain("*");

        await cut.InvokeAsync(() => Select(cut, "doc-type").ValueChanged.InvokeAsync("internal-memo"));
        cut.WaitForAssertion(() => cut.FindAll($"[data-testid=cf-{secret}]").ShouldBeEmpty());
        var title = "О приёмке кровли " + Code("");
        Input(cut, "doc-title").Change(title);
        cut.Find("[data-testid=doc-register-save]").Click();
        cut.WaitForAssertion(() => cut.Find($"[data-testid=cf-{site}]").TextContent.ShouldContain("Обязательное поле"));
        registered!.IsCompleted.ShouldBeFalse();

        Input(cut, $"cf-{site}").Change("ЖК «Северный»");
        cut.Find("[data-testid=doc-register-save]").Click();
        var id = await registered.WaitAsync(TimeSpan.FromSeconds(10));
        id.ShouldNotBeNull();
        var card = await JsonAsync(admin, $"/api/v1/documents/{id}");
        card.GetProperty("typeCode").GetString().ShouldBe("internal-memo");
        card.GetProperty("customFields").GetProperty(site).GetString().ShouldBe("ЖК «Северный»");
    }

    [Fact]
    public async Task Card_ShowsAValueOfAFieldTheTypeNowHides_AndLetsItBeCleared()
    {
        using var host = NewHost();
        var admin = await host.AdminAsync();
        var (secret, floors) = (Code("secret"), Code("floors"));
        await FieldAsync(admin, secret, "Гриф");
        await FieldAsync(admin, floors, "Этажность");
        var document = await DocumentTestData.RegisterAsync(admin, new
        {
            typeCode = "internal-memo",
            title = "О пропускном режиме",
            customFields = new Dictionary<string, object> { [secret] = "ДСП" },
        });
        await SetModesAsync(admin, "internal-memo", new() { [secret] = "hidden", [floors] = "hidden" });
        SignIn(host, await FileTestKit.AdminIdAsync(host));

        var cut = RenderPage<DocumentCard>((nameof(DocumentCard.Id), document.Id()));

        cut.WaitForAssertion(() => cut.Find($"[data-testid=cf-view-{secret}]").TextContent.ShouldContain("ДСП"));
        cut.Find("[data-testid=doc-edit]").Click();
        cut.WaitForAssertion(() => cut.Find($"[data-testid=cf-not-used-{secret}]").TextContent.ShouldContain("Не используется для документов этого типа"));
        cut.FindAll($"[data-testid=cf-{floors}]").ShouldBeEmpty();
        Input(cut, $"cf-{secret}").Change("");
        cut.Find("[data-testid=doc-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doc-save]").ShouldBeEmpty());
        cut.FindAll($"[data-testid=cf-view-{secret}]").ShouldBeEmpty();
        (await JsonAsync(admin, $"/api/v1/documents/{document.Id()}")).GetProperty("customFields").TryGetProperty(secret, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task SettingsDialog_PreselectsTheFieldsOwnMode_AndSavesTheChosenOnes()
    {
        using var host = NewHost();
        var admin = await host.AdminAsync();
        var (inspector, stage) = (Code("inspector"), Code("stage"));
        await FieldAsync(admin, inspector, "Инспектор", required: true);
        await FieldAsync(admin, stage, "Этап");
        var type = await DocumentTestData.OwnTypeAsync(admin, "Р-{n}");
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        var cut = RenderPage<DocumentSettings>();
        cut.WaitForElement("[data-testid=doctype-table]");

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doctype-name]").Single(n => n.TextContent == type.Str("name")).Closest("tr")!.Click());
        cut.WaitForElement("[data-testid=doctype-dialog]");
        cut.WaitForAssertion(() => Shown(cut, $"doctype-cf-{inspector}").ShouldBe("Обязательно"));
        Shown(cut, $"doctype-cf-{stage}").ShouldBe("Показано");
        await cut.InvokeAsync(() => Select(cut, $"doctype-cf-{inspector}").ValueChanged.InvokeAsync("hidden"));
        await cut.InvokeAsync(() => Select(cut, $"doctype-cf-{stage}").ValueChanged.InvokeAsync("required"));
        cut.Find("[data-testid=doctype-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doctype-dialog]").ShouldBeEmpty());
        var saved = (await DocumentTestData.TypeAsync(admin, type.Str("code")!)).GetProperty("customFieldSettings");
        saved.GetProperty(inspector).GetString().ShouldBe("hidden");
        saved.GetProperty(stage).GetString().ShouldBe("required");
        var missing = await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = type.Str("code"), title = "Смета на кровлю" });
        (await DocumentTestData.ProblemAsync(missing, HttpStatusCode.BadRequest)).FieldCodes("customFields." + stage).ShouldBe(["required"]);
    }
}
