using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

/// <summary>
/// Custom fields through the API. Definitions are company-wide, so these tests run on hosts of
/// their own: a required field defined here must not break other classes' counterparties.
/// </summary>
public class CustomFieldsApiTests
{
    private static readonly Dictionary<string, Task<LetopisHost>> Hosts = [];
    private static readonly Lock HostsLock = new();

    private static Task<LetopisHost> HostAsync(string provider)
    {
        lock (HostsLock)
        {
            if (!Hosts.TryGetValue(provider, out var host))
            {
                host = Task.Run(() =>
                {
                    var h = new LetopisHost(provider);
                    _ = h.Server;
                    return h;
                });
                Hosts[provider] = host;
            }
            return host;
        }
    }

    private static string Code(string stem) => stem + Guid.NewGuid().ToString("N")[..6];

    private static async Task<JsonElement> DefineAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/custom-fields", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        response.Headers.Location.ShouldNotBeNull();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> CreateCardAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/counterparties", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<int> TotalAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/counterparties?" + query)).GetProperty("total").GetInt32();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Values_OfEveryType_AreSetReadMergePatchedAndRecordedInHistory(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var manager = await host.CreateUserAsync(fullName: "Петров Сергей Николаевич");
        var (text, volume, budget, due, sro, types, stage, curator, partner) =
            (Code("note"), Code("volume"), Code("budget"), Code("due"), Code("sro"), Code("types"), Code("stage"), Code("curator"), Code("partner"));
        await DefineAsync(admin, new { entity = "company", code = text, label = "Примечание снабжения", type = "string" });
        await DefineAsync(admin, new { entity = "company", code = volume, label = "Объём, м³", type = "number" });
        await DefineAsync(admin, new { entity = "company", code = budget, label = "Объём закупок в год", type = "money" });
        await DefineAsync(admin, new { entity = "company", code = due, label = "Допуск действует до", type = "date" });
        await DefineAsync(admin, new { entity = "company", code = sro, label = "Допуск СРО", type = "bool" });
        var typesField = await DefineAsync(admin, new { entity = "company", code = types, label = "Тип объектов", type = "list", multiple = true, options = new[] { "Жильё", "Склады", "Дороги" } });
        await DefineAsync(admin, new { entity = "company", code = stage, label = "Стадия", type = "list", options = new[] { "Переговоры", "Договор" } });
        await DefineAsync(admin, new { entity = "company", code = curator, label = "Куратор", type = "user" });
        await DefineAsync(admin, new { entity = "company", code = partner, label = "Генподрядчик", type = "counterparty" });
        typesField.GetProperty("type").GetString().ShouldBe("list");
        typesField.GetProperty("options").EnumerateArray().Select(o => o.GetString()).ShouldBe(["Жильё", "Склады", "Дороги"]);
        var general = (await CreateCardAsync(admin, new { name = "ООО «Генподряд-" + Code("") + "»" })).GetProperty("id").GetGuid();

