using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class SalesJourneyTests(LetopisServer server)
{
    [Fact]
    public async Task Manager_DragsALeadToTheOutcome_ConvertsItGivingTheMissingInn_AndMovesTheDealOnTheBoard()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var company = $"ООО «Кровля-Сервис {suffix}»";
        var person = $"Лаптев Григорий {suffix}";
        using var api = await server.ApiAsync("ivanova");
        var stages = await StagesAsync(api, "lead");
        var outcome = stages.Single(s => s.Semantic == "outcome");
        var sales = (await PipelinesAsync(api)).Single(p => p.Name == "Продажи");
        var created = await api.PostAsJsonAsync("/api/v1/leads", new
        {
            title = $"Заявка с сайта: кровля склада ({suffix})",
            companyName = company,
            contactName = person,
            phone = $"+7495{Random.Shared.Next(2_000_000, 9_999_999)}",
            email = $"roof{suffix}@client.example",
        });
        created.EnsureSuccessStatusCode();
        var leadId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var inn = Inn10();

        var page = await server.NewPageAsync();
        await page.SignInAsync("ivanova", LetopisServer.DemoPassword);
        await page.GoAsync("/leads/board");
        var card = page.Locator($"[data-testid=kanban-card-{leadId}]");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await page.ShotAsync(server, "leads-board");

        // The final column asks for the result.
        await card.DragToAsync(page.Locator($"[data-testid=kanban-column-{outcome.Id}]"));
        await page.WaitForSelectorAsync("[data-testid=outcome-dialog]");
        foreach (var what in new[] { "outcome-quality", "convert-contact", "convert-company", "convert-deal" })
            await page.TickAsync(what);
        await page.PickAsync("pipeline-select", "Продажи");

        // The company needs an ИНН the lead does not have: exactly that field is asked for, and a wrong one is named.
        var innField = page.Field("missing-field-inn");
        if (!await WaitAsync(innField, 5000))
        {
            await page.ClickAsync("[data-testid=convert-submit]");
            await innField.WaitForAsync();
        }
        await Assertions.Expect(page.Locator("[data-testid=missing-fields] input")).ToHaveCountAsync(1);
        await innField.FillAsync("7701000000");
        await page.ClickAsync("[data-testid=convert-submit]");
        await Assertions.Expect(page.Locator("[data-testid=missing-fields]")).ToContainTextAsync("ИНН");
        await Assertions.Expect(page.Locator("[data-testid=outcome-dialog]")).ToBeVisibleAsync();
        await innField.FillAsync(inn);
        await page.ShotAsync(server, "lead-conversion");
        await page.ClickAsync("[data-testid=convert-submit]");

        // The deal card, with the new company and contact attached.
        await page.WaitForURLAsync(url => url.Contains("/deals/", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-testid=deal-company-link]")).ToHaveTextAsync(company);
        await Assertions.Expect(page.Locator("[data-testid=deal-contacts]")).ToContainTextAsync(person);
        var dealId = Guid.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..].Split('?', '#')[0]);
        var lead = await api.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{leadId}");
        lead.GetProperty("status").GetString().ShouldBe("converted");
        var deal = await api.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{dealId}");
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{deal.GetProperty("companyId").GetGuid()}")).GetProperty("inn").GetString().ShouldBe(inn);
        await page.ShotAsync(server, "deal-card");

        // On the pipeline's board the deal stands in the first stage; dragged to the next, it stays there.
        await page.GoAsync($"/deals?pipelineId={sales.Id}");
        var dealCard = page.Locator($"[data-testid=kanban-card-{dealId}]");
        await Assertions.Expect(page.Locator($"[data-testid=kanban-column-{sales.Stages[0].Id}] [data-testid=kanban-card-{dealId}]")).ToBeVisibleAsync();
        await dealCard.DragToAsync(page.Locator($"[data-testid=kanban-column-{sales.Stages[1].Id}]"));
        await Assertions.Expect(page.Locator($"[data-testid=kanban-column-{sales.Stages[1].Id}] [data-testid=kanban-card-{dealId}]")).ToBeVisibleAsync();
        await WaitForStageAsync(api, dealId, sales.Stages[1].Id);
        await page.ShotAsync(server, "deals-board");
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator($"[data-testid=kanban-column-{sales.Stages[1].Id}] [data-testid=kanban-card-{dealId}]")).ToBeVisibleAsync();
    }

    private sealed record Stage(Guid Id, string Name, string Semantic);

    private sealed record Pipeline(Guid Id, string Name, List<Stage> Stages);

    /// <summary>Ticks a MudBlazor check box or radio marked with <c>data-testid</c> (on its input or a wrapper) by its label.</summary>
    private static async Task<bool> WaitAsync(ILocator locator, int milliseconds)
    {
        try
        {
            await locator.WaitForAsync(new LocatorWaitForOptions { Timeout = milliseconds });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static async Task WaitForStageAsync(HttpClient api, Guid dealId, Guid stageId)
    {
        for (var i = 0; i < 50; i++)
        {
            var deal = await api.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{dealId}");
            if (deal.GetProperty("stage").GetProperty("id").GetGuid() == stageId)
                return;
            await Task.Delay(100);
        }
        throw new ShouldAssertException($"The deal did not reach stage {stageId}.");
    }

    private static async Task<List<Pipeline>> PipelinesAsync(HttpClient api, string kind = "deal")
    {
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/pipelines?kind={kind}");
        return page.GetProperty("items").EnumerateArray().Select(p => new Pipeline(
            p.GetProperty("id").GetGuid(), p.GetProperty("name").GetString()!,
            p.GetProperty("stages").EnumerateArray()
                .Select(s => new Stage(s.GetProperty("id").GetGuid(), s.GetProperty("name").GetString()!, s.GetProperty("semantic").GetString()!))
                .ToList())).ToList();
    }

    private static async Task<List<Stage>> StagesAsync(HttpClient api, string kind) => (await PipelinesAsync(api, kind)).Single().Stages;

    /// <summary>A valid 10-digit ИНН no one else has (region 77, a random body, the checksum).</summary>
    private static string Inn10()
    {
        var digits = "77" + Random.Shared.Next(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        int[] weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
        var sum = digits.Select((c, i) => (c - '0') * weights[i]).Sum();
        return digits + (sum % 11 % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
