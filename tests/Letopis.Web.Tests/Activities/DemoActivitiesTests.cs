using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Activities;
using Letopis.Core.Demo;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Activities;

public class DemoActivitiesTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoCompany_HasAWeekOfContacts_AndTheDeputySeesTheAbsentManagersDay(string provider)
    {
        var host = DemoHosts.Shared(provider);
        var now = host.Clock.GetUtcNow().UtcDateTime;

        var week = await host.WithDbAsync(db => db.Activities.AsNoTracking()
            .Select(a => new { a.Kind, a.Status, a.PlannedAt, a.Result, a.AssigneeId, a.PlannedById }).ToListAsync());
        week.ShouldContain(a => a.Status == ActivityStatus.Done && a.Result != null);
        week.ShouldContain(a => a.Status == ActivityStatus.Planned && a.PlannedAt < now);
        week.ShouldContain(a => a.Status == ActivityStatus.Planned && a.PlannedAt > now.AddDays(1));
        week.ShouldContain(a => a.AssigneeId != a.PlannedById);
        week.Select(a => a.Kind).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        week.ShouldAllBe(a => a.PlannedAt > now.AddDays(-6) && a.PlannedAt < now.AddDays(6));

        // Ivanova stands in for Smirnov this week: his day is a group of its own on her agenda.
        var ivanova = await host.ClientAsync("ivanova", SeedDemoCompany.Password);
        var agenda = await ivanova.GetFromJsonAsync<JsonElement>("/api/v1/agenda");
        agenda.GetProperty("groups").GetArrayLength().ShouldBeGreaterThan(0);
        var smirnov = agenda.GetProperty("actingFor").EnumerateArray().Single();
        smirnov.GetProperty("name").GetString().ShouldBe("Смирнов Дмитрий Олегович");
        smirnov.GetProperty("groups").GetArrayLength().ShouldBeGreaterThan(0);
    }
}
