using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Letopis.Core.Leads;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Letopis.Web.Tests.LeadConversion.ConversionArrange;

namespace Letopis.Web.Tests.LeadConversion;

/// <summary>
/// Custom fields in conversion: matching by label, type and multiplicity, creating what the targets
/// lack, one shared option list for list fields, and the targets' required fields. Definitions are
/// company-wide, so these tests have hosts of their own and run one after another.
/// </summary>
public class ConversionCustomFieldsApiTests
{
    private const string Purpose = "fields";

    private static string Unique(string stem) => stem + Guid.NewGuid().ToString("N")[..6];

    private static async Task<JsonElement> DefineAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/custom-fields", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task SetLeadValueAsync(LetopisHost host, Guid leadId, Guid fieldId, Action<CustomFieldValue> set)
    {
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
        var value = new CustomFieldValue { FieldId = fieldId, EntityId = leadId };
        set(value);
        db.CustomFieldValues.Add(value);
        await db.SaveChangesAsync();
    }

    // Compared here, not in SQL: SQLite's upper() knows only Latin letters.
    private static async Task<List<CustomField>> FieldsLabelledAsync(LetopisHost host, string label) =>
        (await host.WithDbAsync(db => db.CustomFields.AsNoTracking().ToListAsync()))
            .Where(f => string.Equals(f.Label, label, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Entity, StringComparer.Ordinal).ToList();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_WhenTheLeadHasFieldsTheTargetsLack_AsksThenCreatesThemAndCopiesTheValues(string provider)
    {
        var host = await HostAsync(provider, Purpose);
        var admin = await host.AdminAsync();
        var (volume, note) = (Unique("Объём закупок "), Unique("Примечание снабжения "));
        var volumeField = await DefineAsync(admin, new { entity = "lead", code = Unique("volume"), label = volume, type = "number" });
        var noteField = await DefineAsync(admin, new { entity = "lead", code = Unique("note"), label = note, type = "string" });
        // The deal already has the note field, under the same label in other letters: it is matched, not created.
        var dealNote = await DefineAsync(admin, new { entity = "deal", code = Unique("dnote"), label = note.ToUpperInvariant(), type = "string" });
        var lead = await LeadAsync(host, await MeAsync(admin));
        await SetLeadValueAsync(host, lead.Id, volumeField.GetProperty("id").GetGuid(), v => v.NumberValue = 125 * CustomFieldValue.Scale);
        await SetLeadValueAsync(host, lead.Id, noteField.GetProperty("id").GetGuid(), v => v.StringValue = "Только безнал");
        var pipelineId = await SalesPipelineAsync(host);
        var before = await CountsAsync(host);

        var problem = await ProblemAsync(await ConvertAsync(admin, lead.Id, new { createContact = true, createCompany = true, createDeal = true, pipelineId }),
            HttpStatusCode.UnprocessableEntity, "fields_not_synchronized");

        var fields = problem.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("label").GetString()!);
        fields[volume].GetProperty("targets").EnumerateArray().Select(t => t.GetString()).ShouldBe(["company", "contact", "deal"]);
        fields[volume].GetProperty("type").GetString().ShouldBe("number");
        fields[note].GetProperty("targets").EnumerateArray().Select(t => t.GetString()).ShouldBe(["company", "contact"]);
        (await CountsAsync(host)).ShouldBe(before);
        var preview = await admin.GetFromJsonAsync<JsonElement>(
            $"/api/v1/leads/{lead.Id}/conversion?createContact=true&createCompany=true&createDeal=true&pipelineId={pipelineId}");
        preview.GetProperty("unsynchronized").GetArrayLength().ShouldBe(2);

        var body = await OkAsync(await ConvertAsync(admin, lead.Id, new
        {
            createContact = true,
            createCompany = true,
            createDeal = true,
            pipelineId,
            createFields = new[] { "*" },
        }));

        var created = await FieldsLabelledAsync(host, volume);
        created.Select(f => f.Entity).ShouldBe(["company", "contact", "deal", "lead"], ignoreOrder: true);
        created.ShouldAllBe(f => f.Type == CustomFieldType.Number && !f.Required && !f.Multiple);
        (await FieldsLabelledAsync(host, note)).Count(f => f.Entity == "deal").ShouldBe(1);
        var companyId = IdOrNull(body, "companyId")!.Value;
        var dealId = IdOrNull(body, "dealId")!.Value;
        var contactId = IdOrNull(body, "contactId")!.Value;
        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{companyId}");
        var companyFields = card.GetProperty("customFields");
        companyFields.GetProperty(created.Single(f => f.Entity == "company").Code).GetDecimal().ShouldBe(125m);
        var companyNote = (await FieldsLabelledAsync(host, note)).Single(f => f.Entity == "company");
        companyFields.GetProperty(companyNote.Code).GetString().ShouldBe("Только безнал");
        await host.WithDbAsync(async db =>
        {
            var dealValues = await CustomValues.ReadAsync(db, CustomFieldEntities.Deal, dealId, default);
            dealValues[dealNote.GetProperty("code").GetString()!].ShouldBe("Только безнал");
            dealValues[created.Single(f => f.Entity == "deal").Code].ShouldBe(125m);
            var contactValues = await CustomValues.ReadAsync(db, CustomFieldEntities.Contact, contactId, default);
            contactValues[created.Single(f => f.Entity == "contact").Code].ShouldBe(125m);
            return true;
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ListField_AfterConversion_KeepsOneOptionListOnTheLeadAndEveryTarget(string provider)
    {
        var host = await HostAsync(provider, Purpose);
        var admin = await host.AdminAsync();
        var label = Unique("Канал продаж ");
        var leadField = await DefineAsync(admin, new { entity = "lead", code = Unique("channel"), label, type = "list", options = new[] { "Опт", "Розница" } });
        // The contact already has such a list, with fewer options: it joins the shared list.
        await DefineAsync(admin, new { entity = "contact", code = Unique("channel"), label, type = "list", options = new[] { "Опт" } });
        var leadFieldId = leadField.GetProperty("id").GetGuid();
        var lead = await LeadAsync(host, await MeAsync(admin));
        await SetLeadValueAsync(host, lead.Id, leadFieldId, v => v.StringValue = "Опт");
        var pipelineId = await SalesPipelineAsync(host);
        await OkAsync(await ConvertAsync(admin, lead.Id, new
        {
            createContact = true,
            createCompany = true,
            createDeal = true,
            pipelineId,
            createFields = new[] { leadField.GetProperty("code").GetString() },
        }));
        (await FieldsLabelledAsync(host, label)).ShouldAllBe(f => f.OptionList().SequenceEqual(new[] { "Опт", "Розница" }));

        var patched = await admin.PatchAsJsonAsync($"/api/v1/custom-fields/{leadFieldId}", new { options = new[] { "Опт", "Розница", "Дилеры" } });
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());

        var fields = await FieldsLabelledAsync(host, label);
        fields.Select(f => f.Entity).ShouldBe(["company", "contact", "deal", "lead"]);
        fields.ShouldAllBe(f => f.OptionList().SequenceEqual(new[] { "Опт", "Розница", "Дилеры" }));
        // «Опт» is held by the deal, contact and company now: no member of the list may drop it.
        var refused = await admin.PatchAsJsonAsync($"/api/v1/custom-fields/{fields.Single(f => f.Entity == "deal").Id}",
            new { options = new[] { "Розница", "Дилеры" } });
        await ProblemAsync(refused, HttpStatusCode.Conflict, "custom_field_option_in_use");
        (await FieldsLabelledAsync(host, label)).ShouldAllBe(f => f.OptionList().Count == 3);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_WhenATargetHasARequiredCustomField_AsksForItThenTakesIt(string provider)
    {
        var host = await HostAsync(provider, Purpose);
        var admin = await host.AdminAsync();
        var code = Unique("basis");
        var label = Unique("Основание сделки ");
        var field = await DefineAsync(admin, new { entity = "deal", code, label, type = "string", required = true });
        try
        {
            var lead = await LeadAsync(host, await MeAsync(admin));
            var pipelineId = await SalesPipelineAsync(host);
            var before = await CountsAsync(host);

            var problem = await ProblemAsync(await ConvertAsync(admin, lead.Id, new { createDeal = true, pipelineId }),
                HttpStatusCode.UnprocessableEntity, "required_fields_missing");

            var missing = problem.GetProperty("missing").EnumerateArray().ShouldHaveSingleItem();
            missing.GetProperty("entity").GetString().ShouldBe("deal");
            missing.GetProperty("field").GetString().ShouldBe("customFields." + code);
            missing.GetProperty("label").GetString().ShouldBe(label);
            missing.GetProperty("type").GetString().ShouldBe("string");
            (await CountsAsync(host)).ShouldBe(before);
            (await ReadLeadAsync(host, lead.Id)).Status.ShouldBe(LeadStatus.Open);

            var body = await OkAsync(await ConvertAsync(admin, lead.Id, new
            {
                createDeal = true,
                pipelineId,
                fields = new { deal = new { customFields = new Dictionary<string, object> { [code] = "Тендер 44-ФЗ" } } },
            }));

            var dealId = IdOrNull(body, "dealId")!.Value;
            var values = await host.WithDbAsync(db => CustomValues.ReadAsync(db, CustomFieldEntities.Deal, dealId, default));
            values[code].ShouldBe("Тендер 44-ФЗ");
        }
        finally
        {
            // Other tests of this host create deals too.
            (await admin.PatchAsJsonAsync($"/api/v1/custom-fields/{field.GetProperty("id").GetGuid()}", new { archived = true })).EnsureSuccessStatusCode();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_CreatingFieldsWithoutTheCustomFieldRight_Returns403AndCreatesNothing(string provider)
    {
        var host = await HostAsync(provider, Purpose);
        var admin = await host.AdminAsync();
        var employee = await host.CreateUserAsync();
        var client = await host.ClientAsync(employee.Login, employee.Password);
        var leadField = await DefineAsync(admin, new { entity = "lead", code = Unique("floor"), label = Unique("Этажность "), type = "number" });
        var lead = await LeadAsync(host, employee.Id);
        await SetLeadValueAsync(host, lead.Id, leadField.GetProperty("id").GetGuid(), v => v.NumberValue = 9 * CustomFieldValue.Scale);
        var before = await CountsAsync(host);

        var preview = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead.Id}/conversion?createCompany=true");
        preview.GetProperty("unsynchronized").GetArrayLength().ShouldBe(1);
        preview.GetProperty("canCreateFields").GetBoolean().ShouldBeFalse();
        await ProblemAsync(await ConvertAsync(client, lead.Id, new { createCompany = true, createFields = new[] { "*" } }),
            HttpStatusCode.Forbidden, "forbidden");

        (await CountsAsync(host)).ShouldBe(before);
        (await ReadLeadAsync(host, lead.Id)).Status.ShouldBe(LeadStatus.Open);
    }
}
