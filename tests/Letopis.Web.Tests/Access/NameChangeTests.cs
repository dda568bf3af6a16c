using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Access;

/// <summary>
/// Lists and cards print users' and reference entries' names from a per-node book; a rename made
/// on one node must show on the very next page read on every node.
/// </summary>
public class NameChangeTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RenamingARegionAndAManager_OnOneNode_ShowsInTheOtherNodesDirectoryCardAndAgendaAtOnce(string provider)
    {
        using var nodeA = new LetopisHost(provider);
        using var nodeB = new LetopisHost(provider, nodeA.ConnectionString);
        var adminA = await nodeA.AdminAsync();
        var manager = await nodeA.CreateUserAsync(fullName: "Смирнова Ольга");
        var region = await adminA.PostAsJsonAsync("/api/v1/reference/regions", new { name = "Пермский край" });
        var regionId = (await region.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await adminA.PostAsJsonAsync("/api/v1/counterparties",
            new { name = "ООО «Камский берег»", regionId, responsibleId = manager.Id });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var call = await adminA.PostAsJsonAsync("/api/v1/activities", new
        {
            kind = "call",
            subject = "Сверка",
            plannedAt = LetopisHost.Start.AddHours(2),
            assigneeId = manager.Id,
            counterpartyId = id,
        });
        call.StatusCode.ShouldBe(HttpStatusCode.Created);

        var adminB = await nodeB.AdminAsync();
        var managerB = await nodeB.ClientAsync(manager.Login, manager.Password);
        await ShouldShowAsync(adminB, managerB, id, regionId, "Пермский край", "Смирнова Ольга");

        (await adminA.PatchAsJsonAsync($"/api/v1/reference/regions/{regionId}", new { name = "Пермский край (Урал)" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await adminA.PatchAsJsonAsync($"/api/v1/users/{manager.Id}", new { fullName = "Смирнова-Орлова Ольга" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        await ShouldShowAsync(adminB, managerB, id, regionId, "Пермский край (Урал)", "Смирнова-Орлова Ольга");
    }

    private static async Task ShouldShowAsync(HttpClient admin, HttpClient manager, Guid id, Guid regionId, string region, string responsible)
    {
        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}");
        card.GetProperty("regionName").GetString().ShouldBe(region);
        card.GetProperty("responsibleName").GetString().ShouldBe(responsible);

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?regionId={regionId}");
        var row = page.GetProperty("items").EnumerateArray().Single();
        row.GetProperty("regionName").GetString().ShouldBe(region);
        row.GetProperty("responsibleName").GetString().ShouldBe(responsible);

        var agenda = await manager.GetFromJsonAsync<JsonElement>("/api/v1/agenda?date=2026-11-27");
        var item = agenda.GetProperty("groups").EnumerateArray().Single().GetProperty("items").EnumerateArray().Single();
        item.GetProperty("assigneeName").GetString().ShouldBe(responsible);
        item.GetProperty("counterpartyName").GetString().ShouldBe("ООО «Камский берег»");
    }
}
