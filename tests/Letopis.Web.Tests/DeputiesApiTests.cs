using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

public class DeputiesApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deputy_ActsForTheAbsentColleague_AndHistoryRecordsBothNames(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var director = await host.CreateUserAsync("admin", fullName: "Соколов Андрей");
        var deputy = await host.CreateUserAsync(fullName: "Белова Ирина");
        var directorClient = await host.ClientAsync(director.Login, director.Password);
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);

        var set = await directorClient.PostAsJsonAsync("/api/v1/deputyships", new
        {
            deputyId = deputy.Id,
            startsOn = today.ToString("yyyy-MM-dd"),
            endsOn = today.AddDays(7).ToString("yyyy-MM-dd"),
            reason = "Командировка",
        });
        set.StatusCode.ShouldBe(HttpStatusCode.Created);

        var deputyClient = await host.ClientAsync(deputy.Login, deputy.Password);
        var me = await deputyClient.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("actingFor")[0].GetProperty("principalId").GetGuid().ShouldBe(director.Id);

        // On her own, the deputy may not create departments; acting for the director she may.
        (await deputyClient.PostAsJsonAsync("/api/v1/departments", new { name = "Филиал " + Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/departments") { Content = JsonContent.Create(new { name = "Филиал в Казани " + Guid.NewGuid() }) };
        create.Headers.Add("X-On-Behalf-Of", director.Id.ToString());
        var created = await deputyClient.SendAsync(create);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var departmentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var history = await directorClient.GetFromJsonAsync<JsonElement>($"/api/v1/departments/{departmentId}/history");
        var change = history.GetProperty("items").EnumerateArray().First(i => i.GetProperty("field").GetString() == "name");
        change.GetProperty("userName").GetString().ShouldBe("Белова Ирина");
        change.GetProperty("onBehalfOfName").GetString().ShouldBe("Соколов Андрей");
    }

    [Fact]
    public async Task Deputyship_OnceOver_NoLongerLetsTheDeputyAct()
    {
        using var host = new LetopisHost(TestDatabases.Sqlite);
        var absent = await host.CreateUserAsync();
        var deputy = await host.CreateUserAsync();
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);
        var absentClient = await host.ClientAsync(absent.Login, absent.Password);
        (await absentClient.PostAsJsonAsync("/api/v1/deputyships", new { deputyId = deputy.Id, startsOn = today, endsOn = today.AddDays(1) })).EnsureSuccessStatusCode();

        host.Clock.Advance(TimeSpan.FromDays(2));

        var deputyClient = await host.ClientAsync(deputy.Login, deputy.Password);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("X-On-Behalf-Of", absent.Id.ToString());
        (await deputyClient.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task AnAbsenceFromTomorrow_LetsTheDeputyActFromMidnightCompanyTime(string provider)
    {
        using var host = new LetopisHost(provider); // the company's zone is Moscow (UTC+3)
        var absent = await host.CreateUserAsync();
        var deputy = await host.CreateUserAsync();
        var absentClient = await host.ClientAsync(absent.Login, absent.Password);
        (await absentClient.PostAsJsonAsync("/api/v1/deputyships", new { deputyId = deputy.Id, startsOn = "2026-11-28", endsOn = "2026-11-30" })).EnsureSuccessStatusCode();

        // 27 November, 20:30 UTC: still the 27th in Moscow, so not yet.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 20, 30, 0, TimeSpan.Zero));
        var deputyClient = await host.ClientAsync(deputy.Login, deputy.Password);
        (await deputyClient.SendAsync(OnBehalfOf(absent.Id))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // 21:30 UTC is 00:30 on the 28th in Moscow: the absence has begun, though the UTC day has not.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 21, 30, 0, TimeSpan.Zero));
        var acting = await deputyClient.SendAsync(OnBehalfOf(absent.Id));
        acting.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await acting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("onBehalfOfId").GetGuid().ShouldBe(absent.Id);
        var me = await deputyClient.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("actingFor")[0].GetProperty("principalId").GetGuid().ShouldBe(absent.Id);
    }

    private static HttpRequestMessage OnBehalfOf(Guid principal)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("X-On-Behalf-Of", principal.ToString());
        return request;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ActingForSomeoneWithoutADeputyship_Is403(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var stranger = await host.CreateUserAsync();
        var other = await host.CreateUserAsync();
        var client = await host.ClientAsync(stranger.Login, stranger.Password);

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("X-On-Behalf-Of", other.Id.ToString());
        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("not_a_deputy");
    }

    [Fact]
    public async Task Deputyship_WithEndBeforeStartOrOverlap_IsRefused()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var absent = await host.CreateUserAsync();
        var deputy = await host.CreateUserAsync();
        var client = await host.ClientAsync(absent.Login, absent.Password);
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);

        var backwards = await client.PostAsJsonAsync("/api/v1/deputyships", new { deputyId = deputy.Id, startsOn = today.AddDays(5), endsOn = today.AddDays(1) });
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes").GetProperty("endsOn")[0].GetString().ShouldBe("end_before_start");

        (await client.PostAsJsonAsync("/api/v1/deputyships", new { deputyId = deputy.Id, startsOn = today, endsOn = today.AddDays(3) })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var overlap = await client.PostAsJsonAsync("/api/v1/deputyships", new { deputyId = deputy.Id, startsOn = today.AddDays(2), endsOn = today.AddDays(9) });
        overlap.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await overlap.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("deputyship_overlaps");
    }

    [Fact]
    public async Task Employee_CannotSetADeputyForSomeoneElse()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var employee = await host.CreateUserAsync();
        var colleague = await host.CreateUserAsync();
        var client = await host.ClientAsync(employee.Login, employee.Password);
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);

        var response = await client.PostAsJsonAsync("/api/v1/deputyships", new { principalId = colleague.Id, deputyId = employee.Id, startsOn = today, endsOn = today });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
