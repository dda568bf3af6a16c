using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Common;
using Letopis.Core.Execution;
using Letopis.TestKit;
using static Letopis.Web.Tests.Execution.ExecutionTestKit;

namespace Letopis.Web.Tests.Execution;

/// <summary>The demo company's contracts come with plans: partial payments, a stage closed by its act, an overdue stage with its reason.</summary>
public class DemoExecutionTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoCompany_Contracts_HavePlansPaymentsAndAnOverdueStageWithReason(string provider)
    {
        var host = DemoHosts.Shared(provider);
        var admin = await host.AdminAsync();

        var overdue = await GetAsync<PageOf<ControlPointDto>>(admin, "/api/v1/control-points?overdue=true");
        overdue.Items.ShouldContain(p => p.Kind == "stage" && p.MissReason != null && p.DocumentTitle != null);

        var all = await GetAsync<PageOf<ControlPointDto>>(admin, "/api/v1/control-points?pageSize=500");
        all.Items.ShouldContain(p => p.Kind == "payment" && p.Paid > 0 && p.Left > 0, "a payment paid in part");
        all.Items.ShouldContain(p => p.ClosingDocumentId != null && p.Acted > 0, "a stage closed by its act");

        var counterpartyId = overdue.Items.First(p => p.MissReason != null).CounterpartyId!.Value;
        var settlement = await GetAsync<CounterpartySettlementDto>(admin, $"/api/v1/counterparties/{counterpartyId}/settlement");
        settlement.OverdueCount.ShouldBeGreaterThan(0);
        settlement.Balance.ShouldBe(settlement.Planned - settlement.Paid);
        settlement.Paid.ShouldBeGreaterThan(0m);

        var rules = await admin.GetFromJsonAsync<JsonElement>("/api/v1/document-types/contract/control-reminders");
        rules.GetArrayLength().ShouldBeGreaterThanOrEqualTo(1);
    }
}
