using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Letopis.TestKit;
using MiniExcelLibs;
using static Letopis.Web.Tests.Documents.DocumentTestData;

namespace Letopis.Web.Tests.Documents;

/// <summary>The document registry: its order, its columns, the grouped and expiring views, and its export.</summary>
public class DocumentRegistryTests
{
    // The shared host's clock stands at 2026-11-27 06:00 UTC: 09:00 in Moscow, the company's zone.
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static async Task<JsonElement> PageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/documents?" + query);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static string?[] Numbers(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()).ToArray();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_WithinOneDate_ContractFirstThenAppendicesInNaturalOrder(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(client);
        var day = new DateOnly(2026, 11, 20);
        var contract = await RegisterAsync(client, new { typeCode = "contract", title = "Договор подряда", counterpartyId = counterparty, registeredOn = day });
        var appendices = new List<string>();
        for (var i = 0; i < 10; i++)
            appendices.Add((await RegisterAsync(client, new { typeCode = "appendix", title = $"Приложение {i + 1}", parentId = contract.Id(), counterpartyId = counterparty, registeredOn = day })).Str("number")!);
        // A later date comes first: the registry reads newest first.
        var later = await RegisterAsync(client, new { typeCode = "contract", title = "Договор поставки", counterpartyId = counterparty, registeredOn = day.AddDays(1) });

        var page = await PageAsync(client, $"counterpartyId={counterparty}&pageSize=50");

