using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Crm;

/// <summary>A birthday reminder comes at 09:00 on the manager's own clock, wherever the manager works.</summary>
public class BirthdayReminderTimeZoneTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TheReminder_IsDueAtNineInTheManagersZone(string provider)
    {
        using var host = new LetopisHost(provider);
        var admin = await host.AdminAsync();
        var vladivostok = await host.CreateUserAsync();
        var moscow = await host.CreateUserAsync();
        (await admin.PatchAsJsonAsync($"/api/v1/users/{vladivostok.Id}", new { timeZone = "Asia/Vladivostok" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        async Task<DateTime> DueAtAsync(Guid manager, string name)
        {
            var counterparty = await CardDataApiTests.CounterpartyAsync(admin, $"ООО «{name}»", manager);
            var created = await admin.PostAsJsonAsync($"/api/v1/counterparties/{counterparty}/contacts", new { fullName = name + " Иван Петрович" });
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            var person = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var dates = await admin.PatchAsJsonAsync($"/api/v1/contacts/{person}", new
            {
                importantDates = new object[] { new { kind = "birthday", date = "1975-12-10", remindDaysBefore = 3 } },
            });
            dates.StatusCode.ShouldBe(HttpStatusCode.OK, await dates.Content.ReadAsStringAsync());
            return await host.WithDbAsync(db => db.Reminders.Where(r => r.UserId == manager && r.Link == $"/contacts/{person}")
                .Select(r => r.DueAt).SingleAsync());
        }

        // Three days before 10 December, at 09:00 local: UTC+10 is 23:00 UTC the evening before, UTC+3 is 06:00 UTC.
        (await DueAtAsync(vladivostok.Id, "Приморье")).ShouldBe(new DateTime(2026, 12, 6, 23, 0, 0, DateTimeKind.Utc));
        (await DueAtAsync(moscow.Id, "Столица")).ShouldBe(new DateTime(2026, 12, 7, 6, 0, 0, DateTimeKind.Utc));
    }
}
