using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Search;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests;

public class SearchApiTests
{
    /// <summary>A made-up word of consonants: unique per test, and no stemmer shortens it.</summary>
    private static string Marker() =>
        string.Concat(Enumerable.Range(0, 9).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));

    private static string Phone7() => Random.Shared.Next(2000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Guid> CounterpartyAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/counterparties", body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> ContactAsync(HttpClient client, Guid counterpartyId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/counterparties/{counterpartyId}/contacts", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string q)
    {
        var response = await client.GetAsync("/api/v1/search?pageSize=100&q=" + Uri.EscapeDataString(q));
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<(string Entity, Guid Id, string Title, string? Snippet)> Hits(JsonElement page) =>
        page.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("entity").GetString()!, i.GetProperty("id").GetGuid(), i.GetProperty("title").GetString()!, i.GetProperty("snippet").GetString()))
            .ToList();

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_DeclinedForms_FindCounterpartiesAndContacts(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var marker = Marker();
        var company = await CounterpartyAsync(client, new { name = $"ООО «Стройгаз {marker}»" });
        var person = await ContactAsync(client, company, new { fullName = $"Иванов {marker} Петрович", position = "Главный инженер" });

        var byCompany = Hits(await SearchAsync(client, $"стройгаза {marker}"));
        byCompany.ShouldHaveSingleItem().ShouldBe(("counterparty", company, $"ООО «Стройгаз {marker}»", null));

        var byPerson = Hits(await SearchAsync(client, $"Иванову {marker}"));
        var hit = byPerson.ShouldHaveSingleItem();
        (hit.Entity, hit.Id).ShouldBe(("contact", person));
        hit.Snippet.ShouldBe($"Главный инженер · ООО «Стройгаз {marker}»");

        // The word being typed is a prefix: «стройг» already finds it.
        Hits(await SearchAsync(client, $"{marker} стройг")).Select(h => h.Id).ShouldBe([company]);
        // Other words do not.
        (await SearchAsync(client, $"договоров {marker}")).GetProperty("total").GetInt32().ShouldBe(0);

        // The directory filter speaks the same language.
        var directory = await client.GetFromJsonAsync<JsonElement>("/api/v1/counterparties?q=" + Uri.EscapeDataString($"Стройгазу {marker}"));
        directory.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([company]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_InnAndPhoneFragments_FindTheirRecords(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var inn = TestRequisites.Inn10();
        var phone = Phone7();
        var mobile = Phone7();
        var company = await CounterpartyAsync(client, new { name = $"Кремень {Marker()}", inn, phone = $"+7 843 {phone}" });
        var person = await ContactAsync(client, company, new { fullName = $"Орлов {Marker()}", phone = $"+7 917 {mobile}" });

        Hits(await SearchAsync(client, inn[..8])).Select(h => h.Id).ShouldContain(company);
        Hits(await SearchAsync(client, inn)).Select(h => h.Id).ShouldContain(company);
        Hits(await SearchAsync(client, phone)).Select(h => h.Id).ShouldContain(company);
        Hits(await SearchAsync(client, $"8 (843) {phone[..3]}-{phone[3..5]}-{phone[5..]}")).Select(h => h.Id).ShouldBe([company]);
        Hits(await SearchAsync(client, $"917{mobile}")).Select(h => h.Id).ShouldBe([person]);
        Hits(await SearchAsync(client, mobile[1..])).Select(h => h.Id).ShouldContain(person);

        var directory = await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={inn}");
        directory.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([company]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_AfterRename_FindsTheNewNameOnly(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var marker = Marker();
        var company = await CounterpartyAsync(client, new { name = $"Монолит {marker}" });
        var person = await ContactAsync(client, company, new { fullName = $"Зуев {marker}" });

        (await client.PatchAsJsonAsync($"/api/v1/counterparties/{company}", new { name = $"Фасад {marker}" })).EnsureSuccessStatusCode();

        Hits(await SearchAsync(client, $"фасада {marker}")).Select(h => h.Id).ShouldBe([company]);
        (await SearchAsync(client, $"монолита {marker}")).GetProperty("total").GetInt32().ShouldBe(0);
        // The contact's line names the counterparty by its new name.
        Hits(await SearchAsync(client, $"Зуеву {marker}")).ShouldHaveSingleItem().Snippet.ShouldBe($"Фасад {marker}");
        (await SearchAsync(client, $"Зуеву {marker}")).GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(person);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_AfterDelete_FindsNeitherTheCounterpartyNorItsOnlyContacts(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var marker = Marker();
        var gone = await CounterpartyAsync(client, new { name = $"Вектор {marker}" });
        var kept = await CounterpartyAsync(client, new { name = $"Вектор-2 {marker}" });
        var onlyThere = await ContactAsync(client, gone, new { fullName = $"Лазарев {marker}" });
        var shared = await ContactAsync(client, gone, new { fullName = $"Степанов {marker}" });
        await host.WithDbAsync(async db =>
        {
            // A person working with both counterparties, as a merge leaves them.
            db.CounterpartyContacts.Add(new CounterpartyContact { CounterpartyId = kept, ContactId = shared });
            await db.SaveChangesAsync();
            // Deleting through EF, as a merge does, takes the index rows along.
            db.Counterparties.Remove(await db.Counterparties.SingleAsync(c => c.Id == gone));
            return await db.SaveChangesAsync();
        });

        Hits(await SearchAsync(client, marker)).Select(h => h.Id).Order().ShouldBe(new[] { kept, shared }.Order());
        (await SearchAsync(client, $"Лазареву {marker}")).GetProperty("total").GetInt32().ShouldBe(0);
        onlyThere.ShouldNotBe(Guid.Empty);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_ByEmployeeOfAnotherDepartment_NeverShowsHiddenRecordsNorCountsThem(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var company = await host.CreateDepartmentAsync("Компания");
        var sales = await host.CreateDepartmentAsync("Продажи", company);
        var legal = await host.CreateDepartmentAsync("Юристы", company);
        var manager = await host.CreateUserAsync(departmentId: sales);
        var colleague = await host.CreateUserAsync(departmentId: sales);
        var lawyer = await host.CreateUserAsync(departmentId: legal);
        var managerClient = await host.ClientAsync(manager.Login, manager.Password);
        var marker = Marker();
        var inn = TestRequisites.Inn10();
        var card = await CounterpartyAsync(managerClient, new { name = $"Цитадель {marker}", inn });
        var person = await ContactAsync(managerClient, card, new { fullName = $"Медведева {marker}" });

        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        foreach (var q in new[] { marker, $"Цитадели {marker}", $"Медведевой {marker}", inn })
        {
            var page = await SearchAsync(lawyerClient, q);
            page.GetProperty("total").GetInt32().ShouldBe(0);
            page.GetProperty("items").GetArrayLength().ShouldBe(0);
        }
        (await lawyerClient.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties?q={marker}")).GetProperty("total").GetInt32().ShouldBe(0);

        var colleagueClient = await host.ClientAsync(colleague.Login, colleague.Password);
        var seen = await SearchAsync(colleagueClient, marker);
        seen.GetProperty("total").GetInt32().ShouldBe(2);
        Hits(seen).Select(h => h.Id).Order().ShouldBe(new[] { card, person }.Order());

        // Handing the card to the lawyer hands them its people too.
        var admin = await host.AdminAsync();
        (await admin.PatchAsJsonAsync($"/api/v1/counterparties/{card}", new { responsibleId = lawyer.Id })).EnsureSuccessStatusCode();
        Hits(await SearchAsync(lawyerClient, marker)).Select(h => h.Id).Order().ShouldBe(new[] { card, person }.Order());
        (await SearchAsync(colleagueClient, marker)).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_WithoutAWordLongEnough_Is400NamingQ(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        foreach (var q in new[] { "", "я", "12", "  " })
        {
            var response = await client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(q));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("errors").GetProperty("q").GetArrayLength().ShouldBe(1);
        }
        (await client.GetAsync("/api/v1/search")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Rebuild_IndexesRecordsWrittenAroundTheChangeTracker(string provider)
    {
        // Its own database: a rebuild empties the index for a moment, which would upset other tests.
        using var host = new LetopisHost(provider);
        var client = await host.AdminAsync();
        var marker = Marker();
        var company = await CounterpartyAsync(client, new { name = $"Пилон {marker}" });
        await ContactAsync(client, company, new { fullName = $"Фомина {marker}" });
        // What a bulk generator leaves: records without index rows.
        await host.WithDbAsync(db => db.SearchEntries.ExecuteDeleteAsync());
        (await SearchAsync(client, marker)).GetProperty("total").GetInt32().ShouldBe(0);

        var indexed = await host.WithDbAsync((LetopisDb db) => SearchIndex.RebuildAsync(db, batchSize: 1));

        indexed.ShouldBe(2);
        (await SearchAsync(client, $"Пилона {marker}")).GetProperty("total").GetInt32().ShouldBe(1);
        (await SearchAsync(client, $"Фоминой {marker}")).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task NewCard_IsIndexedAsTheDatabaseRebuildIndexesIt(string provider)
    {
        // A new card's row is built from the card before it is saved; a rebuild reads it back from
        // the database. The two must write the same row, or a search would find a card differently
        // depending on whether it was created or rebuilt.
        using var host = new LetopisHost(provider);
        var client = await host.AdminAsync();
        var marker = Marker();
        var phone = Phone7();
        var fax = Phone7();
        var id = await CounterpartyAsync(client, new
        {
            name = $"Гранит {marker}",
            fullName = $"Общество с ограниченной ответственностью «Гранитные карьеры {marker}»",
            inn = TestRequisites.Inn10(),
            phone = $"+7 495 {phone}",
            fax = $"+7 495 {fax}",
            email = $"office.{marker}@granit.example",
            website = $"https://www.granit-{marker}.example/about",
        });
        var created = await host.WithDbAsync(db => db.SearchEntries.AsNoTracking().SingleAsync(e => e.EntityId == id));

        await host.WithDbAsync((LetopisDb db) => SearchIndex.RebuildAsync(db));
        var rebuilt = await host.WithDbAsync(db => db.SearchEntries.AsNoTracking().SingleAsync(e => e.EntityId == id));

        (created.Title, created.Snippet, created.TitleTerms, created.BodyTerms, created.OwnerId, created.AccessKind)
            .ShouldBe((rebuilt.Title, rebuilt.Snippet, rebuilt.TitleTerms, rebuilt.BodyTerms, rebuilt.OwnerId, rebuilt.AccessKind));
        created.BodyTerms.ShouldContain(fax[^4..]);
        foreach (var q in new[] { $"гранитных карьеров {marker}", fax, $"granit-{marker}" })
            Hits(await SearchAsync(client, q)).Select(h => h.Id).ShouldBe([id]);
    }
}
