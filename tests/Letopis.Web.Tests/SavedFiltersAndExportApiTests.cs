using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Letopis.TestKit;
using MiniExcelLibs;

namespace Letopis.Web.Tests;

public class SavedFiltersAndExportApiTests
{
    private static string Marker(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private static async Task<JsonElement> SaveAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/saved-filters", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/saved-filters?entity=counterparty")).GetProperty("items").EnumerateArray().ToList();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SavedFilters_PrivateUntilShared_AndOnlyTheOwnerChangesThem(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var owner = await host.CreateUserAsync();
        var other = await host.CreateUserAsync();
        var ownerClient = await host.ClientAsync(owner.Login, owner.Password);
        var otherClient = await host.ClientAsync(other.Login, other.Password);
        var name = Marker("Казань VIP ");

        var saved = await SaveAsync(ownerClient, new { entity = "counterparty", name, query = "?regionId=5&tag=VIP&page=3&pageSize=100&sort=-createdAt" });
        var id = saved.GetProperty("id").GetGuid();
        saved.GetProperty("query").GetString().ShouldBe("regionId=5&tag=VIP&sort=-createdAt");
        saved.GetProperty("canEdit").GetBoolean().ShouldBeTrue();
        saved.GetProperty("isShared").GetBoolean().ShouldBeFalse();
        (await ListAsync(ownerClient)).ShouldContain(f => f.GetProperty("id").GetGuid() == id);

        // Private: the other user neither sees nor touches it — as if it did not exist.
        (await ListAsync(otherClient)).ShouldNotContain(f => f.GetProperty("id").GetGuid() == id);
        (await otherClient.PatchAsJsonAsync($"/api/v1/saved-filters/{id}", new { name = "Моё" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherClient.DeleteAsync($"/api/v1/saved-filters/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Shared: visible to everyone, still only the owner's to change or delete.
        var shared = await ownerClient.PatchAsJsonAsync($"/api/v1/saved-filters/{id}", new { isShared = true, name = name + " (общий)" });
        shared.StatusCode.ShouldBe(HttpStatusCode.OK);
        var seen = (await ListAsync(otherClient)).Single(f => f.GetProperty("id").GetGuid() == id);
        seen.GetProperty("name").GetString().ShouldBe(name + " (общий)");
        seen.GetProperty("canEdit").GetBoolean().ShouldBeFalse();
        seen.GetProperty("ownerId").GetGuid().ShouldBe(owner.Id);
        (await otherClient.PatchAsJsonAsync($"/api/v1/saved-filters/{id}", new { name = "Моё" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await otherClient.DeleteAsync($"/api/v1/saved-filters/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Names are unique per owner and list, regardless of case.
        await SaveAsync(ownerClient, new { entity = "counterparty", name = "Второй", query = "kind=person" });
        var duplicate = await ownerClient.PatchAsJsonAsync($"/api/v1/saved-filters/{id}", new { name = "второй" });
        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes").GetProperty("name")[0].GetString().ShouldBe("duplicate");
        var empty = await ownerClient.PostAsJsonAsync("/api/v1/saved-filters", new { entity = "counterparty", name = "  ", query = "" });
        (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes").GetProperty("name")[0].GetString().ShouldBe("required");
        var unknown = await ownerClient.PostAsJsonAsync("/api/v1/saved-filters", new { entity = "spaceship", name = "X", query = "" });
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes").GetProperty("entity")[0].GetString().ShouldBe("invalid");

        (await ownerClient.DeleteAsync($"/api/v1/saved-filters/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ListAsync(ownerClient)).ShouldNotContain(f => f.GetProperty("id").GetGuid() == id);
        (await ListAsync(otherClient)).ShouldNotContain(f => f.GetProperty("id").GetGuid() == id);
    }

    /// <summary>An employee who sees two of three tagged cards: the third belongs to another department.</summary>
    private static async Task<(HttpClient Client, string Tag, Guid Region, string Inn)> ArrangeExportAsync(LetopisHost host)
    {
        var company = await host.CreateDepartmentAsync("Компания");
        var sales = await host.CreateDepartmentAsync("Продажи", company);
        var legal = await host.CreateDepartmentAsync("Юристы", company);
        var manager = await host.CreateUserAsync(departmentId: sales, fullName: "Петров Пётр Петрович");
        var stranger = await host.CreateUserAsync(departmentId: legal);
        var client = await host.ClientAsync(manager.Login, manager.Password);
        var strangerClient = await host.ClientAsync(stranger.Login, stranger.Password);
        var admin = await host.AdminAsync();
        var region = await DirectoryApiTests.ReferenceAsync(admin, "regions", "Выгрузка");
        var tag = Marker("экспорт");
        var inn = TestRequisites.Inn10();

        await DirectoryApiTests.CreateAsync(client, new
        {
            name = "Альфа; «кавычки» и \"ещё\"",
            inn,
            kpp = "773601001",
            ogrn = "1027700132195",
            phone = "8 (495) 123-45-67",
            email = "alfa@example.ru",
            regionId = region,
            tags = new[] { tag, "VIP" },
        });
        await DirectoryApiTests.CreateAsync(client, new { name = "=Бета", kind = "person", regionId = region, tags = new[] { tag } });
        await DirectoryApiTests.CreateAsync(client, new { name = "Без тега", regionId = region });
        await DirectoryApiTests.CreateAsync(strangerClient, new { name = "Чужая", regionId = region, tags = new[] { tag } });
        // «Без тега» does not pass the filter; «Чужая» passes it but is hidden by the access rights.
        return (client, tag, region, inn);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ExportCsv_HoldsExactlyTheVisibleFilteredRows_ForRussianExcel(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var (client, tag, region, inn) = await ArrangeExportAsync(host);

        var response = await client.GetAsync($"/api/v1/counterparties/export?format=csv&regionId={region}&tag={tag}&sort=-name");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("counterparties-2026-11-27.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        text.Split("\r\n")[0].ShouldStartWith("Наименование;Вид;ИНН;КПП;ОГРН / ОГРНИП;Телефон;");

        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = ';' });
        csv.Headers.ToArray().ShouldBe(["Наименование", "Вид", "ИНН", "КПП", "ОГРН / ОГРНИП", "Телефон", "E-mail", "Регион", "Категория", "Группа",
            "Вид деятельности", "Источник рекламы", "Ответственный", "Теги", "Создан"]);
        var rows = new List<string[]>();
        while (csv.Read())
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray());

        // Descending by name; a value that a spreadsheet would run as a formula is defused with an apostrophe.
        rows.Select(r => r[0]).ShouldBe(["Альфа; «кавычки» и \"ещё\"", "'=Бета"]);
        var alfa = rows[0];
        alfa[1].ShouldBe("Организация");
        alfa[2].ShouldBe(inn);
        alfa[5].ShouldBe("'+7 495 123-45-67");
        alfa[7].ShouldStartWith("Выгрузка");
        alfa[12].ShouldBe("Петров Пётр Петрович");
        alfa[13].ShouldBe($"VIP, {tag}");
        alfa[14].ShouldBe("27.11.2026");
        rows[1][1].ShouldBe("Физическое лицо");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ExportXlsx_InEnglish_HasRealDatesAndNoHiddenRows(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var (client, tag, region, _) = await ArrangeExportAsync(host);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var response = await client.GetAsync($"/api/v1/counterparties/export?format=xlsx&regionId={region}&tag={tag}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("counterparties-2026-11-27.xlsx");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        rows.Select(r => r["Name"]).ShouldBe(["=Бета", "Альфа; «кавычки» и \"ещё\""]);
        rows[0].Keys.ShouldBe(["Name", "Kind", "ИНН", "КПП", "ОГРН / ОГРНИП", "Phone", "E-mail", "Region", "Category", "Group", "Activity",
            "Ad source", "Responsible", "Tags", "Created"]);
        rows[1]["Phone"].ShouldBe("+7 495 123-45-67");
        rows[1]["Tags"].ShouldBe($"VIP, {tag}");
        rows[0]["Kind"].ShouldBe("Person");
        rows[1]["Created"].ShouldBeOfType<DateTime>().ShouldBe(new DateTime(2026, 11, 27));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Export_WithoutAFormatOrWithABadSort_IsRefused(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();

        var noFormat = await client.GetAsync("/api/v1/counterparties/export");
        noFormat.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noFormat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes").GetProperty("format")[0].GetString().ShouldBe("required");
        var pdf = await client.GetAsync("/api/v1/counterparties/export?format=pdf");
        (await pdf.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("format")[0].GetString()!.ShouldContain("csv");
        (await client.GetAsync("/api/v1/counterparties/export?format=csv&sort=random")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
