using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class ApprovalJourneyTests(LetopisServer server)
{
    [Fact]
    public async Task Contract_GoesThroughTwoStagesWithRework_AndTheAuthorSeesItApproved()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = $"Поставка арматуры А500С ({suffix})";

        // A document type of its own, so that the scheme touches no other journey's contracts.
        using var admin = await AdminAsync();
        var typeCode = $"contract-approval-{suffix}";
        var type = await admin.PostAsJsonAsync("/api/v1/document-types", new { code = typeCode, name = $"Договор поставки {suffix}", kind = "contract" });
        type.IsSuccessStatusCode.ShouldBeTrue(await type.Content.ReadAsStringAsync());
        var lawyer = await UserIdAsync(admin, "lebedev");
        var accountant = await UserIdAsync(admin, "orlova");
        var scheme = await admin.PostAsJsonAsync("/api/v1/approval-schemes", new
        {
            documentTypeCode = typeCode,
            stages = new object[]
            {
                new { approverIds = new[] { lawyer }, mode = "all", days = 3 },
                new { approverIds = new[] { accountant }, mode = "all", days = 2 },
            },
        });
        scheme.IsSuccessStatusCode.ShouldBeTrue(await scheme.Content.ReadAsStringAsync());

        // The author's contract with its file.
        using var author = await server.ApiAsync("ivanova");
        var created = await author.PostAsJsonAsync("/api/v1/documents", new { typeCode, title });
        created.IsSuccessStatusCode.ShouldBeTrue(await created.Content.ReadAsStringAsync());
        var documentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent("Договор поставки арматуры, редакция 1"u8.ToArray());
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(file, "file", "Договор поставки.txt");
            (await author.PostAsync($"/api/v1/documents/{documentId}/files", form)).EnsureSuccessStatusCode();
        }

        // The author sends it for approval from the card.
        var ivanova = await server.NewPageAsync();
        await ivanova.SignInAsync("ivanova", LetopisServer.DemoPassword);
        await ivanova.GoAsync($"/documents/{documentId}");
        await ivanova.ClickAsync("[data-testid=approval-start]");
        await ivanova.WaitForSelectorAsync("[data-testid=approval-route-dialog]");
        await ivanova.ClickAsync("[data-testid=approval-route-save]");
        await Assertions.Expect(ivanova.Locator("[data-testid=approval-route-status]")).ToHaveAttributeAsync("data-status", "running");
        await Assertions.Expect(ivanova.Locator("[data-testid=doc-card-status] [data-testid=doc-status]")).ToHaveTextAsync("На согласовании");
        await Assertions.Expect(ivanova.Locator("[data-testid=approval-route-scheme]")).ToContainTextAsync("Версия");

        // The lawyer finds it in «На согласовании», opens the card and the very file, approves.
        var lebedev = await server.NewPageAsync();
        await lebedev.SignInAsync("lebedev", LetopisServer.DemoPassword);
        await Assertions.Expect(lebedev.Locator("[data-testid=nav-approvals-badge]")).ToBeVisibleAsync();
        await lebedev.ClickAsync("[data-testid=nav-approvals]");
        await lebedev.WaitForURLAsync(url => url.EndsWith("/approvals", StringComparison.Ordinal));
        var row = lebedev.Locator("[data-testid=approval-inbox] tr", new PageLocatorOptions { HasText = title });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(lebedev.Locator("[data-testid=approval-inbox-counts]")).ToContainTextAsync(new Regex("Всего [1-9]"));
        await lebedev.ShotAsync(server, "approval-inbox");
        await row.Locator("[data-testid=approval-inbox-document]").ClickAsync();
        await lebedev.WaitForURLAsync(url => url.Contains($"/documents/{documentId}", StringComparison.Ordinal));
        await lebedev.WaitForSelectorAsync("[data-testid=approval-my-task]");
        await lebedev.ClickAsync("[data-testid=approval-approve]");
        await lebedev.WaitForSelectorAsync("[data-testid=approval-decision-dialog]");
        var link = lebedev.Locator("[data-testid=approval-decision-file-link]");
        await Assertions.Expect(link).ToHaveTextAsync("Договор поставки.txt");
        var download = await lebedev.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var seen = await File.ReadAllTextAsync((await download.PathAsync())!);
        seen.ShouldBe("Договор поставки арматуры, редакция 1");
        await lebedev.ClickAsync("[data-testid=approval-decision-save]");
        await lebedev.WaitForSelectorAsync("[data-testid=approval-decision-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await Assertions.Expect(lebedev.Locator("[data-testid=approval-my-task]")).ToHaveCountAsync(0);

        // The chief accountant returns it for rework: a comment is required.
        var orlova = await server.NewPageAsync();
        await orlova.SignInAsync("orlova", LetopisServer.DemoPassword);
        await orlova.GoAsync($"/documents/{documentId}");
        await orlova.ClickAsync("[data-testid=approval-rework]");
        await orlova.WaitForSelectorAsync("[data-testid=approval-decision-dialog]");
        await orlova.ClickAsync("[data-testid=approval-decision-save]");
        await Assertions.Expect(orlova.Locator("[data-testid=approval-decision-dialog]")).ToContainTextAsync("Обязательное поле");
        await orlova.Locator("textarea[data-testid=approval-decision-comment]").FillAsync("Уточните порядок оплаты: аванс не более 30 %");
        await orlova.ClickAsync("[data-testid=approval-decision-save]");
        await orlova.WaitForSelectorAsync("[data-testid=approval-decision-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await Assertions.Expect(orlova.Locator("[data-testid=approval-route-status]")).ToHaveAttributeAsync("data-status", "rework");

        // The author sees the comment, uploads a new version and sends it again.
        await ivanova.GoAsync($"/documents/{documentId}");
        await Assertions.Expect(ivanova.Locator("[data-testid=doc-card-status] [data-testid=doc-status]")).ToHaveTextAsync("На доработке");
        await Assertions.Expect(ivanova.Locator("[data-testid=approval-task-comment]", new PageLocatorOptions { HasText = "аванс не более 30 %" })).ToHaveCountAsync(1);
        await ivanova.ClickAsync(".mud-tab >> text=Файлы");
        await ivanova.ClickAsync("[data-testid=doc-file-new-version]");
        await ivanova.SetInputFilesAsync("[data-testid=doc-file-input]", new FilePayload
        {
            Name = "Договор поставки.txt",
            MimeType = "text/plain",
            Buffer = "Договор поставки арматуры, редакция 2: аванс 30 %"u8.ToArray(),
        });
        await ivanova.ClickAsync("[data-testid=doc-file-upload]");
        await Assertions.Expect(ivanova.Locator("[data-testid=doc-files] td[data-label='Версия']")).ToHaveTextAsync("2");
        await ivanova.ClickAsync("[data-testid=approval-resubmit]");
        await ivanova.WaitForSelectorAsync("[data-testid=approval-route-dialog]");
        await ivanova.ClickAsync("[data-testid=approval-route-save]");
        await Assertions.Expect(ivanova.Locator("[data-testid=approval-route-status]")).ToHaveAttributeAsync("data-status", "running");

        // Whoever the scheme asks again approves (the accountant always; the lawyer too when everyone approves again).
        foreach (var approver in new[] { lebedev, orlova })
        {
            await approver.GoAsync($"/documents/{documentId}");
            await approver.WaitForSelectorAsync("[data-testid=approval-panel] [data-testid=approval-lifecycle]");
            if (await approver.Locator("[data-testid=approval-approve]").CountAsync() == 0)
                continue;
            await approver.ClickAsync("[data-testid=approval-approve]");
            await approver.WaitForSelectorAsync("[data-testid=approval-decision-dialog]");
            await approver.ClickAsync("[data-testid=approval-decision-save]");
            await approver.WaitForSelectorAsync("[data-testid=approval-decision-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        }

        // The route is complete: the author sees the document approved and its life cycle.
        await ivanova.GoAsync($"/documents/{documentId}");
        await Assertions.Expect(ivanova.Locator("[data-testid=approval-route-status]")).ToHaveAttributeAsync("data-status", "approved");
        await Assertions.Expect(ivanova.Locator("[data-testid=approval-route-status]")).ToHaveTextAsync("Согласован");
        await Assertions.Expect(ivanova.Locator("[data-testid=doc-card-status] [data-testid=doc-status]")).ToHaveTextAsync("Согласован");
        await Assertions.Expect(ivanova.Locator("[data-testid=approval-diagram] [data-testid=approval-stage][data-status=approved]")).ToHaveCountAsync(2);
        await ivanova.ShotAsync(server, "approval-route");

        // The approval sheet as a PDF.
        var sheet = await ivanova.RunAndWaitForDownloadAsync(() => ivanova.ClickAsync("[data-testid=approval-sheet-pdf]"));
        sheet.SuggestedFilename.ShouldEndWith(".pdf");
        var bytes = await File.ReadAllBytesAsync((await sheet.PathAsync())!);
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
    }

    private async Task<HttpClient> AdminAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = "admin", password = LetopisServer.AdminPassword });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return http;
    }

    private static async Task<Guid> UserIdAsync(HttpClient http, string login)
    {
        var users = await http.GetFromJsonAsync<JsonElement>($"/api/v1/users?q={login}");
        return users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("login").GetString() == login).GetProperty("id").GetGuid();
    }
}
