using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Documents.DocumentTestData;

namespace Letopis.Web.Tests.Documents;

public class DocumentCardTests
{
    private static async Task<int> CountAsync(LetopisHost host, Guid counterpartyId) =>
        await host.WithDbAsync(db => db.Documents.CountAsync(d => d.CounterpartyId == counterpartyId));

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Register_WithBadFields_NamesEveryFieldAndWritesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(admin);
        var prefix = Marker("Б");
        var type = await OwnTypeAsync(admin, prefix + "-{n}");

        var response = await admin.PostAsJsonAsync("/api/v1/documents", new
        {
            typeCode = type.Str("code"),
            title = "  ",
            counterpartyId = counterparty,
            ourCompanyId = Guid.NewGuid(),
            amount = -5,
            vatRate = 150,
            currency = "рубли",
            validFrom = "2026-12-01",
            validTo = "2026-11-01",
            responsibleId = Guid.NewGuid(),
            status = "подписан",
        });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.FieldCodes("title").ShouldBe(["required"]);
        problem.FieldCodes("ourCompanyId").ShouldBe(["not_found"]);
        problem.FieldCodes("amount").ShouldBe(["negative"]);
        problem.FieldCodes("vatRate").ShouldBe(["invalid"]);
        problem.FieldCodes("currency").ShouldBe(["invalid"]);
        problem.FieldCodes("validTo").ShouldBe(["end_before_start"]);
        problem.FieldCodes("responsibleId").ShouldBe(["not_found"]);
        problem.FieldCodes("status").ShouldBe(["invalid"]);
        (await CountAsync(host, counterparty)).ShouldBe(0);
        // Nothing was numbered: the next good registration takes the first number.
        (await RegisterAsync(admin, new { typeCode = type.Str("code"), title = "Годный" })).Str("number").ShouldBe(prefix + "-1");

