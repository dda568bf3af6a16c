using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

/// <summary>
/// The product names only what it can do: the sign-in page, the role matrix and the kinds of records
/// that take custom fields list no letters' assignments, which are not built.
/// </summary>
public class BuiltFeaturesOnlyTests
{
    private static readonly string[] UnbuiltKinds = ["assignment"];
/// that take custom fields list no paper originals, which are not built.
    private static readonly string[] UnbuiltKinds = ["copy"];
/// that take custom fields list nothing that is not built.
    private static readonly string[] UnbuiltKinds = [];

    /// <summary>Approval routes are built, but as a setting right, not a kind of record with custom fields; nor do assignments take any.</summary>
    private static readonly string[] NoCustomFieldKinds = [.. UnbuiltKinds, "approval", "assignment"];

    [Theory]
    [InlineData("ru", new[] { "поручени" })]
    [InlineData("en", new[] { "assignment" })]
    [InlineData("ru", new[] { "оригинал" })]
    [InlineData("en", new[] { "paper", "original" })]
    [InlineData("ru", new string[0])]
    [InlineData("en", new string[0])]
    public async Task LoginPage_Text_MentionsNoUnbuiltFeature(string culture, string[] words)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        using var client = host.CreateClient(new() { AllowAutoRedirect = false });

        var html = await client.GetStringAsync($"/login?culture={culture}&ui-culture={culture}");

        var text = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", " "));
        text.ShouldContain(culture == "ru" ? "Вход" : "Sign in");
        foreach (var word in words)
            text.ShouldNotContain(word, Case.Insensitive);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RolePermissions_Matrix_ListsOnlyKindsThatExist(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var roles = await admin.GetFromJsonAsync<JsonElement>("/api/v1/roles");
        var employee = roles.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "employee").GetProperty("id").GetGuid();

        var matrix = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/roles/{employee}/permissions");

        matrix.EnumerateArray().Select(c => c.GetProperty("entityKind").GetString()).Distinct()
            .ShouldBe(["counterparty", "contact", "lead", "deal", "activity", "document", "customField", "documentType", "pipeline", "leadOutcome", "template", "approval", "paper"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SetPermissions_ForAnUnbuiltKind_IsRefused(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/roles", new { name = "r-" + Guid.NewGuid().ToString("N")[..6] });
        var roleId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var kind in UnbuiltKinds)
        {
            var response = await admin.PutAsJsonAsync($"/api/v1/roles/{roleId}/permissions", new[] { new { entityKind = kind, action = "read", scope = "all" } });
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, kind);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateCustomField_OnAnUnbuiltKindOfRecord_IsRefusedNamingTheEntity(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();

        foreach (var entity in NoCustomFieldKinds)
        {
            var code = "f" + Guid.NewGuid().ToString("N")[..8];
            var response = await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity, code, label = "Бюджет", type = "string" });

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, entity);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("errors").TryGetProperty("entity", out _).ShouldBeTrue();
            var fields = await admin.GetFromJsonAsync<JsonElement>("/api/v1/custom-fields");
            fields.GetProperty("items").EnumerateArray().ShouldNotContain(f => f.GetProperty("code").GetString() == code);
        }
    }
}
