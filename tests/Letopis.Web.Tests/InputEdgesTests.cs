using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.TestKit;
using static Letopis.Web.Tests.DocumentFiles.FileTestKit;

namespace Letopis.Web.Tests;

/// <summary>The edges of input each get a 400 naming the field, or the documented limit, never a 500.</summary>
public class InputEdgesTests
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(text).RootElement;
    }

    private static Task<HttpResponseMessage> SendJsonAsync(HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    private static string[] FieldCodes(JsonElement problem, string field) =>
        [.. problem.GetProperty("fieldCodes").GetProperty(field).EnumerateArray().Select(c => c.GetString()!)];

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateAndPatch_DuplicateKey_Is400MalformedJsonNamingTheField(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();

        var created = await ProblemAsync(await SendJsonAsync(admin, HttpMethod.Post, "/api/v1/counterparties",
            "{\"kind\":\"company\",\"name\":\"ООО «А»\",\"name\":\"ООО «Б»\"}"), HttpStatusCode.BadRequest);
        created.GetProperty("code").GetString().ShouldBe("malformed_json");
        FieldCodes(created, "name").ShouldBe(["duplicate_key"]);

        var card = await admin.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name = "ООО «Дубль»" });
        var id = (await card.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var patched = await ProblemAsync(await SendJsonAsync(admin, HttpMethod.Patch, $"/api/v1/counterparties/{id}",
            "{\"name\":\"ООО «В»\",\"Name\":\"ООО «Г»\"}"), HttpStatusCode.BadRequest);
        FieldCodes(patched, "Name").ShouldBe(["duplicate_key"]);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}")).GetProperty("name").GetString().ShouldBe("ООО «Дубль»");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DatesAtTheEndsOfTheCalendar_Are400NamingTheField(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();

        var plan = await ProblemAsync(await SendJsonAsync(admin, HttpMethod.Post, "/api/v1/activities",
            "{\"kind\":\"call\",\"subject\":\"Позвонить\",\"plannedAt\":\"9999-12-31T23:59:59.9999999+00:00\"}"), HttpStatusCode.BadRequest);
        FieldCodes(plan, "plannedAt").ShouldBe(["out_of_range"]);

        var agenda = await ProblemAsync(await admin.GetAsync("/api/v1/agenda?date=9999-12-31"), HttpStatusCode.BadRequest);
        FieldCodes(agenda, "date").ShouldBe(["out_of_range"]);
        var list = await ProblemAsync(await admin.GetAsync("/api/v1/activities?from=0001-01-01"), HttpStatusCode.BadRequest);
        FieldCodes(list, "from").ShouldBe(["out_of_range"]);

        var day = await ProblemAsync(await SendJsonAsync(admin, HttpMethod.Put, "/api/v1/calendar/days/9999-12-31", "{\"isWorkingDay\":false}"),
            HttpStatusCode.BadRequest);
        FieldCodes(day, "date").ShouldBe(["out_of_range"]);
        var added = await ProblemAsync(await admin.GetAsync("/api/v1/calendar/add-working-days?from=2026-12-01&days=-2147483648"), HttpStatusCode.BadRequest);
        FieldCodes(added, "days").ShouldBe(["invalid"]);

        var token = await ProblemAsync(await SendJsonAsync(admin, HttpMethod.Post, "/api/v1/me/api-tokens",
            "{\"name\":\"Телефония\",\"expiresOn\":\"9999-12-31\"}"), HttpStatusCode.BadRequest);
        FieldCodes(token, "expiresOn").ShouldBe(["out_of_range"]);
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me/api-tokens")).EnumerateArray()
            .Any(t => t.GetProperty("name").GetString() == "Телефония").ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_PageNearIntMaxValue_IsAnEmptyPageNotTheFirst(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        await admin.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name = "ООО «Страница»" });

        foreach (var size in new[] { 50, 500 })
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?page=2147483647&pageSize={size}");
            page.GetProperty("items").GetArrayLength().ShouldBe(0);
            page.GetProperty("page").GetInt32().ShouldBe(int.MaxValue);
            page.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PutQuota_LargestLong_Is400AndUploadsStillWork(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var admin = await host.AdminAsync();

        var quota = await ProblemAsync(await SendJsonAsync(admin, HttpMethod.Put, "/api/v1/admin/quota",
            "{\"companyMegabytes\":9223372036854775807,\"userMegabytes\":8796093022208}"), HttpStatusCode.BadRequest);
        FieldCodes(quota, "companyMegabytes").ShouldBe(["out_of_range"]);
        FieldCodes(quota, "userMegabytes").ShouldBe(["out_of_range"]);

        // The largest limit whose bytes a long holds is taken, and it limits nothing in practice.
        var largest = await SendJsonAsync(admin, HttpMethod.Put, "/api/v1/admin/quota", "{\"companyMegabytes\":8796093022207}");
        largest.StatusCode.ShouldBe(HttpStatusCode.OK, await largest.Content.ReadAsStringAsync());
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        await CreatedAsync(await UploadAsync(admin, $"/api/v1/documents/{document}/files", RandomBytes(10 * 1024, 1), "договор.bin"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Login_WithControlCharactersOrBrokenText_IsAWrongLoginOrTheHomePage(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        async Task<string> SignInAsync(string login, string password, string returnUrl)
        {
            // Each attempt from a new browser: a signed-in one would need a new antiforgery token.
            var client = LoginForm.Browser(host);
            var token = await LoginForm.AntiforgeryTokenAsync(client);
            var body = $"login={login}&password={password}&returnUrl={returnUrl}&__RequestVerificationToken={Uri.EscapeDataString(token)}";
            // A stray field of bytes that are not UTF-8 at all.
            var response = await client.PostAsync("/account/login", new ByteArrayContent([.. Encoding.UTF8.GetBytes(body), 0x26, 0x78, 0x3D, 0xFF, 0xC3])
            {
                Headers = { ContentType = new("application/x-www-form-urlencoded") },
            });
            // NUL and CR LF are refused before the sign-in is read: a 400 problem, never a 500.
            if (response.StatusCode == HttpStatusCode.BadRequest && (login + returnUrl).Contains("%0", StringComparison.Ordinal))
                return (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("code").GetString()!;
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{login} {returnUrl} {await response.Content.ReadAsStringAsync()}");
            return response.Headers.Location!.OriginalString;
        }

        foreach (var login in new[] { Uri.EscapeDataString(user.Login) + "%00", "%00", "%ED%A0%80", "%01" })
            (await SignInAsync(login, "x", "%2F")).ShouldBeOneOf("/login?error=invalid&returnUrl=%2F", "bad_request");
        // LocalRedirect throws on a control character: the return address falls back to the home page instead.
        foreach (var returnUrl in new[] { "%2F%00", "%2Fa%09b", "%2F%ED%A0%80%0D%0ALocation:%20x", "%2F%01" })
            (await SignInAsync(Uri.EscapeDataString(user.Login), Uri.EscapeDataString(user.Password), returnUrl)).ShouldBeOneOf("/", "bad_request");
    }

    [Fact]
    public async Task JsonBody_InAnotherCharset_Is415Problem()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/counterparties")
        {
            Content = new StringContent("{\"kind\":\"company\",\"name\":\"ООО «Кодировка»\"}", Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentType!.CharSet = "utf-7";

        var problem = await ProblemAsync(await admin.SendAsync(request), HttpStatusCode.UnsupportedMediaType);

        problem.GetProperty("code").GetString().ShouldBe("unsupported_media_type");
    }
}

public class RequestLimitsTests
{
    [Fact]
    public async Task LongTargetOrLargeHeaders_AreProblemsNotEmptyAnswers()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var client = host.CreateClient();

        var url = await client.GetAsync("/api/v1/counterparties?q=" + new string('я', 5000));
        url.StatusCode.ShouldBe(HttpStatusCode.RequestUriTooLong);
        url.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await url.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"uri_too_long\"");

        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        for (var i = 0; i < 5; i++)
            request.Headers.Add($"X-Padding-{i}", new string('a', 8000));
        var headers = await client.SendAsync(request);
        headers.StatusCode.ShouldBe(HttpStatusCode.RequestHeaderFieldsTooLarge);
        headers.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await headers.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"headers_too_large\"");
    }
}