        var unknownType = await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "нет-такого", title = "x" }), HttpStatusCode.BadRequest);
        unknownType.FieldCodes("typeCode").ShouldBe(["not_found"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Register_UnderAParentOfADisallowedType_IsRefusedOnParentId(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(admin);
        var invoice = await RegisterAsync(admin, new { typeCode = "invoice", title = "Счёт на аванс", counterpartyId = counterparty, amount = 1000 });

        var response = await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "appendix", title = "Приложение к счёту", counterpartyId = counterparty, parentId = invoice.Id() });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.FieldCodes("parentId").ShouldBe(["parent_type_not_allowed"]);
        (await CountAsync(host, counterparty)).ShouldBe(1);
        // An appendix needs a parent at all.
        var orphan = await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "appendix", title = "Сирота" }), HttpStatusCode.BadRequest);
        orphan.FieldCodes("parentId").ShouldBe(["required"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Move_UnderItsOwnDescendant_IsACycleAndChangesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var folder = await OwnTypeAsync(admin, Marker("Ф") + "-{n}");
        // A type whose documents nest in each other.
        (await admin.PatchAsJsonAsync($"/api/v1/document-types/{folder.Id()}", new { allowedParentTypeIds = new[] { folder.Id() } })).EnsureSuccessStatusCode();
        var top = await RegisterAsync(admin, new { typeCode = folder.Str("code"), title = "Верх" });
        var middle = await RegisterAsync(admin, new { typeCode = folder.Str("code"), title = "Середина", parentId = top.Id() });
        var bottom = await RegisterAsync(admin, new { typeCode = folder.Str("code"), title = "Низ", parentId = middle.Id() });

        var cycle = await ProblemAsync(await admin.PatchAsJsonAsync($"/api/v1/documents/{top.Id()}", new { parentId = bottom.Id() }), HttpStatusCode.BadRequest);
        cycle.FieldCodes("parentId").ShouldBe(["cycle"]);
        var self = await ProblemAsync(await admin.PatchAsJsonAsync($"/api/v1/documents/{top.Id()}", new { parentId = top.Id() }), HttpStatusCode.BadRequest);
        self.FieldCodes("parentId").ShouldBe(["cycle"]);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{top.Id()}")).GetProperty("parentId").ValueKind.ShouldBe(JsonValueKind.Null);

        // Moving the bottom to the top level takes it out of the tree; moving it back puts it under the top.
        (await admin.PatchAsJsonAsync($"/api/v1/documents/{bottom.Id()}", new { parentId = (Guid?)null })).EnsureSuccessStatusCode();
        var alone = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{bottom.Id()}/tree");
        alone.GetProperty("roots").GetArrayLength().ShouldBe(1);
        alone.GetProperty("roots")[0].Id().ShouldBe(bottom.Id());
        (await admin.PatchAsJsonAsync($"/api/v1/documents/{bottom.Id()}", new { parentId = top.Id() })).EnsureSuccessStatusCode();
        var tree = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{bottom.Id()}/tree");
        tree.GetProperty("roots")[0].Id().ShouldBe(top.Id());
        tree.GetProperty("roots")[0].GetProperty("children").EnumerateArray().Select(c => c.Id()).ShouldBe([middle.Id(), bottom.Id()], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Edit_WithAStaleVersion_Gets412OrConflictAndLosesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(admin);
        var contract = await RegisterAsync(admin, new { typeCode = "contract", title = "Версии", counterpartyId = counterparty });
        var url = $"/api/v1/documents/{contract.Id()}";
        var read = await admin.GetAsync(url);
        read.Headers.ETag!.Tag.ShouldBe("\"1\"");

        (await admin.PatchAsJsonAsync(url, new { title = "Первая правка", version = 1 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stale = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(new { title = "Поверх чужого" }) };
        stale.Headers.IfMatch.ParseAdd("\"1\"");
        (await ProblemAsync(await admin.SendAsync(stale), HttpStatusCode.PreconditionFailed)).Str("code").ShouldBe("precondition_failed");
        (await ProblemAsync(await admin.PatchAsJsonAsync(url, new { title = "Поверх чужого", version = 1 }), HttpStatusCode.Conflict)).Str("code").ShouldBe("stale_version");
        var status = await admin.PostAsJsonAsync($"{url}/status", new { status = "on_approval", version = 1 });
        (await ProblemAsync(status, HttpStatusCode.Conflict)).Str("code").ShouldBe("stale_version");

        var card = await admin.GetFromJsonAsync<JsonElement>(url);
        card.Str("title").ShouldBe("Первая правка");
        card.GetProperty("version").GetInt32().ShouldBe(2);
        card.Str("status").ShouldBe("draft");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Status_FollowsTheLifeCycleAndRefusesJumps(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(admin);
        var contract = await RegisterAsync(admin, new { typeCode = "contract", title = "Жизненный цикл", counterpartyId = counterparty });
        var url = $"/api/v1/documents/{contract.Id()}/status";

        var jump = await ProblemAsync(await admin.PostAsJsonAsync(url, new { status = "executed" }), HttpStatusCode.BadRequest);
        jump.FieldCodes("status").ShouldBe(["status_transition"]);
        foreach (var step in new[] { "on_approval", "approved", "signed", "in_force", "executed" })
            (await admin.PostAsJsonAsync(url, new { status = step })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{contract.Id()}");
        card.Str("status").ShouldBe("executed");
        card.GetProperty("nextStatuses").GetArrayLength().ShouldBe(0);
        // The status has its own endpoint; a card patch cannot skip the life cycle.
        var patch = await ProblemAsync(await admin.PatchAsJsonAsync($"/api/v1/documents/{contract.Id()}", new { status = "draft" }), HttpStatusCode.BadRequest);
        patch.FieldCodes("status").ShouldBe(["read_only"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Tree_FromAnyNode_ShowsWhichExpectedAccountingDocumentsAreMissing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(admin);
        var contract = await RegisterAsync(admin, new { typeCode = "contract", title = "Подряд", counterpartyId = counterparty, amount = 1_200_000, vatRate = 22 });
        var agreement = await RegisterAsync(admin, new { typeCode = "supplementary-agreement", title = "Продление", counterpartyId = counterparty, parentId = contract.Id() });
        var act = await RegisterAsync(admin, new { typeCode = "act", title = "Акт за ноябрь", counterpartyId = counterparty, parentId = contract.Id(), amount = 100_000, status = "signed" });
        var invoice = await RegisterAsync(admin, new { typeCode = "invoice", title = "Счёт за ноябрь", counterpartyId = counterparty, parentId = contract.Id(), amount = 100_000 });

        var tree = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{act.Id()}/tree");
        tree.GetProperty("focusId").GetGuid().ShouldBe(act.Id());
        var root = tree.GetProperty("roots").EnumerateArray().Single();
        root.Id().ShouldBe(contract.Id());
        root.Str("status").ShouldBe("draft");
        root.GetProperty("amount").GetDecimal().ShouldBe(1_200_000m);
        root.GetProperty("children").EnumerateArray().Select(c => c.Id()).ShouldBe([agreement.Id(), act.Id(), invoice.Id()], ignoreOrder: true);
        root.GetProperty("expected").EnumerateArray().Select(e => (e.Str("typeCode"), e.GetProperty("provided").GetBoolean()))
            .ShouldBe([("act", true), ("invoice", false)], ignoreOrder: true);
        root.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ShouldBe(["invoice"]);

        (await admin.PostAsJsonAsync($"/api/v1/documents/{invoice.Id()}/status", new { status = "signed" })).EnsureSuccessStatusCode();
        var combined = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{counterparty}/documents");
        combined.GetProperty("total").GetInt32().ShouldBe(4);
        var again = combined.GetProperty("roots").EnumerateArray().Single();
        again.GetProperty("missing").GetArrayLength().ShouldBe(0);
        contract.GetProperty("vatAmount").GetDecimal().ShouldBe(216_393.44m);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Changes_AreInTheHistoryAndOnTheCounterpartysTimeline(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var colleague = await host.CreateUserAsync(fullName: "Соисполнитель Пётр Ильич");
        var counterparty = await CounterpartyAsync(admin);
        var contract = await RegisterAsync(admin, new { typeCode = "contract", title = "Старое название", counterpartyId = counterparty });
        var id = contract.Id();

        (await admin.PatchAsJsonAsync($"/api/v1/documents/{id}", new { title = "Новое название", coResponsibleIds = new[] { colleague.Id } })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/documents/{id}/status", new { status = "on_approval", comment = "Юристам на проверку" })).EnsureSuccessStatusCode();

        var history = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{id}/history?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        history.ShouldContain(h => h.Str("field") == "title" && h.Str("oldValue") == "Старое название" && h.Str("newValue") == "Новое название");
        history.ShouldContain(h => h.Str("field") == "status" && h.Str("oldValue") == "Draft" && h.Str("newValue") == "OnApproval");
        history.ShouldContain(h => h.Str("field") == "statusComment" && h.Str("newValue") == "Юристам на проверку");
        history.ShouldContain(h => h.Str("field") == "coResponsible" && h.Str("newValue") == "Соисполнитель Пётр Ильич");

        var timeline = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{counterparty}/timeline")).GetProperty("items").EnumerateArray().ToList();
        var registered = timeline.Single(e => e.Str("kind") == "document_registered");
        registered.Str("title")!.ShouldContain(contract.Str("number")!);
        registered.GetProperty("entityId").GetGuid().ShouldBe(id);
        var status = timeline.Single(e => e.Str("kind") == "document_status");
        status.Str("title")!.ShouldContain("On approval");
        status.Str("title")!.ShouldContain(contract.Str("number")!);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Links_AndCustomFields_ShowOnTheCard(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var code = "doc" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "document", code, label = "Объект строительства", type = "string" })).EnsureSuccessStatusCode();
        var counterparty = await CounterpartyAsync(admin);
        var old = await RegisterAsync(admin, new { typeCode = "contract", title = "Старый договор", counterpartyId = counterparty });
        var replacement = await RegisterAsync(admin, new
        {
            typeCode = "contract",
            title = "Новый договор",
            counterpartyId = counterparty,
            customFields = new Dictionary<string, object> { [code] = "ЖК «Северный»" },
        });

        (await admin.PostAsJsonAsync($"/api/v1/documents/{replacement.Id()}/links", new { toId = old.Id(), kind = "replaces" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var duplicate = await ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/documents/{replacement.Id()}/links", new { toId = old.Id(), kind = "replaces" }), HttpStatusCode.BadRequest);
        duplicate.FieldCodes("toId").ShouldBe(["duplicate"]);

        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{replacement.Id()}");
        card.GetProperty("customFields").GetProperty(code).GetString().ShouldBe("ЖК «Северный»");
        var link = card.GetProperty("links").EnumerateArray().Single();
        (link.Str("kind"), link.Str("direction"), link.GetProperty("document").Id()).ShouldBe(("replaces", "out", old.Id()));
        var other = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{old.Id()}");
        other.GetProperty("links")[0].Str("direction").ShouldBe("in");

        (await admin.DeleteAsync($"/api/v1/documents/{old.Id()}/links?toId={replacement.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{replacement.Id()}")).GetProperty("links").GetArrayLength().ShouldBe(0);
    }
}
