using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using Letopis.Web.Tests.Crm;
using Letopis.Web.Tests.DocumentFiles;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Deals;

/// <summary>What the deal card holds besides its fields: documents and files, activities, and finding it in the search.</summary>
public class DealRecordsApiTests
{
    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Documents_LinkedToADeal_ListedWithFiles_AndHiddenWithTheDeal(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var department = await host.CreateDepartmentAsync("Отдел сделок " + Guid.NewGuid().ToString("N")[..4]);
        var owner = await host.CreateUserAsync("employee", department);
        var stranger = await host.CreateUserAsync("employee", await host.CreateDepartmentAsync("Другой " + Guid.NewGuid().ToString("N")[..4]));
        var client = await host.ClientAsync(owner.Login, owner.Password);
        var strangerClient = await host.ClientAsync(stranger.Login, stranger.Password);
        var admin = await host.AdminAsync();
        var pipeline = await DealsApi.PipelineAsync(admin, "Новая");
        var company = await CardDataApiTests.CounterpartyAsync(client, "ООО «Документы»");
        var deal = (await DealsApi.DealAsync(client, new { title = "Договор поставки", pipelineId = pipeline.Id(), companyId = company })).Id();

        var contract = await CreatedIdAsync(await client.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title = "Договор № 1", counterpartyId = company, dealId = deal }));
        var invoice = await CreatedIdAsync(await client.PostAsJsonAsync("/api/v1/documents", new { typeCode = "invoice", title = "Счёт на аванс", counterpartyId = company, amount = 5000 }));
        await CreatedIdAsync(await client.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title = "Другой договор", counterpartyId = company }));
        for (var i = 1; i <= 2; i++)
            (await FileTestKit.UploadAsync(client, $"/api/v1/documents/{contract}/files", FileTestKit.RandomBytes(64, i), $"договор-{i}.pdf")).StatusCode.ShouldBe(HttpStatusCode.Created);
        // A document joins a deal later by editing its card.
        var patched = await client.PatchAsJsonAsync($"/api/v1/documents/{invoice}", new { dealId = deal });
        (await DealsApi.ProblemAsync(patched, HttpStatusCode.OK)).GetProperty("dealId").GetGuid().ShouldBe(deal);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{contract}")).GetProperty("dealId").GetGuid().ShouldBe(deal);

        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents?dealId={deal}");
        listed.GetProperty("items").EnumerateArray().Select(d => d.Id()).ShouldBe([invoice, contract], ignoreOrder: true);
        listed.GetProperty("items").EnumerateArray().ShouldAllBe(d => d.GetProperty("dealId").GetGuid() == deal);
        var ofDeal = await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{deal}/documents");
        var files = ofDeal.GetProperty("items").EnumerateArray().ToDictionary(d => d.Id(), d => d.GetProperty("filesCount").GetInt32());
        files.ShouldBe(new Dictionary<Guid, int> { [contract] = 2, [invoice] = 0 }, ignoreOrder: true);
        // The deal's timeline records the contract registered on it.
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{deal}/timeline")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("kind").GetString()).ShouldContain("document_registered");

        (await strangerClient.GetAsync($"/api/v1/documents?dealId={deal}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await strangerClient.GetAsync($"/api/v1/deals/{deal}/documents")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A document cannot be tied to a deal its author may not see, and nothing is registered.
        var before = await host.WithDbAsync(db => db.Documents.CountAsync());
        var refused = await strangerClient.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title = "Чужая сделка", dealId = deal });
        (await DealsApi.ProblemAsync(refused, HttpStatusCode.BadRequest)).ErrorFields().ShouldContain("dealId");
        (await host.WithDbAsync(db => db.Documents.CountAsync())).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_FindsADealForItsOwner_ByTitleCompanyAndItem_NotForOthers(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var pipeline = await DealsApi.PipelineAsync(admin, "Новая");
        var owner = await host.CreateUserAsync("employee", await host.CreateDepartmentAsync("Поиск А " + Guid.NewGuid().ToString("N")[..4]));
        var stranger = await host.CreateUserAsync("employee", await host.CreateDepartmentAsync("Поиск Б " + Guid.NewGuid().ToString("N")[..4]));
        var client = await host.ClientAsync(owner.Login, owner.Password);
        var strangerClient = await host.ClientAsync(stranger.Login, stranger.Password);
        var marker = string.Concat(Enumerable.Range(0, 9).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));
        var itemMarker = string.Concat(Enumerable.Range(0, 9).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));
        var deal = (await DealsApi.DealAsync(client, new
        {
            title = $"Поставка {marker}",
            pipelineId = pipeline.Id(),
            items = new[] { new { name = $"Кирпич {itemMarker}", quantity = 1000, price = 12.5m } },
        })).Id();

        async Task<List<JsonElement>> FoundAsync(HttpClient who, string q) =>
            (await who.GetFromJsonAsync<JsonElement>("/api/v1/search?pageSize=100&q=" + Uri.EscapeDataString(q))).GetProperty("items").EnumerateArray()
                .Where(h => h.GetProperty("entity").GetString() == "deal").ToList();

        (await FoundAsync(client, marker)).Select(h => h.Id()).ShouldBe([deal]);
        (await FoundAsync(client, itemMarker)).Select(h => h.Id()).ShouldBe([deal]);
        (await FoundAsync(strangerClient, marker)).ShouldBeEmpty();

        // Items replaced: the old item's words no longer find it.
        (await client.PutAsJsonAsync($"/api/v1/deals/{deal}/items", new { items = new[] { new { name = "Цемент", quantity = 1, price = 1 } } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FoundAsync(client, itemMarker)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Activities_OfADeal_ListedOnItsCard(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var pipeline = await DealsApi.PipelineAsync(admin, "Новая");
        var company = await CardDataApiTests.CounterpartyAsync(admin, "ООО «Звонки»");
        var deal = (await DealsApi.DealAsync(admin, new { title = "Сделка со звонком", pipelineId = pipeline.Id(), companyId = company })).Id();
        var call = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/v1/activities", new
        {
            kind = "call",
            subject = "Обсудить КП",
            plannedAt = host.Clock.GetUtcNow().AddHours(2),
            counterpartyId = company,
        }));
        await CreatedIdAsync(await admin.PostAsJsonAsync("/api/v1/activities", new
        {
            kind = "call",
            subject = "Не по сделке",
            plannedAt = host.Clock.GetUtcNow().AddHours(3),
            counterpartyId = company,
        }));
        // Planning on a deal belongs to the activities form; here the link is set directly.
        await host.WithDbAsync(db => db.Activities.Where(a => a.Id == call).ExecuteUpdateAsync(s => s.SetProperty(a => a.DealId, deal)));

        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{deal}/activities");
        listed.GetProperty("items").EnumerateArray().Select(a => a.Id()).ShouldBe([call]);
        (await admin.GetAsync($"/api/v1/deals/{Guid.NewGuid()}/activities")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
