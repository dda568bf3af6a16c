using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Templates;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.TemplateBatches.TemplateBatchKit;

namespace Letopis.Web.Tests.TemplateBatches;

/// <summary>Bulk generation through the real host: the background runner takes a batch as soon as it starts.</summary>
public class TemplateBatchesApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_OverRegion_RegistersOneDocumentWithItsFilePerCounterparty(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var template = await CreateLetterTemplateAsync(host);
        var region = await CreateRegionAsync(admin);
        var names = new[] { Marker("ООО Альфа "), Marker("ООО Бета "), Marker("ООО Гамма ") };
        var counterparties = new List<Guid>();
        foreach (var name in names)
            counterparties.Add(await CreateCounterpartyAsync(admin, region, name));
        // Outside the region: not part of the batch.
        var outsider = await CreateCounterpartyAsync(admin, await CreateRegionAsync(admin), Marker("ООО Чужой "));

        var started = await StartedAsync(admin, template, region);
        started.GetProperty("total").GetInt32().ShouldBe(3);
        started.GetProperty("filter").GetString().ShouldBe($"regionId={region}");
        var batch = await FinishedAsync(admin, started.Id());

        batch.GetProperty("status").GetString().ShouldBe("completed");
        batch.GetProperty("succeeded").GetInt32().ShouldBe(3);
        batch.GetProperty("failed").GetInt32().ShouldBe(0);
        batch.GetProperty("progress").GetInt32().ShouldBe(100);
        var items = await ItemsAsync(admin, started.Id());
        items.Select(i => i.GetProperty("counterpartyName").GetString()).ShouldBe(names, ignoreOrder: true);
        items.ShouldAllBe(i => i.GetProperty("status").GetString() == "done");
        foreach (var (counterparty, name) in counterparties.Zip(names))
        {
            var documents = await DocumentsOfAsync(admin, counterparty);
            var document = documents.ShouldHaveSingleItem();
            var item = items.Single(i => i.GetProperty("counterpartyId").GetGuid() == counterparty);
            item.GetProperty("documentId").GetGuid().ShouldBe(document.Id());
            item.GetProperty("documentNumber").GetString().ShouldBe(document.GetProperty("number").GetString());
            var files = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{document.Id()}/files")).GetProperty("items").EnumerateArray().ToList();
            var file = files.ShouldHaveSingleItem();
            var html = await admin.GetStringAsync($"/api/v1/files/{file.Id()}/content");
            html.ShouldContain(name.Replace("ООО ", "", StringComparison.Ordinal));
        }
        (await DocumentsOfAsync(admin, outsider)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_WhenTheTemplateFailsForOneCounterparty_FailsOnlyThatItemWithItsError(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var template = await CreateLetterTemplateAsync(host);
        var region = await CreateRegionAsync(admin);
        var good1 = await CreateCounterpartyAsync(admin, region, Marker("ООО Первый "));
        var bad = await CreateCounterpartyAsync(admin, region, Marker("ООО Без ИНН "), withInn: false);
        var good2 = await CreateCounterpartyAsync(admin, region, Marker("ООО Второй "));

        var batch = await FinishedAsync(admin, (await StartedAsync(admin, template, region)).Id());

        batch.GetProperty("status").GetString().ShouldBe("completed");
        batch.GetProperty("succeeded").GetInt32().ShouldBe(2);
        batch.GetProperty("failed").GetInt32().ShouldBe(1);
        var failed = (await ItemsAsync(admin, batch.Id(), "failed")).ShouldHaveSingleItem();
        failed.GetProperty("counterpartyId").GetGuid().ShouldBe(bad);
        failed.GetProperty("error").GetString()!.ShouldStartWith("template_filter_failed:");
        failed.GetProperty("error").GetString()!.ShouldContain("money_words");
        (await ItemsAsync(admin, batch.Id(), "done")).Select(i => i.GetProperty("counterpartyId").GetGuid()).ShouldBe([good1, good2], ignoreOrder: true);
        // No half-registered letter for the one that failed.
        (await DocumentsOfAsync(admin, bad)).ShouldBeEmpty();
        (await DocumentsOfAsync(admin, good1)).Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_Unregistered_KeepsEachFileForDownload(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var template = await CreateLetterTemplateAsync(host);
        var region = await CreateRegionAsync(admin);
        var name = Marker("ООО Файл ");
        var counterparty = await CreateCounterpartyAsync(admin, region, name);

        var batch = await FinishedAsync(admin, (await StartedAsync(admin, template, region, output: "html", register: false)).Id());

        var item = (await ItemsAsync(admin, batch.Id())).ShouldHaveSingleItem();
        item.GetProperty("status").GetString().ShouldBe("done");
        item.GetProperty("hasFile").GetBoolean().ShouldBeTrue();
        item.GetProperty("documentId").ValueKind.ShouldBe(JsonValueKind.Null);
        item.GetProperty("fileName").GetString()!.ShouldEndWith(".html");
        var content = await admin.GetAsync($"/api/v1/template-batches/{batch.Id()}/items/{item.Id()}/content");
        content.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await content.Content.ReadAsStringAsync()).ShouldContain(name.Replace("ООО ", "", StringComparison.Ordinal));
        (await DocumentsOfAsync(admin, counterparty)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_ByEmployee_HoldsOnlyReadableCounterparties_AndOthersCannotSeeTheBatch(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var template = await CreateLetterTemplateAsync(host);
        var region = await CreateRegionAsync(admin);
        var sales = await host.CreateDepartmentAsync("Продажи");
        var purchasing = await host.CreateDepartmentAsync("Закупки");
        var manager = await host.CreateUserAsync(departmentId: sales);
        var stranger = await host.CreateUserAsync(departmentId: purchasing);
        var mine = await CreateCounterpartyAsync(admin, region, Marker("ООО Мой "), responsibleId: manager.Id);
        var hidden = await CreateCounterpartyAsync(admin, region, Marker("ООО Чужой "), responsibleId: stranger.Id);
        var managerClient = await host.ClientAsync(manager.Login, manager.Password);
        var strangerClient = await host.ClientAsync(stranger.Login, stranger.Password);

        var count = await managerClient.GetFromJsonAsync<JsonElement>($"/api/v1/template-batches/count?regionId={region}");
        count.GetProperty("total").GetInt32().ShouldBe(1);
        var started = await StartedAsync(managerClient, template, region);
        started.GetProperty("total").GetInt32().ShouldBe(1);
        var batch = await FinishedAsync(managerClient, started.Id());
        (await ItemsAsync(managerClient, batch.Id())).ShouldHaveSingleItem().GetProperty("counterpartyId").GetGuid().ShouldBe(mine);
        (await DocumentsOfAsync(admin, hidden)).ShouldBeEmpty();

        // Someone else's batch does not exist for them; the administrator sees it.
        (await strangerClient.GetAsync($"/api/v1/template-batches/{batch.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangerClient.GetAsync($"/api/v1/template-batches/{batch.Id()}/items")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangerClient.PostAsync($"/api/v1/template-batches/{batch.Id()}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangerClient.GetFromJsonAsync<JsonElement>("/api/v1/template-batches")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(b => b.Id() == batch.Id());
        (await admin.GetAsync($"/api/v1/template-batches/{batch.Id()}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = (await managerClient.GetFromJsonAsync<JsonElement>("/api/v1/template-batches")).GetProperty("items").EnumerateArray().ToList();
        list.ShouldHaveSingleItem().Id().ShouldBe(batch.Id());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_WithBadInput_IsRefusedAndWritesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var template = await CreateLetterTemplateAsync(host);
        var emptyRegion = await CreateRegionAsync(admin);
        var region = await CreateRegionAsync(admin);
        await CreateCounterpartyAsync(admin, region, Marker("ООО Есть "));
        var unregistrable = await host.WithDbAsync(async db =>
        {
            var t = new DocumentTemplate
            {
                Name = Marker("Без типа "),
                Format = TemplateFormat.Html,
                Target = TemplateTarget.Counterparty,
                Body = "<p>{{ counterparty.name }}</p>",
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            db.DocumentTemplates.Add(t);
            await db.SaveChangesAsync();
            return t.Id;
        });
        var before = await host.WithDbAsync(db => db.TemplateBatches.CountAsync());

        var empty = await StartAsync(admin, template, emptyRegion);
        empty.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("template_batch_empty");
        var notRegistrable = await StartAsync(admin, unregistrable, region);
        notRegistrable.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await notRegistrable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("template_not_registrable");
        var badOutput = await StartAsync(admin, template, region, output: "xlsx");
        badOutput.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badOutput.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("output", out _).ShouldBeTrue();
        var badFilter = await admin.PostAsJsonAsync("/api/v1/template-batches", new { templateId = template, output = "pdf", filter = new { regionId = "север" } });
        badFilter.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badFilter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("filter.regionId", out _).ShouldBeTrue();
        var missing = await admin.PostAsJsonAsync("/api/v1/template-batches", new { templateId = Guid.NewGuid(), output = "pdf", filter = new { } });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await host.WithDbAsync(db => db.TemplateBatches.CountAsync())).ShouldBe(before);
    }
}
