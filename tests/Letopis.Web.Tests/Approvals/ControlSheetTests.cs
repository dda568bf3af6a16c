using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Approvals;
using Letopis.TestKit;
using Letopis.Web.Tests.Documents;
using Letopis.Web.Tests.Pdf;
using static Letopis.Web.Tests.Approvals.ControlTestKit;

namespace Letopis.Web.Tests.Approvals;

public class ControlSheetTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Sheet_ListsEveryDecisionAndHash_AsHtmlAndPdf_AndAttachesToTheDocument(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var lawyer = await host.CreateUserAsync(fullName: $"Юристова Анна {suffix}");
        var director = await host.CreateUserAsync(fullName: $"Директоров Виктор {suffix}");
        var (typeCode, _) = await SchemeAsync(host, new ApprovalDefinition
        {
            Stages = [Stage("law", "Правовая экспертиза", lawyer.Id), Stage("dir", "Утверждение директором", director.Id)],
        });
        var counterparty = await DocumentTestData.CounterpartyAsync(admin, $"ООО «Ромашка {suffix}»");
        var (doc, sha) = await DocumentAsync(host, admin, typeCode, "Договор поставки <оборудования>", counterpartyId: counterparty, amount: 1234567.89m);
        var route = await StartAsync(admin, doc);
        var routeId = route.GetProperty("id").GetGuid();
        await DecideAsync(await host.ClientAsync(lawyer.Login, lawyer.Password), PendingTask(route, lawyer.Id), comment: "Пункт 5.2 & 7 — без замечаний");
        route = await RouteAsync(admin, doc);
        await DecideAsync(await host.ClientAsync(director.Login, director.Password), PendingTask(route, director.Id), "reject", "Цена выше рынка");

        var html = await admin.GetAsync($"/api/v1/approval-routes/{routeId}/sheet");
        html.StatusCode.ShouldBe(HttpStatusCode.OK, await html.Content.ReadAsStringAsync());
        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var raw = await html.Content.ReadAsStringAsync();
        // What the user's text brought is escaped, never markup.
        raw.ShouldContain("&lt;оборудования&gt;");
        raw.ShouldNotContain("<оборудования>");
        var page = WebUtility.HtmlDecode(raw).Replace('\u00a0', ' ').Replace('\u202f', ' ');
        page.ShouldContain("Лист согласования");
        page.ShouldContain("Правовая экспертиза");
        page.ShouldContain("Утверждение директором");
        page.ShouldContain($"Юристова Анна {suffix}");
        page.ShouldContain($"Директоров Виктор {suffix}");
        page.ShouldContain("Согласовано");
        page.ShouldContain("Отклонено");
        page.ShouldContain("Пункт 5.2 & 7 — без замечаний");
        page.ShouldContain("Цена выше рынка");
        page.ShouldContain("Договор поставки <оборудования>");
        page.ShouldContain($"ООО «Ромашка {suffix}»");
        page.ShouldContain("1 234 567,89 ₽");
        page.ShouldContain("версия 1");
        // Both decisions were bound to the file's bytes: its hash appears once per decision.
        (page.Split(sha).Length - 1).ShouldBe(2);
        page.ShouldContain("size: A4");

        var pdf = await admin.GetAsync($"/api/v1/approval-routes/{routeId}/sheet?format=pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = PdfTestKit.Text(await pdf.Content.ReadAsByteArrayAsync());
        text.ShouldContain("Правовая");
        text.ShouldContain("экспертиза");
        text.ShouldContain("директором");
        text.ShouldContain("Юристова");
        text.ShouldContain("Директоров");
        text.ShouldContain("Отклонено");

        var files = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{doc}/files");
        var before = files.GetProperty("items").GetArrayLength();
        var attached = await admin.PostAsync($"/api/v1/approval-routes/{routeId}/sheet/attach", null);
        attached.StatusCode.ShouldBe(HttpStatusCode.Created, await attached.Content.ReadAsStringAsync());
        var file = await attached.Content.ReadFromJsonAsync<JsonElement>();
        var number = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{doc}")).GetProperty("number").GetString();
        file.GetProperty("name").GetString().ShouldBe($"Лист согласования {number}.pdf");
        file.GetProperty("version").GetInt32().ShouldBe(1);
        files = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{doc}/files");
        files.GetProperty("items").GetArrayLength().ShouldBe(before + 1);
        // Attaching again adds a version of the same file, not a second file.
        var again = await admin.PostAsync($"/api/v1/approval-routes/{routeId}/sheet/attach", null);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32().ShouldBe(2);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{doc}/files")).GetProperty("items").GetArrayLength().ShouldBe(before + 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Sheet_OfAHiddenDocument_Is404_AndABadFormatIs400(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var lawyer = await host.CreateUserAsync();
        var (typeCode, _) = await SchemeAsync(host, new ApprovalDefinition { Stages = [Stage("law", "Юрист", lawyer.Id)] });
        var (doc, _) = await DocumentAsync(host, admin, typeCode, "Секретный договор");
        var routeId = (await StartAsync(admin, doc)).GetProperty("id").GetGuid();
        var outsider = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Склад"));
        var client = await host.ClientAsync(outsider.Login, outsider.Password);

        (await client.GetAsync($"/api/v1/approval-routes/{routeId}/sheet")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/approval-routes/{routeId}/sheet?format=pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostAsync($"/api/v1/approval-routes/{routeId}/sheet/attach", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/v1/approval-routes/{Guid.NewGuid()}/sheet")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await admin.GetAsync($"/api/v1/approval-routes/{routeId}/sheet?format=docx");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("format", out _).ShouldBeTrue();
    }
}
