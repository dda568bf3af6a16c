using System.Net;
using Letopis.TestKit;
using MiniExcelLibs;
using static Letopis.Web.Tests.Documents.DocumentTestData;
using static Letopis.Web.Tests.Execution.ExecutionTestKit;

namespace Letopis.Web.Tests.Execution;

/// <summary>The settlement exported to Excel and read back: the same numbers as on the screen.</summary>
public class SettlementXlsxTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SettlementXlsx_ContractAndCounterparty_ReadBackWithTheSameSums(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var counterparty = await CounterpartyAsync(admin);
        var contract = await ContractAsync(admin, counterparty);
        var other = await ContractAsync(admin, counterparty);
        var advance = await PointAsync(admin, contract, "payment", "Аванс", "2026-11-20", 1_234.56m);
        await PointAsync(admin, contract, "stage", "Этап 1", "2026-12-20", 10_000.01m);
        await PayAsync(admin, advance.Id, 1_000.05m);
        var second = await PointAsync(admin, other, "payment", "Расчёт", "2026-12-20", 99.99m);
        await PayAsync(admin, second.Id, 99.99m);

        var response = await admin.GetAsync($"/api/v1/documents/{contract}/settlement.xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var rows = MiniExcel.Query(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>().ToList();
        rows.Count.ShouldBe(3);
        rows[0]["Наименование"].ShouldBe("Аванс");
        rows[0]["Вид"].ShouldBe("Платёж");
        rows[0]["Просрочено"].ShouldBe("да");
        Convert.ToDecimal(rows[0]["Оплачено"]).ShouldBe(1_000.05m);
        Convert.ToDecimal(rows[0]["Остаток"]).ShouldBe(234.51m);
        rows[0]["Контрольная дата"].ShouldBe(new DateTime(2026, 11, 20));
        rows[2]["Вид"].ShouldBe("Итого");
        Convert.ToDecimal(rows[2]["План"]).ShouldBe(11_234.57m);
        Convert.ToDecimal(rows[2]["Остаток"]).ShouldBe(10_234.52m);

        var all = await admin.GetAsync($"/api/v1/counterparties/{counterparty}/settlement.xlsx");
        all.StatusCode.ShouldBe(HttpStatusCode.OK);
        var lines = MiniExcel.Query(new MemoryStream(await all.Content.ReadAsByteArrayAsync()), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>().ToList();
        lines.Count.ShouldBe(3);
        lines[^1]["Номер"].ShouldBe("Итого");
        Convert.ToDecimal(lines[^1]["План"]).ShouldBe(11_334.56m);
        Convert.ToDecimal(lines[^1]["Оплачено"]).ShouldBe(1_100.04m);
        Convert.ToDecimal(lines[^1]["Просроченных точек"]).ShouldBe(1m);
    }
}
