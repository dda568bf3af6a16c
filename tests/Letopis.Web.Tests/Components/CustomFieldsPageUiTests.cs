using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Admin;
using Letopis.Web.Tests.DocumentFiles;

namespace Letopis.Web.Tests.Components;

/// <summary>The custom fields page offers fields only on the kinds of records the product has.</summary>
public sealed class CustomFieldsPageUiTests : HostedComponentTest
{
    [Fact]
    public async Task Tabs_ListEveryKindOfRecord_LeadsAndDealsNamedInRussian()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        SignIn(host, await FileTestKit.AdminIdAsync(host));

        var cut = RenderPage<CustomFields>();

        cut.WaitForAssertion(() => cut.FindAll(".mud-tab").Select(t => t.TextContent.Split(" (")[0].Trim())
            .ShouldBe(["Лиды", "Контрагенты", "Контактные лица", "Сделки", "Документы"]));
    }
}
