using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Documents.Files;
using Letopis.TestKit;
using static Letopis.Web.Tests.DocumentFiles.FileTestKit;

namespace Letopis.Web.Tests.DocumentFiles;

public class StorageQuotaApiTests
{
    private const long Mb = 1024 * 1024;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CompanyQuota_RefusesTheUploadBeforeStoringIt_WithTheNumbers(string provider)
    {
        using var host = Started(new LetopisHost(provider, settings: new Dictionary<string, string?> { ["Letopis:Quota:CompanyMegabytes"] = "1" }));
        var client = await host.AdminAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU");
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", RandomBytes(600 * 1024, 1), "первый.bin"));

        foreach (var chunked in new[] { false, true })
        {
            var problem = await ProblemAsync(
                await UploadAsync(client, $"/api/v1/documents/{document}/files", RandomBytes(500 * 1024, 2), "второй.bin", chunked: chunked),
                HttpStatusCode.RequestEntityTooLarge);
            problem.GetProperty("code").GetString().ShouldBe(QuotaRefusal.Code);
            problem.GetProperty("scope").GetString().ShouldBe("company");
            problem.GetProperty("limit").GetInt64().ShouldBe(Mb);
            problem.GetProperty("used").GetInt64().ShouldBe(600 * 1024);
            // Refused before reading, the size is the request's declared length (the file and a few hundred bytes of multipart framing).
            problem.GetProperty("size").GetInt64().ShouldBeInRange(500 * 1024, 501 * 1024);
            problem.GetProperty("detail").GetString()!.ShouldStartWith("Лимит хранилища компании — 1 МБ; уже занято 600 КБ, а файл занимает ");
        }

        StoredFiles(host).ShouldBe((1, 0));
        (await RecordsAsync(host, document)).ShouldBe((1, 1));
        var usage = await client.GetFromJsonAsync<JsonElement>("/api/v1/storage/usage");
        usage.GetProperty("company").GetProperty("usedBytes").GetInt64().ShouldBe(600 * 1024);
        usage.GetProperty("company").GetProperty("limitBytes").GetInt64().ShouldBe(Mb);
        usage.GetProperty("user").GetProperty("limitBytes").ValueKind.ShouldBe(JsonValueKind.Null);

        // What still fits is taken.
        await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", RandomBytes(400 * 1024, 3), "третий.bin"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task UserQuota_SetByTheAdministrator_StopsOneUserAndNotAnother(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var admin = await host.AdminAsync();
        var quota = await admin.PutAsJsonAsync("/api/v1/admin/quota", new { userMegabytes = 1 });
        quota.StatusCode.ShouldBe(HttpStatusCode.OK, await quota.Content.ReadAsStringAsync());
        var settings = await quota.Content.ReadFromJsonAsync<JsonElement>();
        settings.GetProperty("userMegabytes").GetInt64().ShouldBe(1);
        settings.GetProperty("companyMegabytes").ValueKind.ShouldBe(JsonValueKind.Null);

        var first = await host.CreateUserAsync("admin");
        var second = await host.CreateUserAsync("admin");
        var a = await host.ClientAsync(first.Login, first.Password);
        a.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var b = await host.ClientAsync(second.Login, second.Password);
        var document = await DocumentAsync(host, first.Id);

        await CreatedAsync(await UploadAsync(a, $"/api/v1/documents/{document}/files", RandomBytes(700 * 1024, 1), "a1.bin"));
        var problem = await ProblemAsync(await UploadAsync(a, $"/api/v1/documents/{document}/files", RandomBytes(700 * 1024, 2), "a2.bin", chunked: true),
            HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("code").GetString().ShouldBe(QuotaRefusal.Code);
        problem.GetProperty("scope").GetString().ShouldBe("user");
        problem.GetProperty("used").GetInt64().ShouldBe(700 * 1024);
        problem.GetProperty("size").GetInt64().ShouldBeInRange(700 * 1024, 701 * 1024);
        problem.GetProperty("detail").GetString().ShouldBe("Your personal storage limit is 1 MB; you already use 700 KB, and the file takes 700.2 KB.");
        StoredFiles(host).ShouldBe((1, 0));

        // Another user has their own megabyte.
        await CreatedAsync(await UploadAsync(b, $"/api/v1/documents/{document}/files", RandomBytes(700 * 1024, 3), "b1.bin"));

        var overview = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/quota");
        overview.GetProperty("companyUsedBytes").GetInt64().ShouldBe(1400 * 1024);
        overview.GetProperty("topUsers").EnumerateArray().Select(u => u.GetProperty("userId").GetGuid()).ShouldBe([first.Id, second.Id], ignoreOrder: true);

        // Lifting the limit lets the refused file in.
        (await admin.PutAsJsonAsync("/api/v1/admin/quota", new { userMegabytes = (long?)null })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await CreatedAsync(await UploadAsync(a, $"/api/v1/documents/{document}/files", RandomBytes(700 * 1024, 2), "a2.bin"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task QuotaSettings_AreForAdministratorsOnly_AndValidated(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var employee = await host.CreateUserAsync();
        var client = await host.ClientAsync(employee.Login, employee.Password);
        (await client.GetAsync("/api/v1/admin/quota")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PutAsJsonAsync("/api/v1/admin/quota", new { companyMegabytes = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/v1/storage/usage")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await host.AdminAsync();
        var bad = await ProblemAsync(await admin.PutAsJsonAsync("/api/v1/admin/quota", new { companyMegabytes = -5 }), HttpStatusCode.BadRequest);
        bad.GetProperty("errors").TryGetProperty("companyMegabytes", out _).ShouldBeTrue();
    }
}
