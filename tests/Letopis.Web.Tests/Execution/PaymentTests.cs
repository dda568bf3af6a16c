using System.Net;
using System.Net.Http.Json;
using Letopis.Core.Execution;
using Letopis.TestKit;
using static Letopis.Web.Tests.Documents.DocumentTestData;
using static Letopis.Web.Tests.Execution.ExecutionTestKit;

namespace Letopis.Web.Tests.Execution;

/// <summary>Payments against the plan: partial ones, and over-payments only when confirmed.</summary>
public class PaymentTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Pay_PartialThenMoreThanLeft_RefusedWithNumbersUntilConfirmed(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(admin);
        var contract = await ContractAsync(admin, counterparty);
        var point = await PointAsync(admin, contract, "payment", "Окончательный расчёт", "2026-12-30", 1_000.00m);

        var partial = await PayAsync(admin, point.Id, 400.40m, "2026-11-26");
        partial.Amount.ShouldBe(400.40m);
        var plan = await GetAsync<List<ControlPointDto>>(admin, $"/api/v1/documents/{contract}/control-points");
        (plan[0].Paid, plan[0].Left, plan[0].Status).ShouldBe((400.40m, 599.60m, "open"));

        var before = await RowsAsync(host);
        var refused = await PostPaymentAsync(admin, point.Id, 600m);
        var problem = await ProblemAsync(refused, HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe(ExecutionErrors.PaymentExceedsPlan);
        problem.GetProperty("planned").GetDecimal().ShouldBe(1_000.00m);
        problem.GetProperty("paid").GetDecimal().ShouldBe(400.40m);
        problem.GetProperty("left").GetDecimal().ShouldBe(599.60m);
        problem.GetProperty("amount").GetDecimal().ShouldBe(600m);
        (await RowsAsync(host)).ShouldBe(before);

        var exact = await PostPaymentAsync(admin, point.Id, 599.60m, confirm: false);
        exact.StatusCode.ShouldBe(HttpStatusCode.Created, await exact.Content.ReadAsStringAsync());
        var over = await PayAsync(admin, point.Id, 0.40m, confirm: true);
        over.Amount.ShouldBe(0.40m);

        plan = await GetAsync<List<ControlPointDto>>(admin, $"/api/v1/documents/{contract}/control-points");
        (plan[0].Paid, plan[0].Left, plan[0].Status).ShouldBe((1_000.40m, -0.40m, "done"));
        var payments = await GetAsync<List<ControlPaymentDto>>(admin, $"/api/v1/control-points/{point.Id}/payments");
        payments.Select(p => p.Amount).ShouldBe([400.40m, 599.60m, 0.40m]);
        (await GetAsync<SettlementDto>(admin, $"/api/v1/documents/{contract}/settlement")).Balance.ShouldBe(-0.40m);

        var deleted = await admin.DeleteAsync($"/api/v1/payments/{over.Id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await GetAsync<SettlementDto>(admin, $"/api/v1/documents/{contract}/settlement")).Paid.ShouldBe(1_000.00m);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Pay_OnTheCounterpartysTimeline_ShowsThePayment(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(admin);
        var contract = await ContractAsync(admin, counterparty);
        var point = await PointAsync(admin, contract, "payment", "Аванс", "2026-12-30", 10_000m);
        await PayAsync(admin, point.Id, 2_500.25m);

        var timeline = await GetAsync<System.Text.Json.JsonElement>(admin, $"/api/v1/counterparties/{counterparty}/timeline?pageSize=100");
        timeline.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("kind").GetString() == ExecutionNotices.TimelinePayment)
            .Select(i => i.GetProperty("text").GetString()!.Split(" — ")[0]).ShouldBe(["2500.25 RUB"]);
    }
}
