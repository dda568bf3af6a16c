using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Documents;

/// <summary>
/// A required document custom field, as the card and the registration dialog rely on it. A host
/// per test: the required field would refuse every other test's registrations.
/// </summary>
public class DocumentCustomFieldsApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RequiredDocumentField_MissingAtRegistrationOrClearedLater_IsAFieldNamedError_AndAnEditIsInTheHistory(string provider)
    {
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var code = "site" + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "document", code, label = "Объект строительства", type = "string", required = true }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var missing = await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "internal-memo", title = "О начале работ" });
        (await DocumentTestData.ProblemAsync(missing, HttpStatusCode.BadRequest)).FieldCodes("customFields." + code).ShouldBe(["required"]);
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/documents?typeCode=internal-memo");
        page.GetProperty("total").GetInt32().ShouldBe(0);

        var document = await DocumentTestData.RegisterAsync(admin, new
        {
            typeCode = "internal-memo",
            title = "О начале работ",
            customFields = new Dictionary<string, object> { [code] = "ЖК «Северный»" },
        });
        var id = document.Id();

        var cleared = await admin.PatchAsJsonAsync($"/api/v1/documents/{id}", new { customFields = new Dictionary<string, object?> { [code] = null } });
        (await DocumentTestData.ProblemAsync(cleared, HttpStatusCode.BadRequest)).FieldCodes("customFields." + code).ShouldBe(["required"]);

        var edited = await admin.PatchAsJsonAsync($"/api/v1/documents/{id}", new { customFields = new Dictionary<string, object?> { [code] = "ЖК «Южный»" } });
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{id}");
        card.GetProperty("customFields").GetProperty(code).GetString().ShouldBe("ЖК «Южный»");
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{id}/history");
        history.GetProperty("items").EnumerateArray()
            .Any(c => c.GetProperty("field").GetString() == "customFields." + code
                      && c.GetProperty("oldValue").GetString() == "ЖК «Северный»" && c.GetProperty("newValue").GetString() == "ЖК «Южный»")
            .ShouldBeTrue();
    }
}
