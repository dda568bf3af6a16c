using System.Net.Http.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Web.Tests.Components;

/// <summary>The top-bar search box suggests the first matches as the user types.</summary>
public sealed class HeaderSearchTests : HostedComponentTest
{
    private static string Marker() =>
        string.Concat(Enumerable.Range(0, 9).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));

    [Fact]
    public async Task Typing_TwoLettersOfAVisibleCard_SuggestsItAndEnterOpensIt()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var marker = Marker();
        // A card the employee may not see is not suggested to them.
        var hidden = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «Скрытая {marker}»" }));
        var employee = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Подсказки"));
        var own = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «Своя {marker}»", responsibleId = employee.Id }));
        SignIn(host, employee.Id);
        var navigation = Ctx.Services.GetRequiredService<NavigationManager>();

        var cut = RenderPage<HeaderSearch>();
        var input = new TypedInput(cut.Find("[data-testid=global-search] input, input[data-testid=global-search]"));
        input.Change(marker[..2]);
        cut.FindAll("[data-testid=search-suggestion]").ShouldBeEmpty();
        input.Change(marker);

        cut.WaitForAssertion(() =>
        {
            var suggestion = cut.FindAll("[data-testid=search-suggestion]").ShouldHaveSingleItem();
            suggestion.TextContent.ShouldContain($"ООО «Своя {marker}»");
            suggestion.GetAttribute("href").ShouldBe($"/counterparties/{own}");
        }, TimeSpan.FromSeconds(10));
        hidden.ShouldNotBe(own);

        var box = cut.Find("[data-testid=global-search] input, input[data-testid=global-search]");
        box.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowDown" });
        // The list lives in the popover provider, which renders after the box.
        cut.WaitForAssertion(() => cut.Find("[data-testid=search-suggestion]").GetAttribute("aria-selected").ShouldBe("true"));
        box.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        navigation.Uri.ShouldEndWith($"/counterparties/{own}");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=search-suggestion]").ShouldBeEmpty());
    }

    [Fact]
    public async Task Enter_WithNoSuggestionChosen_OpensAllResults()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        SignIn(host, (await host.CreateUserAsync()).Id);
        var navigation = Ctx.Services.GetRequiredService<NavigationManager>();

        var cut = RenderPage<HeaderSearch>();
        var input = new TypedInput(cut.Find("[data-testid=global-search] input, input[data-testid=global-search]"));
        input.Change("Гранит");
        cut.Find("[data-testid=global-search] input, input[data-testid=global-search]")
            .KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        navigation.Uri.ShouldEndWith("/search?q=" + Uri.EscapeDataString("Гранит"));
    }
}
