using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.TestKit;
using Letopis.Web.Tests.DocumentFiles;
using static Letopis.Web.Tests.Documents.DocumentTestData;

namespace Letopis.Web.Tests.Documents;

/// <summary>
/// Access follows the document tree (ADR 0015), and the counterparty card's badges and timeline
/// show exactly the documents the caller can open.
/// </summary>
public class DocumentTreeAccessTests
{
    private sealed record Arranged(
        HttpClient Admin, HttpClient Manager, Guid Counterparty, Guid Contract, Guid Act, string ActMarker, Guid ActFile, string ActFileName,
        Guid HiddenContract, Guid HiddenAct, string HiddenMarker);

    /// <summary>
    /// A manager in sales holds a contract; a colleague in accounting is responsible for the signed
    /// act under it (with a file), and holds a second contract with an act of its own.
    /// </summary>
    private static async Task<Arranged> ArrangeAsync(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var company = await host.CreateDepartmentAsync("Компания");
        var sales = await host.CreateDepartmentAsync("Продажи", company);
        var accounting = await host.CreateDepartmentAsync("Бухгалтерия", company);
        var manager = await host.CreateUserAsync(departmentId: sales);
        var accountant = await host.CreateUserAsync(departmentId: accounting);
        var managerClient = await host.ClientAsync(manager.Login, manager.Password);

        var created = await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = Marker("ООО Заказчик "), inn = TestRequisites.Inn10(), responsibleId = manager.Id });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var counterparty = (await created.Content.ReadFromJsonAsync<JsonElement>()).Id();

        var contract = await RegisterAsync(admin, new { typeCode = "contract", title = Marker("Подряд "), counterpartyId = counterparty, responsibleId = manager.Id });
        var actMarker = Marker("Ноябрь");
        var act = await RegisterAsync(admin, new
        {
            typeCode = "act",
            title = $"Акт {actMarker}",
            counterpartyId = counterparty,
            parentId = contract.Id(),
            responsibleId = accountant.Id,
            amount = 100_000,
            status = "signed",
        });
        var actFileName = Marker("акт-ноябрь-") + ".txt";
        var actFile = (await FileTestKit.CreatedAsync(await FileTestKit.UploadAsync(admin, $"/api/v1/documents/{act.Id()}/files", Encoding.UTF8.GetBytes("акт"), actFileName))).Id();

        var hiddenMarker = Marker("Тайна");
        var hiddenContract = await RegisterAsync(admin, new { typeCode = "contract", title = $"Договор {hiddenMarker}", counterpartyId = counterparty, responsibleId = accountant.Id });
        var hiddenAct = await RegisterAsync(admin, new
        {
            typeCode = "act",
            title = $"Акт {hiddenMarker}",
            counterpartyId = counterparty,
            parentId = hiddenContract.Id(),
            responsibleId = accountant.Id,
            amount = 50_000,
            status = "signed",
        });
        await FileTestKit.CreatedAsync(await FileTestKit.UploadAsync(admin, $"/api/v1/documents/{hiddenAct.Id()}/files", Encoding.UTF8.GetBytes("тайна"), $"{hiddenMarker}.txt"));
        return new Arranged(admin, managerClient, counterparty, contract.Id(), act.Id(), actMarker, actFile, actFileName, hiddenContract.Id(), hiddenAct.Id(), hiddenMarker);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ActUnderAContractTheUserHolds_IsOpenWhereverTheCardNamesIt(string provider)
    {
        var a = await ArrangeAsync(provider);

        // The act inherits the contract's visibility: card, tree, list and file.
        (await a.Manager.GetAsync($"/api/v1/documents/{a.Act}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var tree = await a.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{a.Contract}/tree");
        tree.GetProperty("roots").EnumerateArray().Single().GetProperty("children").EnumerateArray().Select(c => c.Id()).ShouldBe([a.Act]);
        var list = await a.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/documents?counterpartyId={a.Counterparty}");
        list.GetProperty("items").EnumerateArray().Select(i => i.Id()).ShouldBe([a.Contract, a.Act], ignoreOrder: true);
        (await a.Manager.GetAsync($"/api/v1/files/{a.ActFile}/content")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var found = await a.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={a.ActMarker}");
        found.GetProperty("items").EnumerateArray().Select(h => h.Id()).ShouldBe([a.Act]);
        // Reading follows the tree; changing it stays with the act's own people.
        (await a.Manager.PatchAsJsonAsync($"/api/v1/documents/{a.Act}", new { title = "Чужой акт" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The card's badge «Есть: Акт» names a child the manager sees in the same tree.
        var card = await a.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{a.Counterparty}/documents");
        var root = card.GetProperty("roots").EnumerateArray().Single();
        root.Id().ShouldBe(a.Contract);
        var provided = root.GetProperty("expected").EnumerateArray().Where(e => e.GetProperty("provided").GetBoolean()).Select(e => e.Str("typeCode")).ToList();
        provided.ShouldBe(["act"]);
        foreach (var code in provided)
            root.GetProperty("children").EnumerateArray().ShouldContain(c => c.Str("typeCode") == code);

        // And the timeline names the act and its file, both of which open.
        var timeline = await a.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{a.Counterparty}/timeline?pageSize=100");
        var aboutAct = timeline.GetProperty("items").EnumerateArray().Where(i => i.TryGetProperty("entityId", out var e) && e.ValueKind == JsonValueKind.String && e.GetGuid() == a.Act).ToList();
        aboutAct.Select(i => i.Str("kind")).ShouldBe(["document_file", "document_registered"], ignoreOrder: true);
        aboutAct.ShouldContain(i => (i.Str("text") ?? "").Contains(a.ActFileName));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DocumentsUnderAContractTheUserCannotSee_AreNotNamedOnTheCard(string provider)
    {
        var a = await ArrangeAsync(provider);

        (await a.Manager.GetAsync($"/api/v1/documents/{a.HiddenAct}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await a.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={a.HiddenMarker}")).GetProperty("total").GetInt32().ShouldBe(0);

        var timeline = await a.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{a.Counterparty}/timeline?pageSize=100");
        timeline.GetRawText().ShouldNotContain(a.HiddenMarker);
        var items = timeline.GetProperty("items").EnumerateArray().ToList();
        timeline.GetProperty("total").GetInt32().ShouldBe(items.Count);
        // Every document the timeline names opens for the reader.
        foreach (var id in items.Where(i => i.TryGetProperty("entityKind", out var k) && k.GetString() == "document").Select(i => i.GetProperty("entityId").GetGuid()).Distinct())
            (await a.Manager.GetAsync($"/api/v1/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var card = await a.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{a.Counterparty}/documents");
        card.GetRawText().ShouldNotContain(a.HiddenMarker);
        card.GetProperty("total").GetInt32().ShouldBe(2);

        // The administrator, who sees everything, reads all of it.
        var full = await a.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{a.Counterparty}/timeline?pageSize=100");
        full.GetRawText().ShouldContain($"{a.HiddenMarker}.txt");
        full.GetProperty("total").GetInt32().ShouldBe(items.Count + 3);
    }
}
