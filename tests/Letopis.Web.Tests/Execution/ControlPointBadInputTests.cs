using System.Net;
using System.Net.Http.Json;
using Letopis.Core.Execution;
using Letopis.TestKit;
using static Letopis.Web.Tests.Documents.DocumentTestData;
using static Letopis.Web.Tests.Execution.ExecutionTestKit;

namespace Letopis.Web.Tests.Execution;

/// <summary>Bad input to the plan and its payments: a clear error naming the field, and nothing written.</summary>
public class ControlPointBadInputTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreatePoint_BadFields_RefusedNamingTheFieldAndNothingWritten(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var contract = await ContractAsync(admin, await CounterpartyAsync(admin), validFrom: "2026-11-01");
        var before = await RowsAsync(host);

        var negative = await PostPointAsync(admin, contract, new { kind = "payment", title = "Аванс", dueOn = "2026-12-01", amount = -1.50m });
        (await ProblemAsync(negative, HttpStatusCode.BadRequest)).FieldCodes("amount").ShouldBe(["negative"]);

        var early = await PostPointAsync(admin, contract, new { kind = "stage", title = "Этап 0", dueOn = "2026-10-31", amount = 10m });
        var problem = await ProblemAsync(early, HttpStatusCode.BadRequest);
        problem.FieldCodes("dueOn").ShouldBe([ExecutionErrors.BeforeContractStart]);
        problem.GetProperty("errors").GetProperty("dueOn")[0].GetString().ShouldNotBe(ExecutionErrors.BeforeContractStart, "the message is worded");

        var unknown = await PostPointAsync(admin, contract, new { kind = "milestone", title = "Веха", dueOn = "2026-12-01" });
        (await ProblemAsync(unknown, HttpStatusCode.BadRequest)).FieldCodes("kind").ShouldBe(["invalid"]);

        var fraction = await PostPointAsync(admin, contract, new { kind = "payment", title = "Полкопейки", dueOn = "2026-12-01", amount = 0.005m });
        (await ProblemAsync(fraction, HttpStatusCode.BadRequest)).FieldCodes("amount").ShouldBe(["invalid"]);

        var nameless = await PostPointAsync(admin, contract, new { kind = "stage", title = " ", dueOn = "2026-12-01" });
        (await ProblemAsync(nameless, HttpStatusCode.BadRequest)).FieldCodes("title").ShouldBe(["required"]);

        (await RowsAsync(host)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Pay_NegativeZeroOrFuture_RefusedAndNothingWritten(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var contract = await ContractAsync(admin, await CounterpartyAsync(admin));
        var point = await PointAsync(admin, contract, "payment", "Аванс", "2026-12-01", 100m);
        var before = await RowsAsync(host);

        (await ProblemAsync(await PostPaymentAsync(admin, point.Id, -5m), HttpStatusCode.BadRequest)).FieldCodes("amount").ShouldBe(["negative"]);
        (await ProblemAsync(await PostPaymentAsync(admin, point.Id, 0m), HttpStatusCode.BadRequest)).FieldCodes("amount").ShouldBe([ExecutionErrors.NotPositive]);
        (await ProblemAsync(await PostPaymentAsync(admin, point.Id, 5m, "2026-12-31"), HttpStatusCode.BadRequest))
            .FieldCodes("paidOn").ShouldBe([ExecutionErrors.InFuture]);

        (await RowsAsync(host)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task UpdatePoint_StaleVersion_ConflictAndKeepsTheNewerChange(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var contract = await ContractAsync(admin, await CounterpartyAsync(admin));
        var point = await PointAsync(admin, contract, "stage", "Этап 1", "2026-12-01", 100m);

        var first = await admin.PutAsJsonAsync($"/api/v1/control-points/{point.Id}",
            new { kind = "stage", title = "Этап 1 (уточнён)", dueOn = "2026-12-05", amount = 150m, version = point.Version });
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var stale = await admin.PutAsJsonAsync($"/api/v1/control-points/{point.Id}",
            new { kind = "stage", title = "Этап 1 (старый)", dueOn = "2026-12-02", amount = 90m, version = point.Version });
        (await ProblemAsync(stale, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("stale_version");

        var plan = await GetAsync<List<ControlPointDto>>(admin, $"/api/v1/documents/{contract}/control-points");
        (plan[0].Title, plan[0].DueOn, plan[0].Amount).ShouldBe(("Этап 1 (уточнён)", new DateOnly(2026, 12, 5), 150m));
    }
}
