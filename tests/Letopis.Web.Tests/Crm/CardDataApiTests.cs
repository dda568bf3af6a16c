using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Crm;

/// <summary>Addresses and bank accounts of a counterparty card.</summary>
public class CardDataApiTests
{
    internal static async Task<Guid> CounterpartyAsync(HttpClient client, string name, Guid? responsibleId = null)
    {
        var body = new Dictionary<string, object> { ["name"] = $"{name} {Guid.NewGuid().ToString("N")[..8]}" };
        if (responsibleId is { } responsible)
            body["responsibleId"] = responsible;
        var response = await client.PostAsJsonAsync("/api/v1/counterparties", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Addresses_AreSavedShownAndAudited_AndTooLongIsRefused(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var id = await CounterpartyAsync(client, "ООО «Адрес»");

        var patch = await client.PatchAsJsonAsync($"/api/v1/counterparties/{id}", new
        {
            legalAddress = "г. Москва, ул. Ленина, д. 1",
            actualAddress = "г. Химки, Заводское ш., д. 7",
            postalAddress = "а/я 15, г. Москва, 101000",
        });
        patch.StatusCode.ShouldBe(HttpStatusCode.OK);

        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}");
        card.GetProperty("actualAddress").GetString().ShouldBe("г. Химки, Заводское ш., д. 7");
        card.GetProperty("postalAddress").GetString().ShouldBe("а/я 15, г. Москва, 101000");
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/history");
        history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("field").GetString()).ShouldContain("actualAddress");

        var tooLong = await client.PatchAsJsonAsync($"/api/v1/counterparties/{id}", new { postalAddress = new string('д', 1001) });
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("postalAddress", out _).ShouldBeTrue();
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}")).GetProperty("postalAddress").GetString()
            .ShouldBe("а/я 15, г. Москва, 101000");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AddBankAccount_WithWrongBikOrAccount_NamesTheFieldAndSavesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var id = await CounterpartyAsync(client, "ООО «Счета»");
        var url = $"/api/v1/counterparties/{id}/bank-accounts";
        var account = Letopis.Core.Crm.Requisites.CompleteAccount("40702810000000000001", TestBankRequisites.Bik);

        var badBik = await client.PostAsJsonAsync(url, new { bik = "04452522", bankName = "ПАО Сбербанк", account });
        badBik.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badBikProblem = await badBik.Content.ReadFromJsonAsync<JsonElement>();
        badBikProblem.GetProperty("fieldCodes").GetProperty("bik")[0].GetString().ShouldBe("invalid");

        // A real БИК, but the account's control digit belongs to another bank.
        Letopis.Core.Crm.Requisites.IsValidAccount(account, "044030653").ShouldBeFalse();
        var otherBank = await client.PostAsJsonAsync(url, new { bik = "044030653", bankName = "ПАО Сбербанк", account });
        otherBank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var codes = (await otherBank.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes");
        codes.GetProperty("account")[0].GetString().ShouldBe("account_bik_mismatch");
        codes.TryGetProperty("bik", out _).ShouldBeFalse();

        var badCorr = await client.PostAsJsonAsync(url, new
        {
            bik = TestBankRequisites.Bik,
            bankName = "ПАО Сбербанк",
            account,
            correspondentAccount = "30101810400000000226",
        });
        badCorr.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badCorr.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes").GetProperty("correspondentAccount")[0].GetString()
            .ShouldBe("account_bik_mismatch");

        var list = await client.GetFromJsonAsync<JsonElement>(url);
        list.GetProperty("total").GetInt32().ShouldBe(0);
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/history");
        history.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("field").GetString() == "bankAccounts").ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task BankAccounts_AddEditMainAndDelete_KeepOneMainAndTellTheHistoryAndTimeline(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var id = await CounterpartyAsync(client, "ООО «Два счёта»");
        var url = $"/api/v1/counterparties/{id}/bank-accounts";

        var first = await client.PostAsJsonAsync(url, new
        {
            bik = TestBankRequisites.Bik,
            bankName = "ПАО Сбербанк",
            account = TestBankRequisites.Account(),
            correspondentAccount = TestBankRequisites.CorrespondentAccount,
        });
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        firstBody.GetProperty("isMain").GetBoolean().ShouldBeTrue();
        var second = await client.PostAsJsonAsync(url, new
        {
            bik = TestBankRequisites.Bik,
            bankName = "ПАО Сбербанк",
            account = TestBankRequisites.Account(),
            isMain = true,
        });
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var list = (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray().ToList();
        list.Count.ShouldBe(2);
        list.Count(a => a.GetProperty("isMain").GetBoolean()).ShouldBe(1);
        list[0].GetProperty("id").GetGuid().ShouldBe(secondId);

        var rename = await client.PatchAsJsonAsync($"{url}/{secondId}", new { bankName = "Сбербанк (Москва)" });
        rename.StatusCode.ShouldBe(HttpStatusCode.OK);
        var wrong = await client.PatchAsJsonAsync($"{url}/{secondId}", new { account = "40702810000000000000" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await client.DeleteAsync($"{url}/{secondId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var left = (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray().Single();
        left.GetProperty("isMain").GetBoolean().ShouldBeTrue();

        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/timeline");
        var kinds = timeline.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ToList();
        kinds.ShouldContain("bank_account_added");
        kinds.ShouldContain("bank_account_changed");
        kinds.ShouldContain("bank_account_removed");
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/history");
        history.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("field").GetString() == "bankAccounts").ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task BankAccounts_FollowTheCardsAccess(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var company = await host.CreateDepartmentAsync("Компания");
        var sales = await host.CreateDepartmentAsync("Продажи", company);
        var legal = await host.CreateDepartmentAsync("Юристы", company);
        var manager = await host.CreateUserAsync(departmentId: sales);
        var colleague = await host.CreateUserAsync(departmentId: sales);
        var lawyer = await host.CreateUserAsync(departmentId: legal);
        var managerClient = await host.ClientAsync(manager.Login, manager.Password);
        var id = await CounterpartyAsync(managerClient, "ООО «Чужие счета»");
        var url = $"/api/v1/counterparties/{id}/bank-accounts";
        var body = new { bik = TestBankRequisites.Bik, bankName = "ПАО Сбербанк", account = TestBankRequisites.Account() };

        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        (await lawyerClient.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.PostAsJsonAsync(url, body)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var colleagueClient = await host.ClientAsync(colleague.Login, colleague.Password);
        (await colleagueClient.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await colleagueClient.PostAsJsonAsync(url, body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await managerClient.PostAsJsonAsync(url, body)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
