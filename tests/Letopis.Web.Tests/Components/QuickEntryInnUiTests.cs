using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Counterparties;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components;

/// <summary>Quick entry explains a wrong ИНН before it looks for duplicates, and says how it is wrong.</summary>
public sealed class QuickEntryInnUiTests : HostedComponentTest
{
    private static IElement FieldOf(IRenderedComponent<IComponent> cut, string testId) =>
        cut.Find($"[data-testid={testId}] input, input[data-testid={testId}]").Closest(".mud-input-control")!;

    private static void Type(IRenderedComponent<IComponent> cut, string testId, string value) =>
        new TypedInput(cut.Find($"[data-testid={testId}] input, input[data-testid={testId}]")).Change(value);

    private async Task<(IRenderedComponent<IComponent> Cut, HttpClient Admin, IDialogReference Dialog)> OpenAsync(Guid? userId = null)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        SignIn(host, userId ?? (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid());
        var cut = RenderPage<MudSpacer>();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await cut.InvokeAsync(async () => dialog = await dialogs.ShowAsync<QuickAddDialog>("Новый контрагент"));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=qa-save]").ShouldNotBeEmpty());
        return (cut, admin, dialog!);
    }

    [Fact]
    public async Task Save_WrongInnOfALookAlike_ExplainsFormatLengthChecksumFirst_ThenWarnsOfTheDuplicate()
    {
        var (cut, admin, dialog) = await OpenAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"Гранит {tag}" })).EnsureSuccessStatusCode();
        var valid = TestRequisites.Inn10();
        var typo = valid[..9] + (char)('0' + (valid[9] - '0' + 1) % 10);
        Type(cut, "qa-name", $"ООО «Гранит {tag}»");

        foreach (var (inn, message) in new[]
        {
            ("77О7083893", "ИНН состоит только из цифр"),
            ("12345", "ИНН — 10 цифр у организации или 12 у ИП"),
            (typo, "Контрольная сумма не сходится — проверьте цифры"),
        })
        {
            Type(cut, "qa-inn", inn);
            cut.Find("[data-testid=qa-save]").Click();
            cut.WaitForAssertion(() => FieldOf(cut, "qa-inn").TextContent.ShouldContain(message));
            cut.FindAll("[data-testid=qa-duplicates]").ShouldBeEmpty();
            cut.Find("[data-testid=qa-save]").TextContent.Trim().ShouldBe("Сохранить");
        }

        Type(cut, "qa-inn", valid);
        cut.Find("[data-testid=qa-save]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=qa-duplicates]").TextContent.ShouldContain($"Гранит {tag}"));
        FieldOf(cut, "qa-inn").QuerySelectorAll(".mud-input-error").ShouldBeEmpty();
        cut.Find("[data-testid=qa-save]").TextContent.Trim().ShouldBe("Всё равно сохранить");

        cut.Find("[data-testid=qa-save]").Click();
        (await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10)))!.Canceled.ShouldBeFalse();
        // The snackbar names the card once, with its own quotes: no «ООО «Гранит»».
        Ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message)
            .ShouldContain($"Контрагент ООО «Гранит {tag}» добавлен");
    }

    [Fact]
    public async Task Save_InnOfACardTheUserCannotSee_SaysItExistsWithoutNamingIt_AndSavesOnlyWhenConfirmed()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var owner = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Снабжение"));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var inn = TestRequisites.Inn10();
        (await (await host.ClientAsync(owner.Login, owner.Password)).PostAsJsonAsync("/api/v1/counterparties", new { name = $"Базальт {tag}", inn }))
            .EnsureSuccessStatusCode();
        // The quick entry's user is an employee of another department: the card is not theirs to see.
        var me = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Продажи"));
        var (cut, admin, dialog) = await OpenAsync(me.Id);
        Type(cut, "qa-name", $"Совсем другое имя {tag}");
        Type(cut, "qa-inn", inn);

        cut.Find("[data-testid=qa-save]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=qa-duplicates]").GetAttribute("data-same-inn").ShouldBe("yes"));
        cut.Find("[data-testid=qa-duplicates-hidden]").TextContent.ShouldContain("Карточка с таким ИНН есть и среди недоступных вам");
        cut.Find("[data-testid=qa-duplicates]").TextContent.ShouldNotContain("Базальт");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={inn}")).GetProperty("total").GetInt32().ShouldBe(1);

        cut.Find("[data-testid=qa-save]").Click();
        (await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10)))!.Canceled.ShouldBeFalse();
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={inn}")).GetProperty("total").GetInt32().ShouldBe(2);
        Ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message)
            .ShouldContain($"Контрагент «Совсем другое имя {tag}» добавлен");
    }
}