        appendices[1].ShouldEndWith("/П-2");
        appendices[9].ShouldEndWith("/П-10");
        Numbers(page).ShouldBe([later.Str("number"), contract.Str("number"), .. appendices]);
        // Paging follows the same order.
        Numbers(await PageAsync(client, $"counterpartyId={counterparty}&page=2&pageSize=5")).ShouldBe(appendices[3..8]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_WithNumbersOfItsOwnPattern_OrdersDigitRunsAsNumbers(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(client);
        var type = await OwnTypeAsync(client, "П-{n}");
        var numbers = new List<string>();
        for (var i = 0; i < 11; i++)
            numbers.Add((await RegisterAsync(client, new { typeId = type.Id(), title = "Протокол", counterpartyId = counterparty, registeredOn = "2026-11-18" })).Str("number")!);

        var page = await PageAsync(client, $"counterpartyId={counterparty}");

        numbers[..3].ShouldBe(["П-1", "П-2", "П-3"]);
        Numbers(page).ShouldBe([.. numbers]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_ShowsResponsibleValidityAndOurLegalEntity(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(client);
        var ours = await client.PostAsJsonAsync("/api/v1/our-companies", new { name = Marker("ООО Наша фирма "), inn = TestRequisites.Inn10() });
        ours.StatusCode.ShouldBe(HttpStatusCode.Created, await ours.Content.ReadAsStringAsync());
        var oursId = (await ours.Content.ReadFromJsonAsync<JsonElement>()).Id();
        var manager = await host.CreateUserAsync(fullName: "Сидорова Анна Павловна");
        await RegisterAsync(client, new
        {
            typeCode = "contract",
            title = "Аренда",
            counterpartyId = counterparty,
            ourCompanyId = oursId,
            responsibleId = manager.Id,
            validFrom = "2026-01-01",
            validTo = "2026-12-31",
        });

        var row = (await PageAsync(client, $"counterpartyId={counterparty}")).GetProperty("items")[0];

        row.Str("responsibleName").ShouldBe("Сидорова Анна Павловна");
        row.Str("validFrom").ShouldBe("2026-01-01");
        row.Str("validTo").ShouldBe("2026-12-31");
        row.GetProperty("ourCompanyId").GetGuid().ShouldBe(oursId);
        row.Str("ourCompanyName")!.ShouldStartWith("ООО Наша фирма ");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_Grouped_PutsEachContractsDocumentsUnderIt(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(client);
        var older = await RegisterAsync(client, new { typeCode = "contract", title = "Старый договор", counterpartyId = counterparty, registeredOn = "2026-10-01" });
        var newer = await RegisterAsync(client, new { typeCode = "contract", title = "Новый договор", counterpartyId = counterparty, registeredOn = "2026-11-01" });
        // Registered after the newer contract, yet shown under the older one.
        var appendix = await RegisterAsync(client, new { typeCode = "appendix", title = "Смета", parentId = older.Id(), counterpartyId = counterparty, registeredOn = "2026-11-10" });
        var agreement = await RegisterAsync(client, new { typeCode = "supplementary-agreement", title = "ДС", parentId = older.Id(), counterpartyId = counterparty, registeredOn = "2026-11-11" });
        var act = await RegisterAsync(client, new { typeCode = "act", title = "Акт", parentId = agreement.Id(), counterpartyId = counterparty, amount = 1000, registeredOn = "2026-11-12" });

        var flat = await PageAsync(client, $"counterpartyId={counterparty}");
        var grouped = await PageAsync(client, $"counterpartyId={counterparty}&grouped=true");

        flat.GetProperty("total").GetInt32().ShouldBe(5);
        Numbers(flat)[0].ShouldBe(act.Str("number"));
        grouped.GetProperty("total").GetInt32().ShouldBe(2);
        grouped.GetProperty("items").EnumerateArray().Select(i => (i.Str("number"), i.GetProperty("depth").GetInt32())).ShouldBe(
        [
            (newer.Str("number"), 0),
            (older.Str("number"), 0),
            (appendix.Str("number"), 1),
            (agreement.Str("number"), 1),
            (act.Str("number"), 2),
        ]);
        // A group's head that does not pass the filter still heads its documents.
        var acts = await PageAsync(client, $"counterpartyId={counterparty}&typeCode=act&grouped=true");
        acts.GetProperty("items").EnumerateArray().Select(i => (i.Str("number"), i.GetProperty("depth").GetInt32()))
            .ShouldBe([(older.Str("number"), 0), (act.Str("number"), 1)]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_ExpiringWithin30Days_KeepsValidityEndsFromTodayToTodayPlus30(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(client);
        async Task<string> Contract(DateOnly? validTo) =>
            (await RegisterAsync(client, new { typeCode = "contract", title = $"До {validTo}", counterpartyId = counterparty, validTo })).Str("title")!;
        var yesterday = await Contract(Today.AddDays(-1));
        var today = await Contract(Today);
        var inTen = await Contract(Today.AddDays(10));
        var inThirty = await Contract(Today.AddDays(30));
        var inThirtyOne = await Contract(Today.AddDays(31));
        var open = await Contract(null);

        var page = await PageAsync(client, $"counterpartyId={counterparty}&expiringWithinDays=30");

        page.GetProperty("items").EnumerateArray().Select(i => i.Str("title")).OrderBy(t => t).ShouldBe(new[] { today, inTen, inThirty }.OrderBy(t => t));
        page.GetProperty("total").GetInt32().ShouldBe(3);
        (yesterday + inThirtyOne + open).ShouldNotBeEmpty();
        var wrong = await client.GetAsync("/api/v1/documents?expiringWithinDays=1000");
        (await ProblemAsync(wrong, HttpStatusCode.BadRequest)).FieldCodes("expiringWithinDays").ShouldNotBeEmpty();
    }

    /// <summary>A manager and a colleague of another department, each with a contract with the same counterparty.</summary>
    private static async Task<(HttpClient Manager, Guid Counterparty, string[] Mine)> ArrangeAccessAsync(LetopisHost host)
    {
        var company = await host.CreateDepartmentAsync("Компания");
        var sales = await host.CreateDepartmentAsync("Продажи", company);
        var legal = await host.CreateDepartmentAsync("Юристы", company);
        var manager = await host.CreateUserAsync(departmentId: sales, fullName: "Петров Пётр Петрович");
        var stranger = await host.CreateUserAsync(departmentId: legal);
        var managerClient = await host.ClientAsync(manager.Login, manager.Password);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(managerClient);

        var first = await RegisterAsync(managerClient, new
        {
            typeCode = "contract",
            title = "=Договор; «первый»",
            counterpartyId = counterparty,
            amount = 1234.5m,
            registeredOn = "2026-11-02",
            validFrom = "2026-11-02",
            validTo = "2026-12-10",
        });
        var second = await RegisterAsync(managerClient, new { typeCode = "contract", title = "Второй", counterpartyId = counterparty, registeredOn = "2026-11-01" });
        // The same counterparty, another department's contract: hidden from the manager in the list and the export.
        await RegisterAsync(admin, new
        {
            typeCode = "contract",
            title = "Чужой договор",
            counterpartyId = counterparty,
            responsibleId = stranger.Id,
            registeredOn = "2026-11-03",
            validTo = "2026-12-01",
        });
        return (managerClient, counterparty, [first.Str("number")!, second.Str("number")!]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ExportCsv_HoldsTheVisibleFilteredRowsInRegistryOrder(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var (client, counterparty, mine) = await ArrangeAccessAsync(host);

        var list = await PageAsync(client, $"counterpartyId={counterparty}");
        var response = await client.GetAsync($"/api/v1/documents/export?format=csv&counterpartyId={counterparty}");

        Numbers(list).ShouldBe(mine);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("documents-2026-11-27.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        using var csv = CsvReader.FromText(Encoding.UTF8.GetString(bytes.AsSpan(3)), CsvReaderOptions.Default with { Separator = ';' });
        csv.Headers.ToArray().ShouldBe(["Номер", "Дата регистрации", "Вид документа", "Заголовок", "Контрагент", "Наше юрлицо", "Сумма", "Валюта", "Статус",
            "Ответственный", "Действует с", "Действует по"]);
        var rows = new List<string[]>();
        while (csv.Read())
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray());
        rows.Select(r => r[0]).ShouldBe(mine);
        rows[0][1].ShouldBe("02.11.2026");
        rows[0][2].ShouldBe("Договор");
        rows[0][3].ShouldBe("'=Договор; «первый»");
        rows[0][6].ShouldBe("1234,50");
        rows[0][9].ShouldBe("Петров Пётр Петрович");
        rows[0][11].ShouldBe("10.12.2026");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ExportXlsx_ExpiringView_HasRealDatesAndNoHiddenRows(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var (client, counterparty, mine) = await ArrangeAccessAsync(host);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var list = await PageAsync(client, $"counterpartyId={counterparty}&expiringWithinDays=30");
        var response = await client.GetAsync($"/api/v1/documents/export?format=xlsx&counterpartyId={counterparty}&expiringWithinDays=30");

        Numbers(list).ShouldBe([mine[0]]);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.Count.ShouldBe(1);
        rows[0]["Number"].ShouldBe(mine[0]);
        rows[0]["Valid to"].ShouldBeOfType<DateTime>().ShouldBe(new DateTime(2026, 12, 10));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Export_WithoutAFormatOrWithABadFilter_IsRefused(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();

        (await ProblemAsync(await client.GetAsync("/api/v1/documents/export"), HttpStatusCode.BadRequest)).FieldCodes("format").ShouldBe(["required"]);
        (await ProblemAsync(await client.GetAsync("/api/v1/documents/export?format=pdf"), HttpStatusCode.BadRequest)).FieldCodes("format").ShouldBe(["invalid"]);
        (await ProblemAsync(await client.GetAsync("/api/v1/documents/export?format=csv&status=nonsense"), HttpStatusCode.BadRequest))
            .FieldCodes("status").ShouldBe(["invalid"]);
    }
}
