using AngleSharp.Dom;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Documents;
using Letopis.Web.Tests.DocumentFiles;
using Letopis.Web.Tests.Documents;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>The type editor asks for the gender of the name (masculine unless chosen) and explains the code as the validator reads it.</summary>
public sealed class DocumentTypeGenderUiTests : HostedComponentTest
{
    private static TypedInput Input(IRenderedComponent<IComponent> cut, string testId) =>
        new(cut.Find($"[data-testid={testId}] input, input[data-testid={testId}]"));

    private static MudSelect<string> Select(IRenderedComponent<IComponent> cut, string testId) =>
        cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && (string?)id == testId).Instance;

    [Fact]
    public async Task NewType_PicksTheFeminine_HintsHyphensInTheCode_AndSavesIt()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        var cut = RenderPage<DocumentSettings>();
        cut.WaitForElement("[data-testid=doctype-table]");
        var code = "waybill-" + Guid.NewGuid().ToString("N")[..8];

        cut.Find("[data-testid=doctype-add]").Click();
        cut.WaitForElement("[data-testid=doctype-dialog]");
#pragma warning disable MUD0012 // Reading, not setting, what the select holds.
        Select(cut, "doctype-gender").Value.ShouldBe("masculine");
#pragma warning restore MUD0012
        cut.Find("[data-testid=doctype-code] input, input[data-testid=doctype-code]").Closest(".mud-input-control")!.TextContent
            .ShouldContain("Строчные латинские буквы, цифры, - и _, первая — буква");
        Input(cut, "doctype-name-input").Change("Накладная " + code);
        Input(cut, "doctype-code").Change(code);
        await cut.InvokeAsync(() => Select(cut, "doctype-gender").ValueChanged.InvokeAsync("feminine"));
        cut.Find("[data-testid=doctype-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=doctype-dialog]").ShouldBeEmpty());
        (await DocumentTestData.TypeAsync(admin, code)).GetProperty("gender").GetString().ShouldBe("feminine");
    }
}
