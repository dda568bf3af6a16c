using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Deals;
using Letopis.TestKit;
using Letopis.Web.Tests.Crm;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Deals;

/// <summary>Deals through the API: creating with items, reading the card, editing, moving, listing.</summary>
public class DealsApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithItems_SumsAmountAndVatExactly_AndShowsTheCard(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var pipeline = await DealsApi.PipelineAsync(client, "Новая", "КП отправлено");
        var company = await CardDataApiTests.CounterpartyAsync(client, "ООО «Сделка»");
        var contact = (await (await client.PostAsJsonAsync($"/api/v1/counterparties/{company}/contacts",
            new { fullName = "Лебедев Олег", phone = "+7 916 111-22-33" })).Content.ReadFromJsonAsync<JsonElement>()).Id();

        var response = await client.PostAsJsonAsync("/api/v1/deals", new
        {
            title = "Поставка бетона",
            pipelineId = pipeline.Id(),
            companyId = company,
            contactIds = new[] { contact },
            expectedCloseOn = "2026-12-20",
            items = new object[]
            {
                // 1,5 × 333,33 = 499,995 → 500,00; VAT 20/120 of 500,00 = 83,333… → 83,33
                new { name = "Бетон М300", quantity = 1.5m, unit = "м³", price = 333.33m, vatRate = 20 },
                // 3 × 0,05 = 0,15; VAT 10/110 of 0,15 = 0,01363… → 0,01
                new { name = "Доставка", quantity = 3, price = 0.05m, vatRate = 10 },
                new { name = "Скидка на ничего", quantity = 0.001m, price = 0 },
            },
        });
        var created = await DealsApi.ProblemAsync(response, HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/deals/{created.Id()}");
        created.GetProperty("amount").GetDecimal().ShouldBe(500.15m);
        created.GetProperty("vatAmount").GetDecimal().ShouldBe(83.34m);
        created.GetProperty("currency").GetString().ShouldBe("RUB");

        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{created.Id()}");
        card.GetProperty("title").GetString().ShouldBe("Поставка бетона");
        card.GetProperty("pipeline").GetProperty("id").GetGuid().ShouldBe(pipeline.Id());
        card.GetProperty("stage").GetProperty("name").GetString().ShouldBe("Новая");
        card.GetProperty("stage").GetProperty("semantic").GetString().ShouldBe("open");
        card.GetProperty("companyId").GetGuid().ShouldBe(company);
        card.GetProperty("company").GetProperty("name").GetString()!.ShouldStartWith("ООО «Сделка»");
        card.GetProperty("contactIds").EnumerateArray().Select(c => c.GetGuid()).ShouldBe([contact]);
        card.GetProperty("contacts")[0].GetProperty("fullName").GetString().ShouldBe("Лебедев Олег");
        var items = card.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("amount").GetDecimal()).ShouldBe([500.00m, 0.15m, 0.00m]);
        items.Select(i => i.GetProperty("vatAmount").GetDecimal()).ShouldBe([83.33m, 0.01m, 0m]);
        items[0].GetProperty("quantity").GetDecimal().ShouldBe(1.5m);
        items[0].GetProperty("unit").GetString().ShouldBe("м³");
        card.GetProperty("expectedCloseOn").GetString().ShouldBe("2026-12-20");
        card.GetProperty("responsible").GetProperty("id").GetGuid().ShouldNotBe(Guid.Empty);

        // The deal's timeline and the company's both record its creation; the first transition comes from nowhere.
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{created.Id()}/timeline");
        timeline.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ShouldContain("deal_created");
        var companyTimeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{company}/timeline");
        companyTimeline.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ShouldContain("deal_created");
        var transition = await host.WithDbAsync(db => db.StageTransitions.SingleAsync(t => t.EntityId == created.Id()));
        transition.FromStageId.ShouldBeNull();
        transition.ToStageId.ShouldBe(pipeline.StageId("open"));

        // The counterparty card's deals tab lists it.
        var tab = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{company}/deals");
        tab.GetProperty("items").EnumerateArray().Select(d => d.Id()).ShouldBe([created.Id()]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_BadInput_NamesTheField_AndCreatesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var pipeline = await DealsApi.PipelineAsync(admin, "Первая");
        var other = await DealsApi.PipelineAsync(admin, "Чужая");
        var stranger = await host.CreateUserAsync("employee", await host.CreateDepartmentAsync("Чужой отдел " + Guid.NewGuid().ToString("N")[..4]));
        var hiddenCompany = await CardDataApiTests.CounterpartyAsync(admin, "ООО «Скрытая»", stranger.Id);
        var user = await host.CreateUserAsync("employee", await host.CreateDepartmentAsync("Продажи " + Guid.NewGuid().ToString("N")[..4]));
        var client = await host.ClientAsync(user.Login, user.Password);
        var before = await DealsApi.CountAsync(host);

        async Task RefusedAsync(object body, string field)
        {
            var problem = await DealsApi.ProblemAsync(await client.PostAsJsonAsync("/api/v1/deals", body), HttpStatusCode.BadRequest);
            problem.ErrorFields().ShouldContain(field);
        }

        await RefusedAsync(new { title = "Нет воронки", pipelineId = Guid.NewGuid() }, "pipelineId");
        await RefusedAsync(new { title = "Чужая стадия", pipelineId = pipeline.Id(), stageId = other.StageId("open") }, "stageId");
        await RefusedAsync(new { title = "Сразу выиграна", pipelineId = pipeline.Id(), stageId = pipeline.StageId("won") }, "stageId");
        await RefusedAsync(new { title = "Минус", pipelineId = pipeline.Id(), items = new[] { new { name = "Труба", quantity = -1m, price = 10m } } }, "items[0].quantity");
        await RefusedAsync(new { title = "Ноль", pipelineId = pipeline.Id(), items = new[] { new { name = "Труба", quantity = 0m, price = 10m } } }, "items[0].quantity");
        await RefusedAsync(new { title = "Минус цена", pipelineId = pipeline.Id(), items = new object[] { new { name = "А", quantity = 1, price = 1 }, new { name = "Труба", quantity = 1m, price = -0.01m } } }, "items[1].price");
        await RefusedAsync(new { title = "НДС", pipelineId = pipeline.Id(), items = new[] { new { name = "Труба", quantity = 1m, price = 1m, vatRate = 18 } } }, "items[0].vatRate");
        await RefusedAsync(new { title = "Без имени", pipelineId = pipeline.Id(), items = new[] { new { name = "", quantity = 1m, price = 1m } } }, "items[0].name");
        await RefusedAsync(new { title = "Скрытая компания", pipelineId = pipeline.Id(), companyId = hiddenCompany }, "companyId");
        await RefusedAsync(new { title = "Минус сумма", pipelineId = pipeline.Id(), amount = -5m }, "amount");
        await RefusedAsync(new { title = "", pipelineId = pipeline.Id() }, "title");

        (await DealsApi.CountAsync(host)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Move_ToLostWithoutReason_Refused_ThenLostWonAndBack(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var pipeline = await DealsApi.PipelineAsync(client, "Новая", "Переговоры");
        var other = await DealsApi.PipelineAsync(client, "Другая");
        var deal = await DealsApi.DealAsync(client, new { title = "Переезд", pipelineId = pipeline.Id(), amount = 1000 });
        var id = deal.Id();
        var lost = pipeline.StageId("lost");

        var problem = await DealsApi.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/deals/{id}/stage", new { stageId = lost }), HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["lostReasonId"]);
        var foreign = await DealsApi.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/deals/{id}/stage", new { stageId = other.StageId("open") }), HttpStatusCode.BadRequest);
        foreign.ErrorFields().ShouldBe(["stageId"]);
        (await DealsApi.TransitionsAsync(host, id)).ShouldBe(1);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{id}")).GetProperty("stage").GetProperty("semantic").GetString().ShouldBe("open");

        var reason = await DealsApi.LostReasonAsync(client);
        var lostCard = await (await client.PostAsJsonAsync($"/api/v1/deals/{id}/stage", new { stageId = lost, lostReasonId = reason, lostComment = "Ушли к конкуренту" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        lostCard.GetProperty("stage").GetProperty("semantic").GetString().ShouldBe("lost");
        lostCard.GetProperty("lostReason").GetProperty("id").GetGuid().ShouldBe(reason);
        lostCard.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.String);

        var reopened = await (await client.PostAsJsonAsync($"/api/v1/deals/{id}/stage", new { stageId = pipeline.StageId("open", 1) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        reopened.GetProperty("stage").GetProperty("name").GetString().ShouldBe("Переговоры");
        reopened.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        reopened.GetProperty("lostReason").ValueKind.ShouldBe(JsonValueKind.Null);

        var won = await (await client.PostAsJsonAsync($"/api/v1/deals/{id}/stage", new { stageId = pipeline.StageId("won") }))
            .Content.ReadFromJsonAsync<JsonElement>();
        won.GetProperty("stage").GetProperty("semantic").GetString().ShouldBe("won");
        (await DealsApi.TransitionsAsync(host, id)).ShouldBe(4);
        var kinds = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{id}/timeline")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("kind").GetString()).ToList();
        kinds.ShouldBe(["deal_won", "deal_stage", "deal_lost", "deal_created"]);

        // To another pipeline: the stage must be one of its own.
        var moved = await (await client.PostAsJsonAsync($"/api/v1/deals/{id}/stage", new { pipelineId = other.Id(), stageId = other.StageId("open") }))
            .Content.ReadFromJsonAsync<JsonElement>();
        moved.GetProperty("pipeline").GetProperty("id").GetGuid().ShouldBe(other.Id());
        moved.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Move_RecordsSecondsSpentInThePreviousStage(string provider)
    {
        await using var host = new LetopisHost(provider);
        var client = await host.AdminAsync();
        var pipeline = await DealsApi.PipelineAsync(client, "Новая", "Счёт");
        var deal = await DealsApi.DealAsync(client, new { title = "Счёт за аренду", pipelineId = pipeline.Id() });
        host.Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromSeconds(5));

        var response = await client.PostAsJsonAsync($"/api/v1/deals/{deal.Id()}/stage", new { stageId = pipeline.StageId("open", 1) });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var move = await host.WithDbAsync(db => db.StageTransitions.SingleAsync(t => t.EntityId == deal.Id() && t.FromStageId != null));
        move.FromStageId.ShouldBe(pipeline.StageId("open"));
        move.SecondsInPrevious.ShouldBe(3 * 3600 + 5);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Patch_EditsFields_ReplacesItems_AndChecksVersions(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var pipeline = await DealsApi.PipelineAsync(client, "Новая");
        var deal = await DealsApi.DealAsync(client, new { title = "Ремонт", pipelineId = pipeline.Id(), amount = 100.5m });
        var id = deal.Id();
        var version = deal.GetProperty("version").GetInt32();

        var patched = await (await client.PatchAsJsonAsync($"/api/v1/deals/{id}", new { title = "Ремонт офиса", amount = 250, version }))
            .Content.ReadFromJsonAsync<JsonElement>();
        patched.GetProperty("title").GetString().ShouldBe("Ремонт офиса");
        patched.GetProperty("amount").GetDecimal().ShouldBe(250m);

        var stale = await client.PatchAsJsonAsync($"/api/v1/deals/{id}", new { title = "Потерянная правка", version });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/deals/{id}") { Content = JsonContent.Create(new { title = "Тоже" }) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        var items = await client.PutAsJsonAsync($"/api/v1/deals/{id}/items", new { items = new[] { new { name = "Покраска", quantity = 2, price = 1500.25m, vatRate = 22 } } });
        var withItems = await DealsApi.ProblemAsync(items, HttpStatusCode.OK);
        withItems.GetProperty("amount").GetDecimal().ShouldBe(3000.50m);
        withItems.GetProperty("vatAmount").GetDecimal().ShouldBe(541.07m);
        // With items the amount is theirs.
        var refused = await DealsApi.ProblemAsync(await client.PatchAsJsonAsync($"/api/v1/deals/{id}", new { amount = 1 }), HttpStatusCode.BadRequest);
        refused.ErrorFields().ShouldBe(["amount"]);
        var moveByPatch = await DealsApi.ProblemAsync(await client.PatchAsJsonAsync($"/api/v1/deals/{id}", new { stageId = pipeline.StageId("won") }), HttpStatusCode.BadRequest);
        moveByPatch.ErrorFields().ShouldBe(["stageId"]);

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{id}/history");
        history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("field").GetString()).ShouldContain("title");

        (await client.DeleteAsync($"/api/v1/deals/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/v1/deals/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_FiltersByPipelineStageAndStatus_RefusesForeignStage(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var pipeline = await DealsApi.PipelineAsync(client, "Новая", "Работа");
        var other = await DealsApi.PipelineAsync(client, "Другая");
        var first = await DealsApi.DealAsync(client, new { title = "Первая", pipelineId = pipeline.Id() });
        var second = await DealsApi.DealAsync(client, new { title = "Вторая", pipelineId = pipeline.Id(), stageId = pipeline.StageId("open", 1) });
        await DealsApi.DealAsync(client, new { title = "Третья", pipelineId = other.Id() });
        await client.PostAsJsonAsync($"/api/v1/deals/{first.Id()}/stage", new { stageId = pipeline.StageId("won") });

        var all = await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals?pipelineId={pipeline.Id()}");
        all.GetProperty("items").EnumerateArray().Select(d => d.Id()).ShouldBe([second.Id(), first.Id()]);
        all.GetProperty("total").GetInt32().ShouldBe(2);
        var inStage = await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals?pipelineId={pipeline.Id()}&stageId={pipeline.StageId("open", 1)}");
        inStage.GetProperty("items").EnumerateArray().Select(d => d.Id()).ShouldBe([second.Id()]);
        var won = await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals?pipelineId={pipeline.Id()}&status=won");
        won.GetProperty("items").EnumerateArray().Select(d => d.Id()).ShouldBe([first.Id()]);

        (await DealsApi.ProblemAsync(await client.GetAsync($"/api/v1/deals?pipelineId={pipeline.Id()}&stageId={other.StageId("open")}"), HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["stageId"]);
        (await DealsApi.ProblemAsync(await client.GetAsync($"/api/v1/deals?pipelineId={Guid.NewGuid()}"), HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["pipelineId"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithCustomFields_RequiresAndShowsThem(string provider)
    {
        await using var host = new LetopisHost(provider);
        var client = await host.AdminAsync();
        var field = await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "deal", code = "tender", label = "Номер тендера", type = "string", required = true });
        field.StatusCode.ShouldBe(HttpStatusCode.Created, await field.Content.ReadAsStringAsync());
        var pipeline = await DealsApi.PipelineAsync(client, "Новая");
        var before = await DealsApi.CountAsync(host);

        var missing = await DealsApi.ProblemAsync(await client.PostAsJsonAsync("/api/v1/deals", new { title = "Тендер", pipelineId = pipeline.Id() }), HttpStatusCode.BadRequest);
        missing.ErrorFields().ShouldBe(["customFields.tender"]);
        (await DealsApi.CountAsync(host)).ShouldBe(before);

        var deal = await DealsApi.DealAsync(client, new { title = "Тендер", pipelineId = pipeline.Id(), customFields = new { tender = "0373100000124000001" } });
        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{deal.Id()}");
        card.GetProperty("customFields").GetProperty("tender").GetString().ShouldBe("0373100000124000001");
        var patched = await client.PatchAsJsonAsync($"/api/v1/deals/{deal.Id()}", new { customFields = new { tender = "0373100000124000002" } });
        (await DealsApi.ProblemAsync(patched, HttpStatusCode.OK)).GetProperty("customFields").GetProperty("tender").GetString().ShouldBe("0373100000124000002");
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{deal.Id()}/history");
        history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("field").GetString()).ShouldContain("customFields.tender");
    }
}
