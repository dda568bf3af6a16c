using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using Letopis.Web.Tests.Crm;

namespace Letopis.Web.Tests.Deals;

/// <summary>The kanban board: counts and sums per column, the first cards newest first, «load more», «мои», and who sees what.</summary>
public class DealBoardApiTests
{
    private static JsonElement ColumnOf(JsonElement board, Guid stageId) =>
        board.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("stage").Id() == stageId);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Board_CountsAndSumsEveryColumn_ShowsTheFirstCards_AndLoadsMore(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var pipeline = await DealsApi.PipelineAsync(client, "Новая", "Переговоры");
        var company = await CardDataApiTests.CounterpartyAsync(client, "ООО «Доска»");
        var ids = new List<Guid>();
        for (var i = 1; i <= 5; i++)
            ids.Add((await DealsApi.DealAsync(client, new { title = $"Сделка {i}", pipelineId = pipeline.Id(), amount = i * 100.10m, companyId = company })).Id());
        await DealsApi.DealAsync(client, new { title = "В переговорах", pipelineId = pipeline.Id(), stageId = pipeline.StageId("open", 1), amount = 7 });
        await client.PostAsJsonAsync($"/api/v1/deals/{ids[0]}/stage", new { stageId = pipeline.StageId("won") });

        var board = await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals/board?pipelineId={pipeline.Id()}&take=2");
        board.GetProperty("pipeline").Id().ShouldBe(pipeline.Id());
        board.GetProperty("columns").GetArrayLength().ShouldBe(4);
        var first = ColumnOf(board, pipeline.StageId("open"));
        first.GetProperty("count").GetInt64().ShouldBe(4);
        first.GetProperty("amount").GetDecimal().ShouldBe(200.20m + 300.30m + 400.40m + 500.50m);
        var cards = first.GetProperty("cards").EnumerateArray().ToList();
        cards.Select(c => c.Id()).ShouldBe([ids[4], ids[3]]);
        cards[0].GetProperty("company").GetProperty("name").GetString()!.ShouldStartWith("ООО «Доска»");
        cards[0].GetProperty("amount").GetDecimal().ShouldBe(500.50m);
        ColumnOf(board, pipeline.StageId("won")).GetProperty("count").GetInt64().ShouldBe(1);
        ColumnOf(board, pipeline.StageId("won")).GetProperty("amount").GetDecimal().ShouldBe(100.10m);
        ColumnOf(board, pipeline.StageId("lost")).GetProperty("cards").GetArrayLength().ShouldBe(0);

        var more = await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals/board/columns/{pipeline.StageId("open")}?after={ids[3]}&take=10");
        more.EnumerateArray().Select(c => c.Id()).ShouldBe([ids[2], ids[1]]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task HiddenDeal_IsNotFound_AndLeftOutOfBoardListAndCounts(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var pipeline = await DealsApi.PipelineAsync(admin, "Новая");
        var owner = await host.CreateUserAsync("employee", await host.CreateDepartmentAsync("Отдел А " + Guid.NewGuid().ToString("N")[..4]));
        var stranger = await host.CreateUserAsync("employee", await host.CreateDepartmentAsync("Отдел Б " + Guid.NewGuid().ToString("N")[..4]));
        var ownerClient = await host.ClientAsync(owner.Login, owner.Password);
        var strangerClient = await host.ClientAsync(stranger.Login, stranger.Password);
        var deal = await DealsApi.DealAsync(ownerClient, new { title = "Секретная сделка", pipelineId = pipeline.Id(), amount = 999 });
        var mine = await DealsApi.DealAsync(strangerClient, new { title = "Своя сделка", pipelineId = pipeline.Id(), amount = 1 });

        (await ownerClient.GetAsync($"/api/v1/deals/{deal.Id()}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await strangerClient.GetAsync($"/api/v1/deals/{deal.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangerClient.GetAsync($"/api/v1/deals/{deal.Id()}/timeline")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangerClient.GetAsync($"/api/v1/deals/{deal.Id()}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangerClient.PatchAsJsonAsync($"/api/v1/deals/{deal.Id()}", new { title = "Взлом" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangerClient.PostAsJsonAsync($"/api/v1/deals/{deal.Id()}/stage", new { stageId = pipeline.StageId("won") })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var list = await strangerClient.GetFromJsonAsync<JsonElement>($"/api/v1/deals?pipelineId={pipeline.Id()}");
        list.GetProperty("items").EnumerateArray().Select(d => d.Id()).ShouldBe([mine.Id()]);
        var board = await strangerClient.GetFromJsonAsync<JsonElement>($"/api/v1/deals/board?pipelineId={pipeline.Id()}");
        var column = ColumnOf(board, pipeline.StageId("open"));
        column.GetProperty("count").GetInt64().ShouldBe(1);
        column.GetProperty("amount").GetDecimal().ShouldBe(1m);
        column.GetProperty("cards").EnumerateArray().Select(c => c.Id()).ShouldBe([mine.Id()]);

        // The admin sees both; «мои» narrows to the caller's own.
        var all = ColumnOf(await admin.GetFromJsonAsync<JsonElement>($"/api/v1/deals/board?pipelineId={pipeline.Id()}"), pipeline.StageId("open"));
        all.GetProperty("count").GetInt64().ShouldBe(2);
        var ownerMine = ColumnOf(await ownerClient.GetFromJsonAsync<JsonElement>($"/api/v1/deals/board?pipelineId={pipeline.Id()}&mine=true"), pipeline.StageId("open"));
        ownerMine.GetProperty("cards").EnumerateArray().Select(c => c.Id()).ShouldBe([deal.Id()]);
        ownerMine.GetProperty("amount").GetDecimal().ShouldBe(999m);
    }
}
