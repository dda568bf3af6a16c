using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using static Letopis.Web.Tests.Leads.LeadApi;

namespace Letopis.Web.Tests.Leads;

/// <summary>Web forms and telephony: a token that may only create leads, and a form sent twice that makes one lead.</summary>
public class LeadIntakeApiTests
{
    private static async Task<HttpClient> IntakeClientAsync(LetopisHost host, HttpClient owner)
    {
        var issued = await owner.PostAsJsonAsync("/api/v1/me/api-tokens", new { name = "Форма на сайте", scope = "leads:create" });
        issued.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("scope").GetString().ShouldBe("leads:create");
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return client;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task LeadIntakeToken_CreatesLeadsAndNothingElse(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var manager = await host.CreateUserAsync();
        var owner = await host.ClientAsync(manager.Login, manager.Password);
        var intake = await IntakeClientAsync(host, owner);

        var created = await intake.PostAsJsonAsync("/api/v1/leads", new { title = Marker("С формы "), phone = Phone() });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var lead = await created.Content.ReadFromJsonAsync<JsonElement>();
        lead.GetProperty("responsible").GetProperty("id").GetGuid().ShouldBe(manager.Id);

        foreach (var refused in new[]
                 {
                     await intake.GetAsync($"/api/v1/leads/{Id(lead)}"),
                     await intake.GetAsync("/api/v1/leads"),
                     await intake.GetAsync("/api/v1/counterparties"),
                     await intake.GetAsync("/api/v1/me"),
                     await intake.PatchAsJsonAsync($"/api/v1/leads/{Id(lead)}", new { title = "Иначе" }),
                     await intake.PostAsJsonAsync($"/api/v1/leads/{Id(lead)}/junk", new { reason = "спам" }),
                     await intake.PostAsJsonAsync("/api/v1/counterparties", new { name = "ООО Левое" }),
                     await intake.PostAsJsonAsync("/api/v1/me/api-tokens", new { name = "Ещё один" }),
                 })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await ProblemAsync(refused)).GetProperty("code").GetString().ShouldBe("token_scope");
        }
        Status(await GetAsync(owner, Id(lead))).ShouldBe("open");
        (await GetAsync(owner, Id(lead))).GetProperty("title").GetString()!.ShouldStartWith("С формы");

        var badScope = await owner.PostAsJsonAsync("/api/v1/me/api-tokens", new { name = "Всё", scope = "everything" });
        badScope.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(badScope)).GetProperty("errors").TryGetProperty("scope", out _).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_SamePhoneWithinAMinute_MergesIntoTheOpenLeadAndLaterMakesANewOne(string provider)
    {
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var intake = await IntakeClientAsync(host, admin);
        var phone = Phone();

        var first = await intake.PostAsJsonAsync("/api/v1/leads", new { title = "Звонок", phone = "8" + phone[2..], comment = "Хочет окна" });
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var lead = await first.Content.ReadFromJsonAsync<JsonElement>();
        var before = await CountAsync(host);

        host.Clock.Advance(TimeSpan.FromSeconds(40));
        var again = await intake.PostAsJsonAsync("/api/v1/leads", new
        {
            title = "Звонок повторно",
            phone,
            email = "client@example.ru",
            contactName = "Ольга",
            comment = "Перезвонить после обеда",
        });
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var merged = await again.Content.ReadFromJsonAsync<JsonElement>();
        merged.GetProperty("merged").GetBoolean().ShouldBeTrue();
        Id(merged).ShouldBe(Id(lead));
        merged.GetProperty("title").GetString().ShouldBe("Звонок");
        merged.GetProperty("email").GetString().ShouldBe("client@example.ru");
        merged.GetProperty("contactName").GetString().ShouldBe("Ольга");
        merged.GetProperty("comment").GetString().ShouldBe("Хочет окна\n\nПерезвонить после обеда");
        (await CountAsync(host)).ShouldBe(before);

        // The same e-mail a second later still joins it.
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var byEmail = await intake.PostAsJsonAsync("/api/v1/leads", new { title = "Письмо", email = "CLIENT@example.ru" });
        byEmail.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CountAsync(host)).ShouldBe(before);

        // Past the minute it is a new request: a new lead.
        host.Clock.Advance(TimeSpan.FromSeconds(25));
        var later = await intake.PostAsJsonAsync("/api/v1/leads", new { title = "Звонок через минуту", phone });
        later.StatusCode.ShouldBe(HttpStatusCode.Created);
        var newer = await later.Content.ReadFromJsonAsync<JsonElement>();
        newer.GetProperty("merged").GetBoolean().ShouldBeFalse();
        Id(newer).ShouldNotBe(Id(lead));
        (await CountAsync(host)).ShouldBe(before + 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_SamePhoneOfAJunkLead_MakesANewLead(string provider)
    {
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var phone = Phone();
        var lead = await CreateAsync(admin, new { title = "Первый", phone });
        (await admin.PostAsJsonAsync($"/api/v1/leads/{Id(lead)}/junk", new { reason = "Спам" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = await admin.PostAsJsonAsync("/api/v1/leads", new { title = "Второй", phone });

        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        Id(await again.Content.ReadFromJsonAsync<JsonElement>()).ShouldNotBe(Id(lead));
    }
}
