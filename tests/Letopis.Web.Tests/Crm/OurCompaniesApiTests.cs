using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Crm;

public class OurCompaniesApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_ValidatesRequisites_AndAnEmployeeEditsWithoutAnAdmin(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var employee = await host.CreateUserAsync();
        var client = await host.ClientAsync(employee.Login, employee.Password);
        var name = "СтройГрад " + Guid.NewGuid().ToString("N")[..6];

        var bad = await client.PostAsJsonAsync("/api/v1/our-companies", new
        {
            name,
            inn = "7707083894",
            kpp = "77-01",
            bik = "04452522",
            account = "4070281",
            correspondentAccount = "123",
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var codes = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes");
        codes.GetProperty("inn")[0].GetString().ShouldBe("checksum");
        codes.TryGetProperty("kpp", out _).ShouldBeTrue();
        codes.TryGetProperty("bik", out _).ShouldBeTrue();
        codes.TryGetProperty("account", out _).ShouldBeTrue();
        codes.TryGetProperty("correspondentAccount", out _).ShouldBeTrue();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/our-companies");
        list.GetProperty("items").EnumerateArray().ShouldNotContain(c => c.GetProperty("name").GetString() == name);

        var account = TestBankRequisites.Account();
        var created = await client.PostAsJsonAsync("/api/v1/our-companies", new
        {
            name,
            fullName = $"ООО «{name}»",
            inn = TestRequisites.Inn10(),
            kpp = "770101001",
            address = "г. Москва, ул. Строителей, д. 5",
            bik = TestBankRequisites.Bik,
            bankName = "ПАО Сбербанк",
            correspondentAccount = TestBankRequisites.CorrespondentAccount,
            account,
            signatoryPosition = "Генеральный директор",
            signatoryName = "Соколов Андрей Викторович",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var mismatch = await client.PatchAsJsonAsync($"/api/v1/our-companies/{id}", new { bik = "044030653" });
        mismatch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var archived = await client.PatchAsJsonAsync($"/api/v1/our-companies/{id}", new { isArchived = true, signatoryName = "Петрова Анна Сергеевна" });
        archived.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/our-companies")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(c => c.GetProperty("id").GetGuid() == id);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/our-companies?includeArchived=true")).GetProperty("items").EnumerateArray()
            .ShouldContain(c => c.GetProperty("id").GetGuid() == id && c.GetProperty("bik").GetString() == TestBankRequisites.Bik);
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/our-companies/{id}/history");
        history.GetProperty("items").EnumerateArray().ShouldContain(h => h.GetProperty("field").GetString() == "signatoryName"
            && h.GetProperty("newValue").GetString() == "Петрова Анна Сергеевна");
    }
}
