using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

/// <summary>
/// The product names only what it can do: the role matrix lists the kinds that exist, and rights or
/// custom fields on a kind that does not exist are refused.
/// </summary>
public class BuiltFeaturesOnlyTests
{
    /// <summary>Names that are not kinds of records: paper copies and assignments live on documents, not as kinds of their own.</summary>
    private static readonly string[] NotKinds = ["copy", "warehouse"];

    /// <summary>Approval routes and office work are built as setting rights, not kinds of records with custom fields; nor do assignments take any.</summary>
    private static readonly string[] NoCustomFieldKinds = [.. NotKinds, "approval", "paper", "assignment"];

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
    public async Task SetPermissions_ForAKindThatDoesNotExist_IsRefused(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/roles", new { name = "r-" + Guid.NewGuid().ToString("N")[..6] });
        var roleId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var kind in NotKinds)
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
