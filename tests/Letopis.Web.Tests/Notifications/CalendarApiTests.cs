using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests.Notifications;

public class CalendarApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Days_ShowHolidaysTransfersAndWeekends(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await UserClientAsync(host);

        var days = await client.GetFromJsonAsync<JsonElement>("/api/v1/calendar/days?from=2026-11-02&to=2026-12-31");

        var byDate = days.EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!);
        byDate.Count.ShouldBe(60);
        byDate["2026-11-04"].GetProperty("isWorkingDay").GetBoolean().ShouldBeFalse();
        byDate["2026-11-04"].GetProperty("name").GetString().ShouldBe("День народного единства");
        byDate["2026-11-05"].GetProperty("isWorkingDay").GetBoolean().ShouldBeTrue();
        byDate["2026-11-07"].GetProperty("isWorkingDay").GetBoolean().ShouldBeFalse();
        byDate["2026-12-31"].GetProperty("isWorkingDay").GetBoolean().ShouldBeFalse();
        byDate["2026-12-30"].GetProperty("isWorkingDay").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Days_RangeOver400DaysOrReversed_Is400(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await UserClientAsync(host);

        var tooLong = await client.GetAsync("/api/v1/calendar/days?from=2026-01-01&to=2027-02-05");
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("to", out _).ShouldBeTrue();

        var reversed = await client.GetAsync("/api/v1/calendar/days?from=2026-02-01&to=2026-01-01");
        reversed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var garbage = await client.GetAsync("/api/v1/calendar/days?from=01.02.2026&to=2026-03-01");
        garbage.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await garbage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("from", out _).ShouldBeTrue();

        (await client.GetAsync("/api/v1/calendar/days?from=2026-01-01&to=2027-02-04")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AddWorkingDays_AcrossNewYear_SkipsDec31AndTheJanuaryHolidays(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await UserClientAsync(host);

        // 31.12.2026 is a transferred day off, 1–8 January are holidays, 9–10 January a weekend:
        // the working days after Wednesday 30.12.2026 are 11, 12 and 13 January 2027.
        var result = await client.GetFromJsonAsync<JsonElement>("/api/v1/calendar/add-working-days?from=2026-12-30&days=3");

        result.GetProperty("date").GetString().ShouldBe("2027-01-13");
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/calendar/add-working-days?from=2026-12-30&days=1"))
            .GetProperty("date").GetString().ShouldBe("2027-01-11");
    }

    [Fact]
    public async Task PutDay_AsAdmin_MakesASaturdayWorkingAndDeleteRestoresIt()
    {
        using var host = ReminderDispatchTests.Started(new LetopisHost(TestDatabases.Sqlite));
        var admin = await host.AdminAsync();

        var put = await admin.PutAsJsonAsync("/api/v1/calendar/days/2026-12-05", new { isWorkingDay = true, name = "Рабочая суббота" });
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var day = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/days?from=2026-12-05&to=2026-12-05"))[0];
        day.GetProperty("isWorkingDay").GetBoolean().ShouldBeTrue();
        day.GetProperty("name").GetString().ShouldBe("Рабочая суббота");
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/add-working-days?from=2026-12-04&days=1"))
            .GetProperty("date").GetString().ShouldBe("2026-12-05");

        (await admin.DeleteAsync("/api/v1/calendar/days/2026-12-05")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/days?from=2026-12-05&to=2026-12-05"))[0]
            .GetProperty("isWorkingDay").GetBoolean().ShouldBeFalse();
        (await admin.DeleteAsync("/api/v1/calendar/days/2026-12-05")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PutOrDeleteDay_AsNonAdmin_Is403AndChangesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var head = await host.CreateUserAsync("head");
        var client = await host.ClientAsync(head.Login, head.Password);

        var put = await client.PutAsJsonAsync("/api/v1/calendar/days/2026-11-04", new { isWorkingDay = true, name = "Хочу работать" });
        put.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("forbidden");
        (await client.DeleteAsync("/api/v1/calendar/days/2026-11-04")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var day = (await client.GetFromJsonAsync<JsonElement>("/api/v1/calendar/days?from=2026-11-04&to=2026-11-04"))[0];
        day.GetProperty("isWorkingDay").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task PutDay_WithoutIsWorkingDay_Is400()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();

        var response = await admin.PutAsJsonAsync("/api/v1/calendar/days/2026-12-12", new { name = "?" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("isWorkingDay", out _).ShouldBeTrue();
    }

    private static async Task<HttpClient> UserClientAsync(LetopisHost host)
    {
        var user = await host.CreateUserAsync();
        return await host.ClientAsync(user.Login, user.Password);
    }
}
