using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using static Letopis.Web.Tests.Documents.DocumentTestData;

namespace Letopis.Web.Tests.Documents;

/// <summary>Documents registered under a contract are between the contract's parties unless told otherwise.</summary>
public class DocumentPartiesTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Register_UnderAContractWithoutParties_TakesTheContractsCounterpartyAndOurCompany(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(admin);
        var other = await CounterpartyAsync(admin);
        var ours = await admin.PostAsJsonAsync("/api/v1/our-companies", new { name = Marker("ООО Летопись ") });
        ours.EnsureSuccessStatusCode();
        var ourCompany = (await ours.Content.ReadFromJsonAsync<JsonElement>()).Id();
        var contract = await RegisterAsync(admin, new { typeCode = "contract", title = "Договор подряда", counterpartyId = counterparty, ourCompanyId = ourCompany });

        var appendix = await RegisterAsync(admin, new { typeCode = "appendix", title = "Спецификация", parentId = contract.Id() });
        var act = await RegisterAsync(admin, new { typeCode = "act", title = "Акт за ноябрь", amount = 120000m, parentId = contract.Id(), counterpartyId = other, ourCompanyId = (Guid?)null });

        contract.GetProperty("counterpartyId").GetGuid().ShouldBe(counterparty, contract.ToString());
        appendix.GetProperty("counterpartyId").ValueKind.ShouldBe(JsonValueKind.String, appendix.ToString());
        appendix.GetProperty("counterpartyId").GetGuid().ShouldBe(counterparty);
        appendix.GetProperty("ourCompanyId").GetGuid().ShouldBe(ourCompany);
        // A counterparty given stays; an empty field is filled in.
        act.GetProperty("counterpartyId").GetGuid().ShouldBe(other);
        act.GetProperty("ourCompanyId").GetGuid().ShouldBe(ourCompany);
    }
}
