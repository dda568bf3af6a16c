using System.Net;
using System.Net.Http.Json;
using Letopis.Core.Execution;
using Letopis.TestKit;
using static Letopis.Web.Tests.Documents.DocumentTestData;
using static Letopis.Web.Tests.Execution.ExecutionTestKit;

namespace Letopis.Web.Tests.Execution;

/// <summary>Whoever cannot see a contract cannot learn of its plan, payments or settlement: 404, nothing written.</summary>
public class ExecutionAccessTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Execution_HiddenContract_NotFoundEverywhere(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var lawyer = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Юридический отдел"));
        var outsider = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Склад"));
        var counterparty = await CounterpartyAsync(admin);
        var contract = await ContractAsync(admin, counterparty, responsibleId: lawyer.Id);
        var point = await PointAsync(admin, contract, "payment", "Аванс", "2026-12-10", 1_000m);
        var payment = await PayAsync(admin, point.Id, 100m);

        var own = await host.ClientAsync(lawyer.Login, lawyer.Password);
        (await GetAsync<List<ControlPointDto>>(own, $"/api/v1/documents/{contract}/control-points")).Single().Id.ShouldBe(point.Id);
        (await GetAsync<SettlementDto>(own, $"/api/v1/documents/{contract}/settlement")).Paid.ShouldBe(100m);

        var stranger = await host.ClientAsync(outsider.Login, outsider.Password);
        var before = await RowsAsync(host);
        foreach (var url in new[]
        {
            $"/api/v1/documents/{contract}/control-points", $"/api/v1/documents/{contract}/settlement",
            $"/api/v1/documents/{contract}/settlement.xlsx", $"/api/v1/counterparties/{counterparty}/settlement",
            $"/api/v1/counterparties/{counterparty}/settlement.xlsx", $"/api/v1/control-points/{point.Id}/payments",
            $"/api/v1/documents/{contract}/control-reminders",
        })
        {
            var response = await stranger.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }
        (await stranger.PostAsJsonAsync($"/api/v1/documents/{contract}/control-points", new { kind = "stage", title = "Чужой", dueOn = "2026-12-10" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostPaymentAsync(stranger, point.Id, 1m)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsJsonAsync($"/api/v1/control-points/{point.Id}/complete", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.DeleteAsync($"/api/v1/control-points/{point.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.DeleteAsync($"/api/v1/payments/{payment.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsJsonAsync($"/api/v1/documents/{contract}/control-reminders", new { notifyResponsible = true }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var across = await GetAsync<Core.Common.PageOf<ControlPointDto>>(stranger, $"/api/v1/control-points?counterpartyId={counterparty}");
        across.Total.ShouldBe(0);
        (await RowsAsync(host)).ShouldBe(before);
    }
}
