using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using static Letopis.Web.Tests.Documents.DocumentTestData;

namespace Letopis.Web.Tests.Documents;

public class DocumentAccessTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task EmployeeOfAnotherDepartment_CannotReachTheDocument_UntilMadeCoResponsible(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var company = await host.CreateDepartmentAsync("Компания");
        var sales = await host.CreateDepartmentAsync("Продажи", company);
        var legal = await host.CreateDepartmentAsync("Юристы", company);
        var manager = await host.CreateUserAsync(departmentId: sales);
        var lawyer = await host.CreateUserAsync(departmentId: legal);
        var managerClient = await host.ClientAsync(manager.Login, manager.Password);
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var marker = Marker("Тайна");
        var counterparty = await CounterpartyAsync(managerClient);
        var contract = await RegisterAsync(managerClient, new { typeCode = "contract", title = $"Договор {marker}", counterpartyId = counterparty });
        var appendix = await RegisterAsync(managerClient, new { typeCode = "appendix", title = $"Приложение {marker}", parentId = contract.Id() });
        var id = contract.Id();

        (await lawyerClient.GetAsync($"/api/v1/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetAsync($"/api/v1/documents/{id}/tree")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetAsync($"/api/v1/documents/{appendix.Id()}/tree")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetAsync($"/api/v1/documents/{id}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.PatchAsJsonAsync($"/api/v1/documents/{id}", new { title = "Взлом" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.PostAsJsonAsync($"/api/v1/documents/{id}/status", new { status = "on_approval" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetFromJsonAsync<JsonElement>($"/api/v1/documents?q={marker}")).GetProperty("total").GetInt32().ShouldBe(0);
        (await lawyerClient.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={marker}")).GetProperty("total").GetInt32().ShouldBe(0);
        // Nor can the hidden document become someone's parent.
        var child = await lawyerClient.PostAsJsonAsync("/api/v1/documents", new { typeCode = "appendix", title = "Чужое", parentId = id });
        (await ProblemAsync(child, HttpStatusCode.BadRequest)).FieldCodes("parentId").ShouldBe(["not_found"]);

        var shared = await managerClient.PutAsJsonAsync($"/api/v1/documents/{id}/co-responsible", new { userIds = new[] { lawyer.Id } });
        shared.StatusCode.ShouldBe(HttpStatusCode.OK, await shared.Content.ReadAsStringAsync());

        var card = await lawyerClient.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{id}");
        card.GetProperty("coResponsible").EnumerateArray().Select(p => p.Id()).ShouldBe([lawyer.Id]);
        var list = await lawyerClient.GetFromJsonAsync<JsonElement>($"/api/v1/documents?q={marker}");
        list.GetProperty("items").EnumerateArray().Select(i => i.Id()).ShouldBe([id, appendix.Id()], ignoreOrder: true);
        var search = await lawyerClient.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={marker}");
        search.GetProperty("items").EnumerateArray().ShouldContain(h => h.Str("entity") == "document" && h.Id() == id);
        search.GetProperty("items").EnumerateArray().ShouldContain(h => h.Str("entity") == "document" && h.Id() == appendix.Id());
        // The appendix under the shared contract comes with it (ADR 0015), though only the manager is responsible for it.
        var tree = await lawyerClient.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{id}/tree");
        var root = tree.GetProperty("roots").EnumerateArray().Single();
        root.Id().ShouldBe(id);
        root.GetProperty("children").EnumerateArray().Select(c => c.Id()).ShouldBe([appendix.Id()]);
        (await lawyerClient.GetAsync($"/api/v1/documents/{appendix.Id()}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A co-responsible may work on it.
        (await lawyerClient.PostAsJsonAsync($"/api/v1/documents/{id}/status", new { status = "on_approval", comment = "Проверю" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Taken off the document, the lawyer loses it again.
        (await managerClient.PutAsJsonAsync($"/api/v1/documents/{id}/co-responsible", new { userIds = Array.Empty<Guid>() })).EnsureSuccessStatusCode();
        (await lawyerClient.GetAsync($"/api/v1/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetAsync($"/api/v1/documents/{appendix.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={marker}")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_FindsADocumentByTitleWordsInAnyForm(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var marker = Marker("Щебень");
        var counterparty = await CounterpartyAsync(admin, $"ООО «Карьер {marker}»");
        var contract = await RegisterAsync(admin, new { typeCode = "contract", title = "Поставка гранитного щебня", counterpartyId = counterparty });

        var byCounterparty = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents?q={marker}");
        byCounterparty.GetProperty("items").EnumerateArray().Select(i => i.Id()).ShouldBe([contract.Id()]);
        var byNumber = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents?q={Uri.EscapeDataString(contract.Str("number")!)}&counterpartyId={counterparty}");
        byNumber.GetProperty("items").EnumerateArray().Select(i => i.Id()).ShouldBe([contract.Id()]);
        var hits = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString("поставки " + marker)}");
        var hit = hits.GetProperty("items").EnumerateArray().Single(h => h.Str("entity") == "document");
        hit.Id().ShouldBe(contract.Id());
        hit.Str("title")!.ShouldContain(contract.Str("number")!);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DocumentTypes_AreEditedOnlyWithTheDocumentTypeRight(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var employee = await host.CreateUserAsync();
        var client = await host.ClientAsync(employee.Login, employee.Password);

        var types = await client.GetFromJsonAsync<JsonElement>("/api/v1/document-types");
        var codes = types.GetProperty("items").EnumerateArray().Select(t => t.Str("code")).ToList();
        foreach (var preconfigured in new[] { "contract", "appendix", "supplementary-agreement", "act", "invoice", "work-order", "schedule", "incoming-letter", "outgoing-letter", "internal-memo", "protocol" })
            codes.ShouldContain(preconfigured);
        var contract = types.GetProperty("items").EnumerateArray().Single(t => t.Str("code") == "contract");
        contract.Str("name").ShouldBe("Договор");
        contract.GetProperty("expectedChildTypeCodes").EnumerateArray().Select(c => c.GetString()).ShouldBe(["act", "invoice"]);

        var code = "t-" + Guid.NewGuid().ToString("N")[..10];
        (await client.PostAsJsonAsync("/api/v1/document-types", new { code, name = "Своё" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PatchAsJsonAsync($"/api/v1/document-types/{contract.Id()}", new { name = "Контракт" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task IncomingLetter_RecordsTheSendersNumberAndDate(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(admin);

        var missing = await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "incoming-letter", title = "Претензия", counterpartyId = counterparty }), HttpStatusCode.BadRequest);
        missing.FieldCodes("incomingNumber").ShouldBe(["required"]);
        missing.FieldCodes("incomingDate").ShouldBe(["required"]);
        var hidden = await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/documents", new
        {
            typeCode = "incoming-letter",
            title = "Претензия",
            counterpartyId = counterparty,
            incomingNumber = "123/к",
            incomingDate = "2026-11-20",
            amount = 5,
        }), HttpStatusCode.BadRequest);
        hidden.FieldCodes("amount").ShouldBe(["hidden_field"]);

        var letter = await RegisterAsync(admin, new { typeCode = "incoming-letter", title = "Претензия", counterpartyId = counterparty, incomingNumber = "123/к", incomingDate = "2026-11-20" });
        letter.Str("number")!.ShouldStartWith("ВХ-");
        (letter.Str("incomingNumber"), letter.Str("incomingDate")).ShouldBe(("123/к", "2026-11-20"));
    }
}
