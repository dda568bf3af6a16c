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

/// <summary>The leads and deals pages over a running host: what a manager sees and what a drag does.</summary>
public sealed class SalesPagesUiTests : HostedComponentTest
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private async Task<HttpClient> AdminAsync()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        SignIn(host, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid());
        return admin;
    }

    private static async Task<(Guid Pipeline, List<Guid> Stages)> PipelineAsync(HttpClient admin, string name)
    {
        var created = await (await admin.PostAsJsonAsync("/api/v1/pipelines", new { name, stages = new[] { "Первичный контакт", "Переговоры" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), created.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList());
    }

    private static void Drag(IRenderedComponent<IComponent> cut, Guid cardId, Guid toStage)
    {
        cut.Find($"[data-testid=kanban-card-{cardId}]").Closest(".mud-drop-item")!.DragStart();
        cut.Find($"[data-testid=kanban-column-{toStage}] .mud-drop-zone").Drop();
    }

    [Fact]
    public async Task LeadBoard_DragToTheNextOpenStage_MovesTheLead()
    {
        var admin = await AdminAsync();
        var tag = Tag();
        var lead = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/leads", new { title = $"Звонок {tag}" }));
        var stages = (await JsonAsync(admin, "/api/v1/leads/board?take=1")).GetProperty("columns").EnumerateArray()
            .Select(c => c.GetProperty("stage").GetProperty("id").GetGuid()).ToList();

        var cut = RenderPage<LeadBoard>();
        cut.WaitForAssertion(() => cut.Find($"[data-testid=kanban-column-{stages[0]}] [data-testid=kanban-card-{lead}]"));
        Drag(cut, lead, stages[1]);

        cut.WaitForAssertion(() => cut.Find($"[data-testid=kanban-column-{stages[1]}] [data-testid=kanban-card-{lead}]"));
        var moved = await JsonAsync(admin, $"/api/v1/leads/{lead}");
        moved.GetProperty("stageId").GetGuid().ShouldBe(stages[1]);
    }

    [Fact]
    public async Task LeadBoard_DropOnTheOutcome_AsksForTheResult_AndCancelPutsTheCardBack()
    {
        var admin = await AdminAsync();
        var lead = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/leads", new { title = $"Визитка {Tag()}" }));
        var stages = (await JsonAsync(admin, "/api/v1/leads/board?take=1")).GetProperty("columns").EnumerateArray()
            .Select(c => c.GetProperty("stage").GetProperty("id").GetGuid()).ToList();

        var cut = RenderPage<LeadBoard>();
        cut.WaitForAssertion(() => cut.Find($"[data-testid=kanban-card-{lead}]"));
        Drag(cut, lead, stages[^1]);
        cut.WaitForAssertion(() => cut.Find("[data-testid=outcome-dialog]"));
        cut.Find("[data-testid=outcome-cancel]").Click();

        cut.WaitForAssertion(() => cut.Find($"[data-testid=kanban-column-{stages[0]}] [data-testid=kanban-card-{lead}]"));
        (await JsonAsync(admin, $"/api/v1/leads/{lead}")).GetProperty("status").GetString().ShouldBe("open");
    }

    [Fact]
    public async Task NewLead_WithoutTitle_SaysSoBesideTheField_AndCreatesNothing_ThenCreatesIt()
    {
        var admin = await AdminAsync();
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var tag = Tag();
        var cut = RenderPage<MudSpacer>();
        var dialogs = Ctx.Services.GetRequiredService<IDialogService>();
        var localizer = Ctx.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Letopis.Web.Resources.SharedResource>>();
        Task<Guid?>? created = null;
        await cut.InvokeAsync(() => { created = NewLeadDialog.OpenAsync(dialogs, localizer); });
        cut.WaitForAssertion(() => cut.Find("[data-testid=lead-save]"));
        Task<int> MineAsync() => host.WithDbAsync(db => db.Leads.CountAsync(l => l.CompanyName == $"ООО «Мел {tag}»"));

        new TypedInput(cut.Find("[data-testid=lead-company] input, input[data-testid=lead-company]")).Change($"ООО «Мел {tag}»");
        cut.Find("[data-testid=lead-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=lead-title] input, input[data-testid=lead-title]").Closest(".mud-input-control")!
            .TextContent.ShouldContain("Обязательное поле"));
        (await MineAsync()).ShouldBe(0);

        new TypedInput(cut.Find("[data-testid=lead-title] input, input[data-testid=lead-title]")).Change($"Звонок {tag}");
        cut.Find("[data-testid=lead-save]").Click();
        var id = await created!.WaitAsync(TimeSpan.FromSeconds(15));

        id.ShouldNotBeNull();
        (await JsonAsync(admin, $"/api/v1/leads/{id}")).GetProperty("title").GetString().ShouldBe($"Звонок {tag}");
        (await MineAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task LeadList_ShowsANewRepeatLead_WithItsRepeatMark()
    {
        var admin = await AdminAsync();
        var tag = string.Concat(Enumerable.Range(0, 8).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));
        var client = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «Шпат {tag}»", inn = TestRequisites.Inn10() }));
        var inn = (await JsonAsync(admin, $"/api/v1/counterparties/{client}")).GetProperty("inn").GetString();
        await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/leads", new { title = $"Повтор {tag}", inn }));

        var cut = RenderPage<LeadList>();

        // Newest first: the lead just made leads the first page, marked as a repeat of the client.
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=lead-row]").Single(r => r.TextContent.Contains($"Повтор {tag}", StringComparison.Ordinal))
            .TextContent.ShouldContain("Повторный"), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task DealList_FilteredByPipeline_ListsItsDeals()
    {
        var admin = await AdminAsync();
        var tag = Tag();
        var (pipeline, _) = await PipelineAsync(admin, $"Экспорт {tag}");
        await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/deals", new { title = $"Экспорт {tag}", pipelineId = pipeline, amount = 10m }));
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/deals/list?pipelineId={pipeline}");

        var cut = RenderPage<DealList>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=deal-row]").Select(r => r.TextContent).ShouldBe([$"Экспорт {tag}"]));
        cut.Find("[data-testid=deals-total]").TextContent.ShouldContain("1");
    }

    [Fact]
    public async Task LeadCard_ConvertedLead_LinksWhatWasCreatedFromIt()
    {
        var admin = await AdminAsync();
        var tag = Tag();
        var lead = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/leads", new { title = $"Заявка {tag}", contactName = $"Орлов {tag}" }));
        var converted = await admin.PostAsJsonAsync($"/api/v1/leads/{lead}/convert", new { createContact = true, createCompany = false, createDeal = false });
        converted.EnsureSuccessStatusCode();
        var contact = (await converted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contactId").GetGuid();

        var cut = RenderPage<LeadCardPage>(("Id", lead));

        cut.WaitForAssertion(() => cut.Find("[data-testid=lead-status]").GetAttribute("data-status").ShouldBe("converted"));
        cut.Find("[data-testid=lead-created-contact]").GetAttribute("href").ShouldBe($"/contacts/{contact}");
        cut.FindAll("[data-testid=lead-created-deal]").ShouldBeEmpty();
        cut.FindAll("[data-testid=lead-outcome]").ShouldBeEmpty();
    }

    [Fact]
    public async Task DealBoard_ShowsTheColumnSum_AndADragMovesTheDeal()
    {
        var admin = await AdminAsync();
        var tag = Tag();
        var (pipeline, stages) = await PipelineAsync(admin, $"Тендеры {tag}");
        var deal = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/deals", new
        {
            title = $"Поставка {tag}",
            pipelineId = pipeline,
            items = new[] { new { name = "Бетон", quantity = 3m, price = 411522.63m, vatRate = (int?)20 } },
        }));
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/deals?pipelineId={pipeline}");

        var cut = RenderPage<DealBoard>();
        cut.WaitForAssertion(() => cut.Find($"[data-testid=kanban-column-{stages[0]}] [data-testid=kanban-card-{deal}]"));
        cut.Find($"[data-testid=kanban-column-{stages[0]}] [data-testid=kanban-sum]").TextContent.ShouldBe("1\u00a0234\u00a0567,89 ₽");
        Drag(cut, deal, stages[1]);

        cut.WaitForAssertion(() => cut.Find($"[data-testid=kanban-column-{stages[1]}] [data-testid=kanban-count]").TextContent.ShouldBe("1"));
        (await JsonAsync(admin, $"/api/v1/deals/{deal}")).GetProperty("stage").GetProperty("id").GetGuid().ShouldBe(stages[1]);
    }

    [Fact]
    public async Task DealCard_ShowsTheCompanyLinkContactsItemsAndTheStageBar()
    {
        var admin = await AdminAsync();
        var tag = Tag();
        var (pipeline, stages) = await PipelineAsync(admin, $"Опт {tag}");
        var company = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «Кварц {tag}»" }));
        var deal = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/deals", new
        {
            title = $"Кварц {tag}",
            pipelineId = pipeline,
            companyId = company,
            items = new[] { new { name = "Песок", quantity = 1.5m, price = 0.05m, vatRate = (int?)null } },
        }));

        var cut = RenderPage<DealCardPage>(("Id", deal));

        cut.WaitForAssertion(() => cut.Find("[data-testid=deal-card-title]").TextContent.ShouldBe($"Кварц {tag}"));
        cut.Find("[data-testid=deal-company-link]").GetAttribute("href").ShouldBe($"/counterparties/{company}");
        cut.Find($"[data-testid=stage-{stages[0]}]").GetAttribute("data-state").ShouldBe("current");
        cut.Find("[data-testid=deal-items-total]").TextContent.ShouldBe("0,08 ₽");
    }

    [Fact]
    public async Task DealCard_DocumentsTab_ListsTheDocumentsRegisteredOnTheDeal()
    {
        var admin = await AdminAsync();
        var tag = Tag();
        var (pipeline, _) = await PipelineAsync(admin, $"Проекты {tag}");
        var company = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «Гипс {tag}»" }));
        var deal = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/deals", new { title = $"Проект {tag}", pipelineId = pipeline, companyId = company }));
        await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/documents",
            new { typeCode = "contract", title = $"Договор поставки {tag}", counterpartyId = company, dealId = deal }));

        var cut = RenderPage<DealCardPage>(("Id", deal));
        cut.WaitForAssertion(() => cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Документы и файлы")).Click());

        cut.WaitForAssertion(() => cut.Find("[data-testid=deal-document]").TextContent.ShouldContain($"Договор поставки {tag}"));
        cut.FindAll("[data-testid=deal-document]").Count.ShouldBe(1);
    }

    [Fact]
    public async Task DealCard_History_NamesTheStagesTheDealPassed()
    {
        var admin = await AdminAsync();
        var tag = Tag();
        var (pipeline, stages) = await PipelineAsync(admin, $"Монтаж {tag}");
        var deal = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/deals", new { title = $"Монтаж {tag}", pipelineId = pipeline }));
        (await admin.PostAsJsonAsync($"/api/v1/deals/{deal}/stage", new { stageId = stages[1] })).EnsureSuccessStatusCode();

        var cut = RenderPage<DealCardPage>(("Id", deal));
        cut.WaitForAssertion(() => cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("История")).Click());

        cut.WaitForAssertion(() => cut.Find("[data-testid=deal-history]").TextContent.ShouldContain("Переговоры"));
        cut.Find("[data-testid=deal-history]").TextContent.ShouldContain("Стадия");
        cut.Find("[data-testid=deal-history]").TextContent.ShouldNotContain(stages[1].ToString());
    }

    [Fact]
    public async Task CounterpartyDeals_ListsTheCompanysDeals()
    {
        var admin = await AdminAsync();
        var tag = Tag();
        var (pipeline, _) = await PipelineAsync(admin, $"Розница {tag}");
        var company = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «Слюда {tag}»" }));
        await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/deals", new { title = $"Слюда {tag}", pipelineId = pipeline, companyId = company, amount = 1500m }));

        var cut = RenderPage<CounterpartyDeals>(("CounterpartyId", company), ("CounterpartyName", $"ООО «Слюда {tag}»"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=deal-row]").TextContent.ShouldContain($"Слюда {tag}"));
        var brief = Ctx.Render<CounterpartyDealsBrief>(p => p.Add(b => b.CounterpartyId, company));
        brief.WaitForAssertion(() => brief.Find("[data-testid=cp-deal-brief]").TextContent.ShouldContain("1\u00a0500,00 ₽"));
        cut.Find("[data-testid=deal-row-stage]").TextContent.ShouldBe("Первичный контакт");
        cut.Find("[data-testid=deal-row-amount]").TextContent.ShouldBe("1\u00a0500,00 ₽");
    }
}