        var created = await CreateCardAsync(admin, new
        {
            name = "ООО «Бетон-" + Code("") + "»",
            customFields = new Dictionary<string, object?>
            {
                [text] = "  Платят в срок  ",
                [volume] = 1250.5m,
                [budget] = "1 234 567,89",
                [due] = "2027-03-31",
                [sro] = true,
                [types] = new[] { "Дороги", "Жильё", "Дороги" },
                [stage] = "Переговоры",
                [curator] = manager.Id,
                [partner] = general,
            },
        });
        var id = created.GetProperty("id").GetGuid();
        var values = created.GetProperty("customFields");
        values.GetProperty(text).GetString().ShouldBe("Платят в срок");
        values.GetProperty(volume).GetDecimal().ShouldBe(1250.5m);
        values.GetProperty(budget).GetRawText().ShouldBe("1234567.89");
        values.GetProperty(due).GetString().ShouldBe("2027-03-31");
        values.GetProperty(sro).GetBoolean().ShouldBeTrue();
        // Options come back once each, in the list's own order.
        values.GetProperty(types).EnumerateArray().Select(o => o.GetString()).ShouldBe(["Жильё", "Дороги"]);
        values.GetProperty(curator).GetGuid().ShouldBe(manager.Id);
        values.GetProperty(partner).GetGuid().ShouldBe(general);

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var patch = await admin.PatchAsJsonAsync($"/api/v1/counterparties/{id}", new Dictionary<string, object?>
        {
            ["version"] = created.GetProperty("version").GetInt32(),
            ["customFields"] = new Dictionary<string, object?> { [budget] = 2_000_000, [sro] = null, [types] = new[] { "Склады" } },
        });
        patch.StatusCode.ShouldBe(HttpStatusCode.OK, await patch.Content.ReadAsStringAsync());
        var card = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}");
        card.GetProperty("version").GetInt32().ShouldBe(created.GetProperty("version").GetInt32() + 1);
        var after = card.GetProperty("customFields");
        after.GetProperty(budget).GetDecimal().ShouldBe(2_000_000m);
        after.TryGetProperty(sro, out _).ShouldBeFalse();
        after.GetProperty(types).EnumerateArray().Select(o => o.GetString()).ShouldBe(["Склады"]);
        after.GetProperty(text).GetString().ShouldBe("Платят в срок");
        after.GetProperty(stage).GetString().ShouldBe("Переговоры");

        var history = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/history?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var budgetChange = history.Single(h => h.GetProperty("field").GetString() == "customFields." + budget && h.GetProperty("operation").GetString() == "updated");
        budgetChange.GetProperty("oldValue").GetString().ShouldBe("1234567.89");
        budgetChange.GetProperty("newValue").GetString().ShouldBe("2000000.00");
        var sroChange = history.Single(h => h.GetProperty("field").GetString() == "customFields." + sro && h.GetProperty("operation").GetString() == "updated");
        sroChange.GetProperty("oldValue").GetString().ShouldBe("true");
        sroChange.GetProperty("newValue").ValueKind.ShouldBe(JsonValueKind.Null);
        history.ShouldContain(h => h.GetProperty("field").GetString() == "customFields." + types && h.GetProperty("oldValue").GetString() == "Жильё, Дороги");
        history.ShouldNotContain(h => h.GetProperty("field").GetString() == "customFields." + text && h.GetProperty("operation").GetString() == "updated");

        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/timeline");
        var changed = timeline.GetProperty("items").EnumerateArray().First(i => i.GetProperty("kind").GetString() == "changed");
        changed.GetProperty("text").GetString()!.Split(',').ShouldBe(["customFields." + budget, "customFields." + sro, "customFields." + types], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Values_OfTheWrongKind_AreRefusedNamingEachFieldAndNothingIsSaved(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var (volume, budget, due, sro, stage, curator) = (Code("volume"), Code("budget"), Code("due"), Code("sro"), Code("stage"), Code("curator"));
        await DefineAsync(admin, new { entity = "company", code = volume, label = "Объём", type = "number" });
        await DefineAsync(admin, new { entity = "company", code = budget, label = "Бюджет", type = "money" });
        await DefineAsync(admin, new { entity = "company", code = due, label = "Срок", type = "date" });
        await DefineAsync(admin, new { entity = "company", code = sro, label = "СРО", type = "bool" });
        await DefineAsync(admin, new { entity = "company", code = stage, label = "Стадия", type = "list", options = new[] { "Переговоры", "Договор" } });
        await DefineAsync(admin, new { entity = "company", code = curator, label = "Куратор", type = "user" });
        var marker = Code("Брак");

        var response = await admin.PostAsJsonAsync("/api/v1/counterparties", new
        {
            name = marker,
            customFields = new Dictionary<string, object?>
            {
                [volume] = "много",
                [budget] = 10.505m,
                [due] = "31.03.2027",
                [sro] = "да",
                [stage] = "Тендер",
                [curator] = Guid.NewGuid(),
                ["noSuchField"] = 1,
            },
        });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var codes = problem.GetProperty("fieldCodes");
        codes.GetProperty("customFields." + volume)[0].GetString().ShouldBe("not_a_number");
        codes.GetProperty("customFields." + budget)[0].GetString().ShouldBe("not_money");
        codes.GetProperty("customFields." + due)[0].GetString().ShouldBe("not_a_date");
        codes.GetProperty("customFields." + sro)[0].GetString().ShouldBe("not_a_bool");
        codes.GetProperty("customFields." + stage)[0].GetString().ShouldBe("not_an_option");
        codes.GetProperty("customFields." + curator)[0].GetString().ShouldBe("not_found");
        codes.GetProperty("customFields.noSuchField")[0].GetString().ShouldBe("unknown_field");
        problem.GetProperty("errors").GetProperty("customFields." + stage)[0].GetString().ShouldBe("Выберите значение из списка");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={marker}")).GetProperty("total").GetInt32().ShouldBe(0);

        // In English for an English client.
        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/v1/counterparties")
        {
            Content = JsonContent.Create(new { name = marker, customFields = new Dictionary<string, object?> { [due] = "завтра" } }),
        };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishProblem = await ProblemAsync(await admin.SendAsync(english), HttpStatusCode.BadRequest);
        englishProblem.GetProperty("errors").GetProperty("customFields." + due)[0].GetString().ShouldBe("Enter a date as YYYY-MM-DD");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RequiredField_IsNeededOnCreate_CannotBeCleared_AndStopsMatteringOnceArchived(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var code = Code("inspector");
        var field = await DefineAsync(admin, new { entity = "company", code, label = "Технадзор", type = "string", required = true });
        try
        {
            var missing = await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = Code("Без технадзора") }), HttpStatusCode.BadRequest);
            missing.GetProperty("fieldCodes").GetProperty("customFields." + code)[0].GetString().ShouldBe("required");

            var card = await CreateCardAsync(admin, new { name = Code("С технадзором"), customFields = new Dictionary<string, object?> { [code] = "Иванов И. И." } });
            var id = card.GetProperty("id").GetGuid();
            var cleared = await admin.PatchAsJsonAsync($"/api/v1/counterparties/{id}", new { customFields = new Dictionary<string, object?> { [code] = null } });
            (await ProblemAsync(cleared, HttpStatusCode.BadRequest)).GetProperty("fieldCodes").GetProperty("customFields." + code)[0].GetString().ShouldBe("required");
            // Editing another field of the card does not demand it again.
            (await admin.PatchAsJsonAsync($"/api/v1/counterparties/{id}", new { phone = "+7 495 100-20-30" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            var archived = await admin.PatchAsJsonAsync($"/api/v1/custom-fields/{field.GetProperty("id").GetGuid()}", new { archived = true });
            archived.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        await CreateCardAsync(admin, new { name = Code("После архива") });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_FiltersByAListOptionAndANumberRange_AndRefusesAnUnknownField(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var (types, budget, since, sro) = (Code("types"), Code("budget"), Code("since"), Code("sro"));
        await DefineAsync(admin, new { entity = "company", code = types, label = "Тип объектов", type = "list", multiple = true, options = new[] { "Жильё", "Склады", "Дороги" } });
        await DefineAsync(admin, new { entity = "company", code = budget, label = "Объём закупок в год", type = "money" });
        await DefineAsync(admin, new { entity = "company", code = since, label = "Работаем с", type = "date" });
        await DefineAsync(admin, new { entity = "company", code = sro, label = "Допуск СРО", type = "bool" });
        var marker = Code("Фильтр");
        async Task AddAsync(string name, string[] kinds, decimal money, string date, bool? hasSro) =>
            await CreateCardAsync(admin, new
            {
                name = $"{marker} {name}",
                customFields = new Dictionary<string, object?> { [types] = kinds, [budget] = money, [since] = date, [sro] = hasSro },
            });
        await AddAsync("Жилстрой", ["Жильё"], 150_000m, "2020-01-15", true);
        await AddAsync("Складской", ["Склады", "Жильё"], 900_000m, "2023-06-01", null);
        await AddAsync("Дорожник", ["Дороги"], 400_000m, "2025-11-28", false);

        (await TotalAsync(admin, $"q={marker}")).ShouldBe(3);
        (await TotalAsync(admin, $"q={marker}&cf.{types}=Жильё")).ShouldBe(2);
        (await TotalAsync(admin, $"q={marker}&cf.{budget}.from=100000&cf.{budget}.to=500000")).ShouldBe(2);
        (await TotalAsync(admin, $"q={marker}&cf.{types}=Жильё&cf.{budget}.from=200000")).ShouldBe(1);
        (await TotalAsync(admin, $"q={marker}&cf.{since}.from=2023-01-01")).ShouldBe(2);
        (await TotalAsync(admin, $"q={marker}&cf.{sro}=true")).ShouldBe(1);
        // «No» includes the cards where nobody ticked the box.
        (await TotalAsync(admin, $"q={marker}&cf.{sro}=false")).ShouldBe(2);
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={marker}&cf.{types}=Дороги");
        page.GetProperty("items")[0].GetProperty("customFields").GetProperty(budget).GetDecimal().ShouldBe(400_000m);

        var unknown = await ProblemAsync(await admin.GetAsync($"/api/v1/counterparties?cf.nope{marker}=1"), HttpStatusCode.BadRequest);
        unknown.GetProperty("fieldCodes").GetProperty($"cf.nope{marker}")[0].GetString().ShouldBe("unknown_field");
        var notAnOption = await ProblemAsync(await admin.GetAsync($"/api/v1/counterparties?cf.{types}=Мосты"), HttpStatusCode.BadRequest);
        notAnOption.GetProperty("fieldCodes").GetProperty($"cf.{types}")[0].GetString().ShouldBe("not_an_option");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ContactPerson_CarriesCustomFieldsOnCreateReadAndPatch(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var (role, birthdayCall) = (Code("role"), Code("call"));
        await DefineAsync(admin, new { entity = "contact", code = role, label = "Роль в закупках", type = "list", options = new[] { "Принимает решение", "Влияет" } });
        await DefineAsync(admin, new { entity = "contact", code = birthdayCall, label = "Поздравлять", type = "bool" });
        var card = (await CreateCardAsync(admin, new { name = Code("Контактный") })).GetProperty("id").GetGuid();

        var bad = await admin.PostAsJsonAsync($"/api/v1/counterparties/{card}/contacts", new { fullName = "Зуев Роман Игоревич", customFields = new Dictionary<string, object?> { [role] = "Секретарь" } });
        (await ProblemAsync(bad, HttpStatusCode.BadRequest)).GetProperty("fieldCodes").GetProperty("customFields." + role)[0].GetString().ShouldBe("not_an_option");
        var created = await admin.PostAsJsonAsync($"/api/v1/counterparties/{card}/contacts", new { fullName = "Зуев Роман Игоревич", customFields = new Dictionary<string, object?> { [role] = "Влияет" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var contact = await created.Content.ReadFromJsonAsync<JsonElement>();
        contact.GetProperty("customFields").GetProperty(role).GetString().ShouldBe("Влияет");
        var contactId = contact.GetProperty("id").GetGuid();

        var patched = await admin.PatchAsJsonAsync($"/api/v1/contacts/{contactId}/custom-fields",
            new { customFields = new Dictionary<string, object?> { [role] = "Принимает решение", [birthdayCall] = true } });
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());

        var listed = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{card}/contacts")).GetProperty("items")[0].GetProperty("customFields");
        listed.GetProperty(role).GetString().ShouldBe("Принимает решение");
        listed.GetProperty(birthdayCall).GetBoolean().ShouldBeTrue();
        var history = await host.WithDbAsync(db => Task.FromResult(db.ChangeRecords.Where(c => c.EntityKind == "contact" && c.EntityId == contactId).ToList()));
        history.ShouldContain(c => c.Field == "customFields." + role && c.OldValue == "Влияет" && c.NewValue == "Принимает решение");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Definitions_NeedTheCustomFieldRight_WhichAnAdminCanGiveARole(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var employee = await host.CreateUserAsync();
        var employeeClient = await host.ClientAsync(employee.Login, employee.Password);
        var body = new { entity = "company", code = Code("region"), label = "Макрорегион", type = "string" };

        var refused = await employeeClient.PostAsJsonAsync("/api/v1/custom-fields", body);
        (await ProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("forbidden");
        // Everyone reads the definitions: forms need them.
        (await employeeClient.GetAsync("/api/v1/custom-fields?entity=company")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var roleName = "fields-" + Guid.NewGuid().ToString("N")[..6];
        var role = await (await admin.PostAsJsonAsync("/api/v1/roles", new { name = roleName })).Content.ReadFromJsonAsync<JsonElement>();
        var grant = await admin.PutAsJsonAsync($"/api/v1/roles/{role.GetProperty("id").GetGuid()}/permissions",
            new[] { new { entityKind = "customField", action = "create", scope = "all" } });
        grant.StatusCode.ShouldBe(HttpStatusCode.OK, await grant.Content.ReadAsStringAsync());
        var editor = await host.CreateUserAsync(roleName);
        var editorClient = await host.ClientAsync(editor.Login, editor.Password);

        var created = await editorClient.PostAsJsonAsync("/api/v1/custom-fields", body);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Creating is not editing.
        (await editorClient.PatchAsJsonAsync($"/api/v1/custom-fields/{id}", new { label = "Другое" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var duplicate = await admin.PostAsJsonAsync("/api/v1/custom-fields", body);
        (await ProblemAsync(duplicate, HttpStatusCode.BadRequest)).GetProperty("fieldCodes").GetProperty("code")[0].GetString().ShouldBe("duplicate");
        var badCode = await admin.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "company", code = "объём", label = "Объём", type = "number" });
        (await ProblemAsync(badCode, HttpStatusCode.BadRequest)).GetProperty("fieldCodes").GetProperty("code")[0].GetString().ShouldBe("code_format");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task HiddenCounterparty_ItsValuesNeverLeak_ThroughFiltersCardsOrReferences(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var sales = await host.CreateDepartmentAsync("Продажи");
        var legal = await host.CreateDepartmentAsync("Юристы");
        var manager = await host.CreateUserAsync(departmentId: sales);
        var lawyer = await host.CreateUserAsync(departmentId: legal);
        var (secret, partner) = (Code("secret"), Code("partner"));
        await DefineAsync(admin, new { entity = "company", code = secret, label = "Лимит скидки", type = "number" });
        await DefineAsync(admin, new { entity = "company", code = partner, label = "Связанная компания", type = "counterparty" });
        var managerClient = await host.ClientAsync(manager.Login, manager.Password);
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var hidden = (await CreateCardAsync(managerClient, new { name = Code("Тайна"), customFields = new Dictionary<string, object?> { [secret] = 17 } })).GetProperty("id").GetGuid();

        (await TotalAsync(managerClient, $"cf.{secret}=17")).ShouldBe(1);
        (await TotalAsync(lawyerClient, $"cf.{secret}=17")).ShouldBe(0);
        (await TotalAsync(lawyerClient, $"cf.{secret}.from=0")).ShouldBe(0);
        (await lawyerClient.GetAsync($"/api/v1/counterparties/{hidden}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var write = await lawyerClient.PatchAsJsonAsync($"/api/v1/counterparties/{hidden}", new { customFields = new Dictionary<string, object?> { [secret] = 0 } });
        write.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Pointing one's own card at a hidden one is refused as if it did not exist.
        var reference = await lawyerClient.PostAsJsonAsync("/api/v1/counterparties", new { name = Code("Своя"), customFields = new Dictionary<string, object?> { [partner] = hidden } });
        (await ProblemAsync(reference, HttpStatusCode.BadRequest)).GetProperty("fieldCodes").GetProperty("customFields." + partner)[0].GetString().ShouldBe("not_found");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{hidden}")).GetProperty("customFields").GetProperty(secret).GetDecimal().ShouldBe(17m);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task FieldInUse_CannotBeDeletedOrLoseAnOptionInUse_ButArchivedKeepsItsValues(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var code = Code("class");
        var field = await DefineAsync(admin, new { entity = "company", code, label = "Класс", type = "list", options = new[] { "A", "B", "C" } });
        var fieldId = field.GetProperty("id").GetGuid();
        var unused = await DefineAsync(admin, new { entity = "company", code = Code("unused"), label = "Пусто", type = "string" });
        var card = (await CreateCardAsync(admin, new { name = Code("Классный"), customFields = new Dictionary<string, object?> { [code] = "B" } })).GetProperty("id").GetGuid();

        (await admin.DeleteAsync($"/api/v1/custom-fields/{unused.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var delete = await admin.DeleteAsync($"/api/v1/custom-fields/{fieldId}");
        (await ProblemAsync(delete, HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("custom_field_in_use");
        var dropB = await admin.PatchAsJsonAsync($"/api/v1/custom-fields/{fieldId}", new { options = new[] { "A", "C" } });
        var dropProblem = await ProblemAsync(dropB, HttpStatusCode.Conflict);
        dropProblem.GetProperty("code").GetString().ShouldBe("custom_field_option_in_use");
        dropProblem.GetProperty("options").EnumerateArray().Select(o => o.GetString()).ShouldBe(["B"]);
        var reordered = await admin.PatchAsJsonAsync($"/api/v1/custom-fields/{fieldId}", new { options = new[] { "C", "B", "A", "D" }, label = "Класс объекта" });
        reordered.StatusCode.ShouldBe(HttpStatusCode.OK);

        var archived = await admin.PatchAsJsonAsync($"/api/v1/custom-fields/{fieldId}", new { archived = true });
        (await archived.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("archived").GetBoolean().ShouldBeTrue();
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{card}")).GetProperty("customFields").GetProperty(code).GetString().ShouldBe("B");
        var write = await admin.PatchAsJsonAsync($"/api/v1/counterparties/{card}", new { customFields = new Dictionary<string, object?> { [code] = "A" } });
        (await ProblemAsync(write, HttpStatusCode.BadRequest)).GetProperty("fieldCodes").GetProperty("customFields." + code)[0].GetString().ShouldBe("field_archived");
        var active = await admin.GetFromJsonAsync<JsonElement>("/api/v1/custom-fields?entity=company&archived=false");
        active.GetProperty("items").EnumerateArray().ShouldNotContain(f => f.GetProperty("code").GetString() == code);

        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/custom-fields/{fieldId}/history");
        history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("field").GetString()).ShouldContain("label");
        history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("field").GetString()).ShouldContain("isArchived");
    }
}
