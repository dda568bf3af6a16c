using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Documents;

/// <summary>
/// A document type decides, per document custom field, whether its documents hide, show or require it.
/// A host per test: a field required for a preconfigured type would refuse every other test's registrations.
/// </summary>
public class DocumentTypeCustomFieldsApiTests
{
    private static string Code(string stem) => stem + Guid.NewGuid().ToString("N")[..6];

    private static async Task<Guid> FieldAsync(HttpClient admin, string code, string label, bool required = false)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "document", code, label, type = "string", required });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    private static async Task<JsonElement> PatchTypeAsync(HttpClient admin, string typeCode, object customFieldSettings)
    {
        var type = await DocumentTestData.TypeAsync(admin, typeCode);
        var response = await admin.PatchAsJsonAsync($"/api/v1/document-types/{type.Id()}", new { customFieldSettings });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<int> CountAsync(HttpClient admin, string typeCode) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents?typeCode={typeCode}")).GetProperty("total").GetInt32();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task FieldRequiredOnlyForContracts_IsNeededOnAContract_NotOnAnAct(string provider)
    {
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var basis = Code("basis");
        await FieldAsync(admin, basis, "Основание заключения");
        await PatchTypeAsync(admin, "contract", new Dictionary<string, string> { [basis] = "required" });
        var counterparty = await DocumentTestData.CounterpartyAsync(admin);

        var act = await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "act", title = "Акт за ноябрь", amount = 120000m });
        act.StatusCode.ShouldBe(HttpStatusCode.Created, await act.Content.ReadAsStringAsync());

        var missing = await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title = "Договор подряда", counterpartyId = counterparty });
        (await DocumentTestData.ProblemAsync(missing, HttpStatusCode.BadRequest)).FieldCodes("customFields." + basis).ShouldBe(["required"]);
        (await CountAsync(admin, "contract")).ShouldBe(0);

        var contract = await DocumentTestData.RegisterAsync(admin, new
        {
            typeCode = "contract",
            title = "Договор подряда",
            counterpartyId = counterparty,
            customFields = new Dictionary<string, object> { [basis] = "Тендер № 17" },
        });
        contract.GetProperty("customFields").GetProperty(basis).GetString().ShouldBe("Тендер № 17");

        // Required for the type, so it cannot be cleared later either.
        var cleared = await admin.PatchAsJsonAsync($"/api/v1/documents/{contract.Id()}", new { customFields = new Dictionary<string, object?> { [basis] = null } });
        (await DocumentTestData.ProblemAsync(cleared, HttpStatusCode.BadRequest)).FieldCodes("customFields." + basis).ShouldBe(["required"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task GloballyRequiredFieldHiddenForAType_IsNotNeededThere_RefusesANewValue_AndKeepsTheOldOne(string provider)
    {
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var site = Code("site");
        await FieldAsync(admin, site, "Объект строительства", required: true);
        var before = await DocumentTestData.RegisterAsync(admin, new
        {
            typeCode = "internal-memo",
            title = "О начале работ",
            customFields = new Dictionary<string, object> { [site] = "ЖК «Северный»" },
        });

        await PatchTypeAsync(admin, "internal-memo", new Dictionary<string, string> { [site] = "hidden" });

        var without = await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "internal-memo", title = "Об отпуске" });
        without.StatusCode.ShouldBe(HttpStatusCode.Created, await without.Content.ReadAsStringAsync());
        // Other types still need it.
        var letter = await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "outgoing-letter", title = "Письмо заказчику" });
        (await DocumentTestData.ProblemAsync(letter, HttpStatusCode.BadRequest)).FieldCodes("customFields." + site).ShouldBe(["required"]);

        var given = await admin.PostAsJsonAsync("/api/v1/documents", new
        {
            typeCode = "internal-memo",
            title = "О субботнике",
            customFields = new Dictionary<string, object> { [site] = "ЖК «Южный»" },
        });
        var problem = await DocumentTestData.ProblemAsync(given, HttpStatusCode.BadRequest);
        problem.FieldCodes("customFields." + site).ShouldBe(["field_not_used_by_type"]);
        problem.GetProperty("errors").GetProperty("customFields." + site)[0].GetString().ShouldBe("Это поле не используется для документов этого типа");
        (await CountAsync(admin, "internal-memo")).ShouldBe(2);

        // The old value stays and comes back; it cannot be changed, but it can be cleared.
        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{before.Id()}");
        card.GetProperty("customFields").GetProperty(site).GetString().ShouldBe("ЖК «Северный»");
        var changed = await admin.PatchAsJsonAsync($"/api/v1/documents/{before.Id()}", new { customFields = new Dictionary<string, object?> { [site] = "ЖК «Южный»" } });
        (await DocumentTestData.ProblemAsync(changed, HttpStatusCode.BadRequest)).FieldCodes("customFields." + site).ShouldBe(["field_not_used_by_type"]);
        var cleared = await admin.PatchAsJsonAsync($"/api/v1/documents/{before.Id()}", new { customFields = new Dictionary<string, object?> { [site] = null } });
        cleared.StatusCode.ShouldBe(HttpStatusCode.OK, await cleared.Content.ReadAsStringAsync());
        (await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customFields").TryGetProperty(site, out _).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TypeLists_TheEffectiveModes_RefusesAnUnknownFieldOrMode_AndKeepsTheChangeInItsHistory(string provider)
    {
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var (inspector, stage, retired) = (Code("inspector"), Code("stage"), Code("retired"));
        await FieldAsync(admin, inspector, "Инспектор", required: true);
        var stageId = await FieldAsync(admin, stage, "Этап");
        var retiredId = await FieldAsync(admin, retired, "Старое поле");
        (await admin.PatchAsJsonAsync($"/api/v1/custom-fields/{retiredId}", new { archived = true })).EnsureSuccessStatusCode();

        var contract = await DocumentTestData.TypeAsync(admin, "contract");
        var settings = contract.GetProperty("customFieldSettings");
        settings.GetProperty(inspector).GetString().ShouldBe("required");
        settings.GetProperty(stage).GetString().ShouldBe("shown");
        settings.TryGetProperty(retired, out _).ShouldBeFalse();

        var unknown = await admin.PatchAsJsonAsync($"/api/v1/document-types/{contract.Id()}",
            new { name = "Договор (изменён)", customFieldSettings = new Dictionary<string, string> { [stage] = "required", ["noSuchField"] = "hidden" } });
        (await DocumentTestData.ProblemAsync(unknown, HttpStatusCode.BadRequest)).FieldCodes("customFieldSettings.noSuchField").ShouldBe(["unknown_field"]);
        var badMode = await admin.PatchAsJsonAsync($"/api/v1/document-types/{contract.Id()}",
            new { customFieldSettings = new Dictionary<string, string> { [stage] = "sometimes" } });
        (await DocumentTestData.ProblemAsync(badMode, HttpStatusCode.BadRequest)).FieldCodes("customFieldSettings." + stage).ShouldBe(["invalid"]);
        var unchanged = await DocumentTestData.TypeAsync(admin, "contract");
        unchanged.GetProperty("name").GetString().ShouldBe(contract.GetProperty("name").GetString());
        unchanged.GetProperty("version").GetInt32().ShouldBe(contract.GetProperty("version").GetInt32());
        unchanged.GetProperty("customFieldSettings").GetProperty(stage).GetString().ShouldBe("shown");

        var patched = await PatchTypeAsync(admin, "contract", new Dictionary<string, string> { [stage] = "required", [inspector] = "hidden" });
        patched.GetProperty("customFieldSettings").GetProperty(stage).GetString().ShouldBe("required");
        patched.GetProperty("customFieldSettings").GetProperty(inspector).GetString().ShouldBe("hidden");
        // Other types are untouched.
        (await DocumentTestData.TypeAsync(admin, "act")).GetProperty("customFieldSettings").GetProperty(inspector).GetString().ShouldBe("required");

        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/document-types/{contract.Id()}/history");
        var change = history.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "customFieldModes");
        change.GetProperty("newValue").GetString()!.ShouldContain(stageId + ":required");

        // An empty object goes back to the fields' own definitions.
        var reset = await PatchTypeAsync(admin, "contract", new Dictionary<string, string>());
        reset.GetProperty("customFieldSettings").GetProperty(stage).GetString().ShouldBe("shown");
        reset.GetProperty("customFieldSettings").GetProperty(inspector).GetString().ShouldBe("required");

        // A new type may name its settings at once.
        var own = await DocumentTestData.OwnTypeAsync(admin, "Т-{n}", new { customFieldSettings = new Dictionary<string, string> { [inspector] = "hidden" } });
        own.GetProperty("customFieldSettings").GetProperty(inspector).GetString().ShouldBe("hidden");
        var registered = await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = own.Str("code"), title = "Без инспектора" });
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
    }
}
