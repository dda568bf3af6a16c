using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Deals;

/// <summary>Pipelines and their stages: creating, the won and lost ends, editing, deleting a stage in use.</summary>
public class PipelinesApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithNames_AddsWonAndLostAtTheEnd(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var response = await client.PostAsJsonAsync("/api/v1/pipelines", new { name = "Тендеры", stages = new[] { "Заявка", "Торги" } });
        var created = await DealsApi.ProblemAsync(response, HttpStatusCode.Created);
        created.Stages().Select(s => s.GetProperty("name").GetString()).ShouldBe(["Заявка", "Торги", "Сделка успешна", "Сделка провалена"]);
        created.Stages().Select(s => s.GetProperty("semantic").GetString()).ShouldBe(["open", "open", "won", "lost"]);
        created.Stages().ShouldAllBe(s => s.GetProperty("id").GetGuid() != Guid.Empty);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/pipelines?kind=deal");
        var listed = list.GetProperty("items").EnumerateArray().Single(p => p.Id() == created.Id());
        listed.Stages().Select(s => s.GetProperty("order").GetInt32()).ShouldBe([0, 1, 2, 3]);
        var leads = await client.GetFromJsonAsync<JsonElement>("/api/v1/pipelines?kind=lead");
        leads.GetProperty("items").EnumerateArray().Single().Stages().Last().GetProperty("semantic").GetString().ShouldBe("outcome");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithObjects_KeepsTheirEnds_AndRefusesTwoWon(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var created = await DealsApi.PipelineAsync(client,
            new { name = "Подписан", semantic = "won", color = "#00AA00" }, "Встреча", new { name = "Отказ", semantic = "lost" });
        created.Stages().Select(s => s.GetProperty("name").GetString()).ShouldBe(["Встреча", "Подписан", "Отказ"]);
        created.Stages()[1].GetProperty("color").GetString().ShouldBe("#00aa00");

        var before = await host.WithDbAsync(db => db.Pipelines.CountAsync());
        var twoWon = await client.PostAsJsonAsync("/api/v1/pipelines", new
        {
            name = "Две победы",
            stages = new object[] { "Начало", new { name = "А", semantic = "won" }, new { name = "Б", semantic = "won" }, new { name = "В", semantic = "lost" } },
        });
        (await DealsApi.ProblemAsync(twoWon, HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["stages"]);
        var badSemantic = await client.PostAsJsonAsync("/api/v1/pipelines", new { name = "Исход", stages = new object[] { new { name = "А", semantic = "outcome" } } });
        (await DealsApi.ProblemAsync(badSemantic, HttpStatusCode.BadRequest)).ErrorFields().ShouldContain("stages[0].semantic");
        (await host.WithDbAsync(db => db.Pipelines.CountAsync())).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Stages_AddMoveRenameDelete_RefusedWhileInUseOrClosing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var pipeline = await DealsApi.PipelineAsync(client, "Новая", "Переговоры");

        var added = await DealsApi.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/pipelines/{pipeline.Id()}/stages", new { name = "Счёт", order = 1 }), HttpStatusCode.Created);
        await client.PatchAsJsonAsync($"/api/v1/stages/{added.Id()}", new { name = "Счёт выставлен", color = "#123456", order = 0 });
        var stages = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/pipelines/{pipeline.Id()}")).Stages();
        stages.Select(s => s.GetProperty("name").GetString()).ShouldBe(["Счёт выставлен", "Новая", "Переговоры", "Сделка успешна", "Сделка провалена"]);
        stages.Select(s => s.GetProperty("order").GetInt32()).ShouldBe([0, 1, 2, 3, 4]);

        // A deal stands in the stage: it stays, and the answer says how many.
        await DealsApi.DealAsync(client, new { title = "Держит стадию", pipelineId = pipeline.Id(), stageId = added.Id() });
        var inUse = await DealsApi.ProblemAsync(await client.DeleteAsync($"/api/v1/stages/{added.Id()}"), HttpStatusCode.Conflict);
        inUse.GetProperty("code").GetString().ShouldBe("stage_in_use");
        inUse.GetProperty("count").GetInt32().ShouldBe(1);
        var won = await DealsApi.ProblemAsync(await client.DeleteAsync($"/api/v1/stages/{pipeline.StageId("won")}"), HttpStatusCode.Conflict);
        won.GetProperty("code").GetString().ShouldBe("stage_required");

        (await client.DeleteAsync($"/api/v1/stages/{pipeline.StageId("open", 1)}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/pipelines/{pipeline.Id()}")).Stages().Select(s => s.GetProperty("order").GetInt32()).ShouldBe([0, 1, 2, 3]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task LeadPipeline_OutcomeStaysLast_AndCannotBeDeleted(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var leads = (await client.GetFromJsonAsync<JsonElement>("/api/v1/pipelines?kind=lead")).GetProperty("items").EnumerateArray().Single();
        var outcome = leads.StageId("outcome");
        (await DealsApi.ProblemAsync(await client.DeleteAsync($"/api/v1/stages/{outcome}"), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("stage_required");
        (await DealsApi.ProblemAsync(await client.PatchAsJsonAsync($"/api/v1/stages/{outcome}", new { order = 0 }), HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["order"]);
        var added = await DealsApi.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/pipelines/{leads.Id()}/stages", new { name = "Перезвонить " + Guid.NewGuid().ToString("N")[..4] }), HttpStatusCode.Created);
        var after = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/pipelines/{leads.Id()}")).Stages();
        after.Last().Id().ShouldBe(outcome);
        after[^2].Id().ShouldBe(added.Id());
        (await client.DeleteAsync($"/api/v1/stages/{added.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithoutTheRight_Forbidden(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync("employee");
        var client = await host.ClientAsync(user.Login, user.Password);
        (await client.PostAsJsonAsync("/api/v1/pipelines", new { name = "Своя", stages = new[] { "А" } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // Everyone reads them: forms and boards need them.
        (await client.GetAsync("/api/v1/pipelines?kind=deal")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
