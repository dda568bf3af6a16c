using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using Letopis.Web.Tests.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Web.Tests.Crm;

/// <summary>Contact persons: editing, one person at several counterparties, the main contact, visibility, important dates.</summary>
public class ContactPersonsApiTests
{
    private static async Task<Guid> AddContactAsync(HttpClient client, Guid counterpartyId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/counterparties/{counterpartyId}/contacts", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> ContactsOfAsync(HttpClient client, Guid counterpartyId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{counterpartyId}/contacts")).GetProperty("items").EnumerateArray().ToList();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Patch_EditsThePerson_RecordsHistory_AndRefusesBadFields(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var counterparty = await CardDataApiTests.CounterpartyAsync(client, "ООО «Контакт»");
        var id = await AddContactAsync(client, counterparty, new { fullName = "Орлов Виктор", position = "Директор" });

        var patch = await client.PatchAsJsonAsync($"/api/v1/contacts/{id}", new
        {
            fullName = "Орлов Виктор Семёнович",
            phone = "8 (495) 123-45-67",
            phone2 = "+7 916 555-44-33",
            email = "orlov@granit.ru",
            notes = "Любит футбол",
            consent = true,
        });
        patch.StatusCode.ShouldBe(HttpStatusCode.OK);
        var card = await patch.Content.ReadFromJsonAsync<JsonElement>();
        card.GetProperty("fullName").GetString().ShouldBe("Орлов Виктор Семёнович");
        card.GetProperty("phone").GetString().ShouldBe("+74951234567");
        card.GetProperty("phone2").GetString().ShouldBe("+79165554433");
        card.GetProperty("hasConsent").GetBoolean().ShouldBeTrue();
        card.GetProperty("consentOn").ValueKind.ShouldBe(JsonValueKind.String);

        var bad = await client.PatchAsJsonAsync($"/api/v1/contacts/{id}", new { fullName = "", phone2 = "не телефон", email = "нет" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("fullName", out _).ShouldBeTrue();
        errors.TryGetProperty("phone2", out _).ShouldBeTrue();
        errors.TryGetProperty("email", out _).ShouldBeTrue();
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{id}")).GetProperty("fullName").GetString().ShouldBe("Орлов Виктор Семёнович");

        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{id}/history");
        var fields = history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("field").GetString()).ToList();
        fields.ShouldContain("fullName");
        fields.ShouldContain("phone2");
        fields.ShouldContain("consentOn");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task LinkExistingPerson_ToAnotherCounterparty_ThenSwitchMainAndUnlink(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var granit = await CardDataApiTests.CounterpartyAsync(client, "ООО «Гранит»");
        var monolit = await CardDataApiTests.CounterpartyAsync(client, "ООО «Монолит»");
        var marker = "Зуев" + Guid.NewGuid().ToString("N")[..6];
        var person = await AddContactAsync(client, granit, new { fullName = $"{marker} Роман Игоревич", position = "Главный инженер" });
        var other = await AddContactAsync(client, monolit, new { fullName = "Фомина Ксения Сергеевна" });

        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?q={marker.ToLowerInvariant()}");
        found.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(person);

        var link = await client.PostAsJsonAsync($"/api/v1/counterparties/{monolit}/contacts/link", new { contactId = person, position = "Консультант" });
        link.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync($"/api/v1/counterparties/{monolit}/contacts/link", new { contactId = person }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{person}");
        var places = card.GetProperty("counterparties").EnumerateArray().ToDictionary(c => c.GetProperty("counterpartyId").GetGuid());
        places.Count.ShouldBe(2);
        places[granit].GetProperty("position").GetString().ShouldBe("Главный инженер");
        places[monolit].GetProperty("position").GetString().ShouldBe("Консультант");
        places[monolit].GetProperty("isMain").GetBoolean().ShouldBeFalse();

        // Exactly one main contact: switching moves the flag.
        var makeMain = await client.PatchAsJsonAsync($"/api/v1/counterparties/{monolit}/contacts/{person}", new { isMain = true });
        makeMain.StatusCode.ShouldBe(HttpStatusCode.OK);
        var contacts = await ContactsOfAsync(client, monolit);
        contacts.Single(c => c.GetProperty("isMain").GetBoolean()).GetProperty("id").GetGuid().ShouldBe(person);
        (await client.PatchAsJsonAsync($"/api/v1/counterparties/{monolit}/contacts/{person}", new { isMain = false }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Unlinking the main contact hands the flag to the other person; the person stays at Гранит.
        (await client.DeleteAsync($"/api/v1/counterparties/{monolit}/contacts/{person}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        contacts = await ContactsOfAsync(client, monolit);
        contacts.Single().GetProperty("id").GetGuid().ShouldBe(other);
        contacts.Single().GetProperty("isMain").GetBoolean().ShouldBeTrue();
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{person}")).GetProperty("counterparties").GetArrayLength().ShouldBe(1);
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{monolit}/timeline");
        var kinds = timeline.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ToList();
        kinds.ShouldContain("contact_linked");
        kinds.ShouldContain("main_contact");
        kinds.ShouldContain("contact_unlinked");

        // Unlinked from the last counterparty, the person is gone.
        (await client.DeleteAsync($"/api/v1/counterparties/{granit}/contacts/{person}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/v1/contacts/{person}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Contact_IsVisibleOnlyThroughVisibleCounterparties(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var company = await host.CreateDepartmentAsync("Компания");
        var sales = await host.CreateDepartmentAsync("Продажи", company);
        var legal = await host.CreateDepartmentAsync("Юристы", company);
        var manager = await host.CreateUserAsync(departmentId: sales);
        var lawyer = await host.CreateUserAsync(departmentId: legal);
        var managerClient = await host.ClientAsync(manager.Login, manager.Password);
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var hidden = await CardDataApiTests.CounterpartyAsync(managerClient, "ООО «Тайна»");
        var marker = "Скрытов" + Guid.NewGuid().ToString("N")[..6];
        var person = await AddContactAsync(managerClient, hidden, new { fullName = $"{marker} Пётр" });

        (await lawyerClient.GetAsync($"/api/v1/contacts/{person}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetAsync($"/api/v1/contacts/{person}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.PatchAsJsonAsync($"/api/v1/contacts/{person}", new { notes = "взлом" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?q={marker}")).GetProperty("total").GetInt32().ShouldBe(0);
        var own = await CardDataApiTests.CounterpartyAsync(lawyerClient, "ООО «Своя»");
        (await lawyerClient.PostAsJsonAsync($"/api/v1/counterparties/{own}/contacts/link", new { contactId = person }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Once the person also works with a counterparty the lawyer sees, the lawyer sees them, and only that place.
        var admin = await host.AdminAsync();
        (await admin.PostAsJsonAsync($"/api/v1/counterparties/{own}/contacts/link", new { contactId = person })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var card = await lawyerClient.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{person}");
        card.GetProperty("counterparties").EnumerateArray().Single().GetProperty("counterpartyId").GetGuid().ShouldBe(own);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ImportantDate_On29February_RemindsTheManagerEveryYear(string provider)
    {
        // The test host's relay polls hourly on the fake clock: jumping a year would still replay 8,760 of its ticks.
        // (Stopping it instead races its start on a slow machine, and a background service that ends cancelled stops the host.)
        using var host = ReminderDispatchTests.Started(new LetopisHost(
            provider, settings: new Dictionary<string, string?> { ["Letopis:Reminders:RelayPollSeconds"] = "86400" }));
        var manager = await host.CreateUserAsync();
        var admin = await host.AdminAsync();
        var counterparty = await CardDataApiTests.CounterpartyAsync(admin, "ООО «Високос»", manager.Id);
        var person = await AddContactAsync(admin, counterparty, new { fullName = "Касьянов Иван Петрович" });

        var patch = await admin.PatchAsJsonAsync($"/api/v1/contacts/{person}", new
        {
            importantDates = new object[]
            {
                new { kind = "birthday", date = "1988-02-29", remindDaysBefore = 1 },
                new { kind = "custom", label = "Годовщина сотрудничества", date = "2020-06-10" },
            },
        });
        patch.StatusCode.ShouldBe(HttpStatusCode.OK);
        var card = await patch.Content.ReadFromJsonAsync<JsonElement>();
        card.GetProperty("birthDate").GetString().ShouldBe("1988-02-29");
        var birthday = card.GetProperty("importantDates").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "birthday");
        birthday.GetProperty("next").GetString().ShouldBe("2027-02-28");

        async Task<int> NotificationsAsync() =>
            await host.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == manager.Id && n.Title.Contains("Касьянов")));

        // 2027 is a common year: the birthday falls on 28 February, the reminder a day before.
        host.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 27, 5, 59, 0, TimeSpan.Zero));
        await ReminderDispatchTests.RunDispatcherAsync(host);
        (await NotificationsAsync()).ShouldBe(0);
        host.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 27, 6, 1, 0, TimeSpan.Zero));
        await ReminderDispatchTests.RunDispatcherAsync(host);
        (await NotificationsAsync()).ShouldBe(1);
        await ReminderDispatchTests.RunDispatcherAsync(host);
        (await NotificationsAsync()).ShouldBe(1);

        // A year later it comes again by itself; 2028 is a leap year, so a day before 29 February.
        host.Clock.SetUtcNow(new DateTimeOffset(2028, 2, 27, 6, 1, 0, TimeSpan.Zero));
        await ReminderDispatchTests.RunDispatcherAsync(host);
        (await NotificationsAsync()).ShouldBe(1);
        host.Clock.SetUtcNow(new DateTimeOffset(2028, 2, 28, 6, 1, 0, TimeSpan.Zero));
        await ReminderDispatchTests.RunDispatcherAsync(host);
        (await NotificationsAsync()).ShouldBe(2);

        // Removing the date cancels the armed reminder (a fresh sign-in: the first token has long expired).
        admin = await host.AdminAsync();
        (await admin.PatchAsJsonAsync($"/api/v1/contacts/{person}", new { importantDates = Array.Empty<object>() })).StatusCode.ShouldBe(HttpStatusCode.OK);
        host.Clock.SetUtcNow(new DateTimeOffset(2029, 3, 1, 6, 1, 0, TimeSpan.Zero));
        await ReminderDispatchTests.RunDispatcherAsync(host);
        (await NotificationsAsync()).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ImportantDates_Invalid_AreNamedByIndex(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var counterparty = await CardDataApiTests.CounterpartyAsync(client, "ООО «Даты»");
        var person = await AddContactAsync(client, counterparty, new { fullName = "Датов Дмитрий" });

        var response = await client.PatchAsJsonAsync($"/api/v1/contacts/{person}", new
        {
            importantDates = new object[] { new { kind = "custom", date = "2020-01-01" }, new { kind = "birthday", date = "2020-01-01", remindDaysBefore = 400 } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("importantDates[0].label", out _).ShouldBeTrue();
        errors.TryGetProperty("importantDates[1].remindDaysBefore", out _).ShouldBeTrue();
    }
}
