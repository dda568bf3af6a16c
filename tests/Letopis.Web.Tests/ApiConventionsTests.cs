using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

/// <summary>The conventions every endpoint shares: problem+json, versions, limits, language.</summary>
public class ApiConventionsTests
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();

        var response = await admin.GetAsync("/api/v1/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(response)).GetProperty("code").GetString().ShouldBe("route_not_found");
    }

    [Fact]
    public async Task MalformedJson_Is400ProblemAndWritesNothing()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/departments")).GetProperty("total").GetInt32();

        var response = await admin.PostAsync("/api/v1/departments", new StringContent("{\"name\": \"Отдел", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(response)).GetProperty("code").GetString().ShouldBe("malformed_json");
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/departments")).GetProperty("total").GetInt32().ShouldBe(before);
    }

    [Fact]
    public async Task TenMegabyteJsonBody_Is413Problem()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var huge = "{\"name\":\"" + new string('я', 5 * 1024 * 1024) + "\"}";

        var response = await admin.PostAsync("/api/v1/departments", new StringContent(huge, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await ProblemAsync(response)).GetProperty("code").GetString().ShouldBe("body_too_large");
    }

    [Fact]
    public async Task ValidationProblem_IsInTheCallersLanguage()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();

        var ru = await admin.PostAsJsonAsync("/api/v1/departments", new { name = "" });
        var enRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/departments") { Content = JsonContent.Create(new { name = "" }) };
        enRequest.Headers.AcceptLanguage.ParseAdd("en");
        var en = await admin.SendAsync(enRequest);

        (await ProblemAsync(ru)).GetProperty("errors").GetProperty("name")[0].GetString().ShouldBe("Обязательное поле");
        (await ProblemAsync(en)).GetProperty("errors").GetProperty("name")[0].GetString().ShouldBe("Required");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Patch_WithStaleIfMatch_Is412AndChangesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var id = await host.CreateDepartmentAsync("Снабжение");
        var first = await admin.PatchAsJsonAsync($"/api/v1/departments/{id}", new { name = "Снабжение А " + id });
        first.Headers.ETag!.Tag.ShouldBe("\"2\"");

        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/departments/{id}") { Content = JsonContent.Create(new { name = "Снабжение Б" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var response = await admin.SendAsync(stale);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await ProblemAsync(response)).GetProperty("code").GetString().ShouldBe("precondition_failed");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/departments/{id}")).GetProperty("name").GetString().ShouldBe("Снабжение А " + id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Patch_WithStaleBodyVersion_Is409AndKeepsTheNewerChange(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var id = await host.CreateDepartmentAsync("Сметный отдел");
        await admin.PatchAsJsonAsync($"/api/v1/departments/{id}", new { name = "Сметный отдел 2 " + id, version = 1 });

        var response = await admin.PatchAsJsonAsync($"/api/v1/departments/{id}", new { name = "Сметный отдел 3", version = 1 });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemAsync(response)).GetProperty("code").GetString().ShouldBe("stale_version");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/departments/{id}")).GetProperty("name").GetString().ShouldBe("Сметный отдел 2 " + id);
    }

    [Fact]
    public async Task Patch_WithWrongJsonTypeForAField_Is400NamingTheField()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var id = await host.CreateDepartmentAsync("Склад");

        var response = await admin.PatchAsync($"/api/v1/departments/{id}", new StringContent("{\"parentId\": 42}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(response)).GetProperty("errors").TryGetProperty("parentId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task UnknownId_Is404Problem()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();

        var response = await admin.GetAsync($"/api/v1/users/{Guid.NewGuid()}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(response)).GetProperty("code").GetString().ShouldBe("not_found");
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheStableCore()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);

        var document = await host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        paths.TryGetProperty("/api/v1/auth/token", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/me", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/users", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/departments/{id}", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Health_IsOk()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);

        (await host.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
