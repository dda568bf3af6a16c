using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Sales;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Letopis.Web.Tests.Components.Sales;

/// <summary>The result of a lead as a manager gives it: junk with a reason, or converted, filling exactly what is missing.</summary>
public sealed class OutcomeDialogUiTests : HostedComponentTest
{
    private static string Input(string testId) => $"[data-testid={testId}] input, input[data-testid={testId}]";

    private async Task<(LetopisHost Host, HttpClient Admin, Guid LeadId)> LeadAsync(object body)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        SignIn(host, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid());
        var response = await admin.PostAsJsonAsync("/api/v1/leads", body);
        return (host, admin, await IdOfAsync(response));
    }

    private async Task<(IRenderedComponent<IComponent> Cut, Task<LeadOutcome?> Outcome)> OpenAsync(Guid leadId)
    {
        var cut = RenderPage<MudSnackbarProvider>();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        var localizer = Ctx.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Letopis.Web.Resources.SharedResource>>();
        Task<LeadOutcome?>? outcome = null;
        await cut.InvokeAsync(() => { outcome = OutcomeDialog.OpenAsync(dialogs, localizer, leadId); });
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=outcome-quality]").ShouldNotBeEmpty());
        return (cut, outcome!);
    }

    /// <summary>Ticks a checkbox or picks a radio button: Mud listens to <c>change</c> on one and <c>click</c> on the other.</summary>
    private static void Check(IRenderedComponent<IComponent> cut, string testId)
    {
        var input = cut.Find(Input(testId));
        try
        {
            input.Change(true);
        }
        catch (MissingEventHandlerException)
        {
            input.Click();
        }
    }

    [Fact]
    public async Task Convert_ContactCompanyDealWithoutInn_AsksForExactlyTheInn_ThenLandsOnTheDealWithBoth()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (host, admin, leadId) = await LeadAsync(new { title = $"Заявка {tag}", companyName = $"ООО «Гранит {tag}»", contactName = $"Петров {tag}" });
        var (cut, outcome) = await OpenAsync(leadId);

        Check(cut, "outcome-quality");
        Check(cut, "convert-contact");
        Check(cut, "convert-company");
        Check(cut, "convert-deal");
        cut.WaitForAssertion(() => cut.FindAll(Input("missing-field-inn")).Count.ShouldBe(1));
        cut.Find("[data-testid=pipeline-select]").ShouldNotBeNull();
        // Exactly the missing field: the company's name and the contact's name come from the lead.
        cut.Find("[data-testid=missing-fields]").QuerySelectorAll("input").Length.ShouldBe(1);

        // Other tests share the database: count what this lead could have made.
        Task<int> MadeAsync() => host.WithDbAsync(async db =>
            await db.Deals.CountAsync(d => d.LeadId == leadId) + await db.Counterparties.CountAsync(c => c.Name.Contains(tag)));
        new TypedInput(cut.Find(Input("missing-field-inn"))).Change("1234567890");
        cut.Find("[data-testid=convert-submit]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=missing-fields]").TextContent.ShouldContain("Неверный ИНН"));
        (await MadeAsync()).ShouldBe(0);

        new TypedInput(cut.Find(Input("missing-field-inn"))).Change(TestRequisites.Inn10());
        cut.Find("[data-testid=convert-submit]").Click();
        var result = await outcome.WaitAsync(TimeSpan.FromSeconds(15));

        result.ShouldNotBeNull();
        var dealId = result.Created!.DealId!.Value;
        result.Target.ShouldBe($"/deals/{dealId}");
        var deal = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{dealId}");
        deal.GetProperty("companyId").GetGuid().ShouldBe(result.Created.CompanyId!.Value);
        deal.GetProperty("contactIds").EnumerateArray().Select(c => c.GetGuid()).ShouldBe([result.Created.ContactId!.Value]);
        var lead = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{leadId}");
        lead.GetProperty("status").GetString().ShouldBe("converted");
    }

    [Fact]
    public async Task Convert_NothingChosen_SaysWhatToChoose_AndCreatesNothing()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (host, admin, leadId) = await LeadAsync(new { title = $"Заявка {tag}", contactName = $"Сидоров {tag}" });
        var (cut, outcome) = await OpenAsync(leadId);

        Check(cut, "outcome-quality");
        cut.Find("[data-testid=convert-submit]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=convert-nothing]").TextContent.ShouldNotBeEmpty());
        outcome.IsCompleted.ShouldBeFalse();
        (await host.WithDbAsync(db => db.ContactPersons.CountAsync(c => c.FullName.Contains(tag)))).ShouldBe(0);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{leadId}")).GetProperty("status").GetString().ShouldBe("open");
    }

    [Fact]
    public async Task Junk_WithoutReason_AsksForIt_WithReason_ClosesTheLead()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (_, admin, leadId) = await LeadAsync(new { title = $"Спам {tag}" });
        var (cut, outcome) = await OpenAsync(leadId);

        Check(cut, "outcome-junk");
        cut.WaitForAssertion(() => cut.Find("[data-testid=junk-submit]"));
        cut.Find("[data-testid=junk-submit]").Click();
        cut.WaitForAssertion(() => cut.Markup.ShouldContain("Выберите причину или напишите комментарий"));
        outcome.IsCompleted.ShouldBeFalse();

        new TypedInput(cut.Find("[data-testid=junk-comment] textarea, textarea[data-testid=junk-comment]")).Change("Звонили с рекламой");
        cut.Find("[data-testid=junk-submit]").Click();
        var result = await outcome.WaitAsync(TimeSpan.FromSeconds(15));

        result.ShouldNotBeNull();
        result.Converted.ShouldBeFalse();
        var lead = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{leadId}");
        lead.GetProperty("status").GetString().ShouldBe("junk");
    }
}
