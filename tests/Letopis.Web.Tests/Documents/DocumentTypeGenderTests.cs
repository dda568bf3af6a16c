using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using static Letopis.Web.Tests.Documents.DocumentTestData;

namespace Letopis.Web.Tests.Documents;

/// <summary>A document type knows the gender of its name, so that its statuses agree with it in Russian.</summary>
public class DocumentTypeGenderTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task BuiltInTypes_HaveTheGenderOfTheirNames(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();

        (await TypeAsync(admin, "contract")).Str("gender").ShouldBe("masculine");
        (await TypeAsync(admin, "act")).Str("gender").ShouldBe("masculine");
        (await TypeAsync(admin, "appendix")).Str("gender").ShouldBe("neuter");
        (await TypeAsync(admin, "supplementary-agreement")).Str("gender").ShouldBe("neuter");
        (await TypeAsync(admin, "incoming-letter")).Str("gender").ShouldBe("neuter");
        (await TypeAsync(admin, "internal-memo")).Str("gender").ShouldBe("feminine");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateType_WithAGender_KeepsItAndItsDocumentsCarryIt_DefaultIsMasculine(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var waybill = await OwnTypeAsync(admin, Marker("Н") + "-{n}", new { name = Marker("Накладная "), gender = "feminine" });
        var plain = await OwnTypeAsync(admin, Marker("Р") + "-{n}");

        waybill.Str("gender").ShouldBe("feminine");
        plain.Str("gender").ShouldBe("masculine");
        var document = await RegisterAsync(admin, new { typeCode = waybill.Str("code"), title = "Отгрузка щебня" });
        document.Str("typeGender").ShouldBe("feminine");
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents?typeCode={waybill.Str("code")}");
        list.GetProperty("items")[0].Str("typeGender").ShouldBe("feminine");

        var patched = await admin.PatchAsJsonAsync($"/api/v1/document-types/{plain.Id()}", new { gender = "neuter" });
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        (await patched.Content.ReadFromJsonAsync<JsonElement>()).Str("gender").ShouldBe("neuter");
        var wrong = await ProblemAsync(await admin.PatchAsJsonAsync($"/api/v1/document-types/{plain.Id()}", new { gender = "plural" }), HttpStatusCode.BadRequest);
        wrong.FieldCodes("gender").ShouldBe(["invalid"]);
    }
}
