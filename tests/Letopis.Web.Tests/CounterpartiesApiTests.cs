using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

public class CounterpartiesApiTests
{
    private static async Task<Guid> ReferenceAsync(HttpClient client, string book, string name)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/reference/{book}", new { name = $"{name} {Guid.NewGuid().ToString("N")[..6]}" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/counterparties", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task EmployeeOfAnotherDepartment_CannotReachTheRecordThroughAnyEndpoint(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var company = await host.CreateDepartmentAsync("Компания");
        var sales = await host.CreateDepartmentAsync("Продажи", company);
        var legal = await host.CreateDepartmentAsync("Юристы", company);
        var manager = await host.CreateUserAsync(departmentId: sales);
        var colleague = await host.CreateUserAsync(departmentId: sales);
        var lawyer = await host.CreateUserAsync(departmentId: legal);
        var director = await host.CreateUserAsync("head", company);
        var managerClient = await host.ClientAsync(manager.Login, manager.Password);
        var marker = "Гранит" + Guid.NewGuid().ToString("N")[..8];
        var card = await CreateAsync(managerClient, new { name = $"ООО «{marker}»", inn = TestRequisites.Inn10() });
        var id = card.GetProperty("id").GetGuid();

        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        (await lawyerClient.GetAsync($"/api/v1/counterparties/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetAsync($"/api/v1/counterparties/{id}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.PatchAsJsonAsync($"/api/v1/counterparties/{id}", new { name = "Взлом" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={marker}")).GetProperty("total").GetInt32().ShouldBe(0);

        // Same department reads it; the head of the parent department reads it too.
        var colleagueClient = await host.ClientAsync(colleague.Login, colleague.Password);
        (await colleagueClient.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={marker}")).GetProperty("total").GetInt32().ShouldBe(1);
        var directorClient = await host.ClientAsync(director.Login, director.Password);
        (await directorClient.GetAsync($"/api/v1/counterparties/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A colleague may read but not edit someone else's card (employee edit scope: own).
        (await colleagueClient.PatchAsJsonAsync($"/api/v1/counterparties/{id}", new { name = "Переименовал" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithBadRequisites_NamesTheFieldsAndSavesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var marker = "Брак" + Guid.NewGuid().ToString("N")[..8];

        var response = await client.PostAsJsonAsync("/api/v1/counterparties", new
        {
            name = marker,
            inn = "7707083894",
            kpp = "77-36",
            ogrn = "1027700132196",
            email = "без-собаки.ru",
            phone = "позвоните мне",
            regionId = Guid.NewGuid(),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var codes = problem.GetProperty("fieldCodes");
        codes.GetProperty("inn")[0].GetString().ShouldBe("checksum");
        codes.GetProperty("ogrn")[0].GetString().ShouldBe("checksum");
        codes.GetProperty("kpp")[0].GetString().ShouldBe("invalid");
        codes.GetProperty("email")[0].GetString().ShouldBe("invalid");
        codes.GetProperty("phone")[0].GetString().ShouldBe("invalid");
        codes.GetProperty("regionId")[0].GetString().ShouldBe("not_found");
        problem.GetProperty("errors").GetProperty("inn")[0].GetString().ShouldBe("Контрольная сумма не сходится — проверьте цифры");
        problem.GetProperty("errors").GetProperty("ogrn")[0].GetString().ShouldBe("Неверная контрольная цифра: в номере опечатка");
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={marker}")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Create_WithTenThousandCharacterName_IsRefused()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var client = await host.AdminAsync();

        var response = await client.PostAsJsonAsync("/api/v1/counterparties", new { name = new string('Щ', 10_000) });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes").GetProperty("name")[0].GetString().ShouldBe("too_long");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_StoresValidRequisitesAndPhoneInOneForm(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();

        var card = await CreateAsync(client, new
        {
            kind = "company",
            name = "<script>alert(1)</script> Стройкомплект",
            inn = TestRequisites.Inn10(),
            kpp = "773601001",
            ogrn = "1027700132195",
            phone = "8 (495) 123-45-67",
            email = "info@stroykomplekt.ru",
        });

        card.GetProperty("phone").GetString().ShouldBe("+74951234567");
        card.GetProperty("phoneFormatted").GetString().ShouldBe("+7 495 123-45-67");
        card.GetProperty("name").GetString().ShouldBe("<script>alert(1)</script> Стройкомплект");
        card.GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_AnswersTheCardExactlyAsItIsReadLater(string provider)
    {
        // A host of its own: its clock is set between two microseconds, which the shared hosts' tests must not meet.
        using var host = new LetopisHost(provider);
        var client = await host.AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        await CreateAsync(client, new { name = $"ООО «Метка-{tag}»", tags = new[] { $"VIP-{tag}" } });
        // A clock between two microseconds: the answer must not be finer than what the database keeps.
        host.Clock.Advance(TimeSpan.FromTicks(7));
        var region = await ReferenceAsync(client, "regions", "Тверская область");

        var created = await CreateAsync(client, new
        {
            kind = "company",
            name = $"ООО «Кровля-{tag}»",
            inn = TestRequisites.Inn10(),
            phone = "8 (495) 123-45-67",
            email = $"roof{tag}@example.ru",
            regionId = region,
            // The existing tag keeps its spelling; the new one is created as typed.
            tags = new[] { $"vip-{tag}", $"тендер-{tag}" },
        });
        var plain = await CreateAsync(client, new { name = $"ИП Кровлин {tag}", kind = "entrepreneur" });

        foreach (var card in new[] { created, plain })
        {
            var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{card.GetProperty("id").GetGuid()}");
            card.GetRawText().ShouldBe(read.GetRawText());
        }
        created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe([$"VIP-{tag}", $"тендер-{tag}"]);
        created.GetProperty("phoneFormatted").GetString().ShouldBe("+7 495 123-45-67");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Directory_FiltersByTwoClassifiersAndFindsByInnFragment(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var kazan = await ReferenceAsync(client, "regions", "Казань");
        var samara = await ReferenceAsync(client, "regions", "Самара");
        var builders = await ReferenceAsync(client, "categories", "Генподрядчики");
        var inn = TestRequisites.Inn10();
        await CreateAsync(client, new { name = "Альфа-Строй", regionId = kazan, categoryId = builders, inn });
        await CreateAsync(client, new { name = "Бета-Монтаж", regionId = kazan, categoryId = builders });
        await CreateAsync(client, new { name = "Гамма", regionId = samara, categoryId = builders });
        await CreateAsync(client, new { name = "Дельта", regionId = kazan });

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?regionId={kazan}&categoryId={builders}");

        page.GetProperty("total").GetInt32().ShouldBe(2);
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ShouldBe(["Альфа-Строй", "Бета-Монтаж"]);
        page.GetProperty("items")[0].GetProperty("regionName").GetString()!.ShouldStartWith("Казань");
        var byInn = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={inn[..7]}&regionId={kazan}");
        byInn.GetProperty("items").EnumerateArray().Single().GetProperty("name").GetString().ShouldBe("Альфа-Строй");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Patch_IsRecordedFieldByFieldInHistory(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var card = await CreateAsync(client, new { name = "Северный квартал" });
        var id = card.GetProperty("id").GetGuid();

        var patched = await client.PatchAsJsonAsync($"/api/v1/counterparties/{id}", new { name = "Северный квартал-2", phone = "+7 843 200-00-00", version = 1 });
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/history");
        var updates = history.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("operation").GetString() == "updated").ToList();
        updates.Single(i => i.GetProperty("field").GetString() == "name").GetProperty("oldValue").GetString().ShouldBe("Северный квартал");
        updates.Single(i => i.GetProperty("field").GetString() == "phone").GetProperty("newValue").GetString().ShouldBe("+78432000000");
        updates.ShouldNotContain(i => i.GetProperty("field").GetString() == "nameNormalized");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReferenceEntryInUse_CannotBeDeletedButCanBeArchived(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var source = await ReferenceAsync(client, "ad-sources", "Выставка «Стройка»");
        var card = await CreateAsync(client, new { name = "Рекламный клиент", adSourceId = source });

        var delete = await client.DeleteAsync($"/api/v1/reference/ad-sources/{source}");
        delete.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await delete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("reference_in_use");

        (await client.PatchAsJsonAsync($"/api/v1/reference/ad-sources/{source}", new { isArchived = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var pickList = await client.GetFromJsonAsync<JsonElement>("/api/v1/reference/ad-sources");
        pickList.GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("id").GetGuid() == source);
        var kept = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{card.GetProperty("id").GetGuid()}");
        kept.GetProperty("adSourceId").GetGuid().ShouldBe(source);
        var reuse = await client.PostAsJsonAsync("/api/v1/counterparties", new { name = "Новый", adSourceId = source });
        reuse.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // An entry of another book is as unknown as no entry at all; the right book's entry passes.
        var region = await ReferenceAsync(client, "regions", "Тверская область");
        var wrongBook = await client.PostAsJsonAsync("/api/v1/counterparties", new { name = "Новый", regionId = region, categoryId = region });
        wrongBook.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var codes = (await wrongBook.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes");
        codes.GetProperty("categoryId")[0].GetString().ShouldBe("not_found");
        codes.TryGetProperty("regionId", out _).ShouldBeFalse();
    }
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Contacts_FirstIsMainAndANewMainReplacesIt(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var id = (await CreateAsync(client, new { name = "Каскад-Инвест" })).GetProperty("id").GetGuid();

        var first = await client.PostAsJsonAsync($"/api/v1/counterparties/{id}/contacts", new { fullName = "Ковалёв Артём Петрович", position = "Главный инженер", phone = "8 916 000-11-22" });
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isMain").GetBoolean().ShouldBeTrue();
        (await client.PostAsJsonAsync($"/api/v1/counterparties/{id}/contacts", new { fullName = "Тихонова Елена Викторовна", position = "Директор", isMain = true, consentOn = "2026-11-20" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var contacts = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/contacts")).GetProperty("items").EnumerateArray().ToList();
        contacts.Count.ShouldBe(2);
        contacts[0].GetProperty("fullName").GetString().ShouldBe("Тихонова Елена Викторовна");
        contacts[0].GetProperty("isMain").GetBoolean().ShouldBeTrue();
        contacts[1].GetProperty("isMain").GetBoolean().ShouldBeFalse();
        contacts[1].GetProperty("phoneFormatted").GetString().ShouldBe("+7 916 000-11-22");
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/history");
        history.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("field").GetString() == "contacts" && i.GetProperty("newValue").GetString() == "Ковалёв Артём Петрович");
    }

    [Fact]
    public async Task Contacts_OfAHiddenCounterparty_Are404AndBadFieldsAreNamed()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var id = (await CreateAsync(admin, new { name = "Закрытый клиент" })).GetProperty("id").GetGuid();
        var outsider = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Склад"));
        var outsiderClient = await host.ClientAsync(outsider.Login, outsider.Password);

        (await outsiderClient.GetAsync($"/api/v1/counterparties/{id}/contacts")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsiderClient.PostAsJsonAsync($"/api/v1/counterparties/{id}/contacts", new { fullName = "Шпион" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var bad = await admin.PostAsJsonAsync($"/api/v1/counterparties/{id}/contacts", new { fullName = "", email = "nope", phone = "abc", birthDate = "2150-01-01" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var codes = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes");
        foreach (var field in new[] { "fullName", "email", "phone", "birthDate" })
            codes.TryGetProperty(field, out _).ShouldBeTrue(field);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/contacts")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Timeline_TellsTheStoryNewestFirst_WithNotesAndChangesWorded(string provider)
    {
        using var host = new LetopisHost(provider);
        var client = await host.AdminAsync();
        var id = (await CreateAsync(client, new { name = "Меридиан-Строй" })).GetProperty("id").GetGuid();
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await client.PatchAsJsonAsync($"/api/v1/counterparties/{id}", new { name = "Меридиан-Строй-Юг", phone = "+7 861 200-30-40" })).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await client.PostAsJsonAsync($"/api/v1/counterparties/{id}/contacts", new { fullName = "Степанов Глеб Артёмович" })).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var note = await client.PostAsJsonAsync($"/api/v1/counterparties/{id}/notes", new { text = "КП на рассмотрении, ответ обещали к пятнице" });
        note.StatusCode.ShouldBe(HttpStatusCode.Created);

        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/timeline");

        var items = timeline.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("kind").GetString()).ShouldBe(["note", "contact_added", "changed", "created"]);
        items[0].GetProperty("text").GetString().ShouldBe("КП на рассмотрении, ответ обещали к пятнице");
        items[1].GetProperty("title").GetString().ShouldBe("Добавлено контактное лицо: Степанов Глеб Артёмович");
        items[2].GetProperty("title").GetString().ShouldBe("Изменено: Наименование, Телефон");
        items[3].GetProperty("userName").GetString().ShouldBe("Администратор");
    }

    [Fact]
    public async Task Notes_OnAHiddenCardAre404_AndAnEmptyNoteIsRefused()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var id = (await CreateAsync(admin, new { name = "Секретный объект" })).GetProperty("id").GetGuid();
        var outsider = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Гараж"));
        var outsiderClient = await host.ClientAsync(outsider.Login, outsider.Password);

        (await outsiderClient.GetAsync($"/api/v1/counterparties/{id}/timeline")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsiderClient.PostAsJsonAsync($"/api/v1/counterparties/{id}/notes", new { text = "Был здесь" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var empty = await admin.PostAsJsonAsync($"/api/v1/counterparties/{id}/notes", new { text = "   " });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes").GetProperty("text")[0].GetString().ShouldBe("required");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{id}/timeline")).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Duplicates_AreFoundByInnPhoneEmailOrTheSameNameInAnotherForm(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var inn = TestRequisites.Inn10();
        var phone = $"+7 843 {Random.Shared.Next(200, 999)}-{Random.Shared.Next(10, 99)}-{Random.Shared.Next(10, 99)}";
        var existing = (await CreateAsync(client, new { name = $"ООО «Гранит-{tag}»", inn, phone, email = $"Office@granit-{tag}.ru" })).GetProperty("id").GetGuid();

        async Task<List<JsonElement>> FindAsync(string query) =>
            (await client.GetFromJsonAsync<JsonElement>("/api/v1/counterparties/duplicates?" + query)).EnumerateArray().ToList();

        (await FindAsync($"inn={inn}")).Single().GetProperty("matchedBy").EnumerateArray().Select(m => m.GetString()).ShouldBe(["inn"]);
        (await FindAsync($"phone={Uri.EscapeDataString(phone.Replace(" ", "").Replace("-", ""))}")).Single().GetProperty("id").GetGuid().ShouldBe(existing);
        (await FindAsync($"email=office@GRANIT-{tag}.ru")).Single().GetProperty("id").GetGuid().ShouldBe(existing);
        (await FindAsync($"name={Uri.EscapeDataString($"Гранит {tag} ЗАО")}")).Single().GetProperty("matchedBy")[0].GetString().ShouldBe("name");
        (await FindAsync($"name={Uri.EscapeDataString($"Гранитстрой {tag}")}")).ShouldBeEmpty();

        var outsider = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Охрана"));
        var outsiderClient = await host.ClientAsync(outsider.Login, outsider.Password);
        (await outsiderClient.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/duplicates?inn={inn}")).GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreatingWithCheckDuplicates_RefusesALookAlikeOfAVisibleCardAndSavesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var inn = TestRequisites.Inn10();
        var existing = (await CreateAsync(client, new { name = $"ООО «Бетон-{tag}»", inn })).GetProperty("id").GetGuid();
        var lookAlike = new { name = $"Монолит {tag}", inn };

        var refused = await client.PostAsJsonAsync("/api/v1/counterparties?checkDuplicates=true", lookAlike);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("duplicates_found");
        problem.GetProperty("title").GetString().ShouldBe("Похожий контрагент уже есть: совпадает ИНН, телефон, e-mail или название");
        var duplicate = problem.GetProperty("duplicates").EnumerateArray().Single();
        duplicate.GetProperty("id").GetGuid().ShouldBe(existing);
        duplicate.GetProperty("matchedBy").EnumerateArray().Select(m => m.GetString()).ShouldBe(["inn"]);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q=Монолит {tag}")).GetProperty("total").GetInt32().ShouldBe(0);

        // Someone who cannot see the existing card is not shown it: only told that the ИНН is taken.
        var outsider = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Охрана"));
        var outsiderClient = await host.ClientAsync(outsider.Login, outsider.Password);
        var hidden = await outsiderClient.PostAsJsonAsync("/api/v1/counterparties?checkDuplicates=true", lookAlike);
        hidden.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var hiddenProblem = await hidden.Content.ReadFromJsonAsync<JsonElement>();
        hiddenProblem.GetProperty("code").GetString().ShouldBe("duplicate_inn");
        hiddenProblem.GetProperty("duplicates").GetArrayLength().ShouldBe(0);
        // An exact ИНН duplicate is saved once the caller confirms it.
        (await client.PostAsJsonAsync("/api/v1/counterparties?confirmDuplicate=true", lookAlike)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/v1/counterparties?checkDuplicates=true", new { name = $"Арматура {tag}", inn = TestRequisites.Inn10() }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
