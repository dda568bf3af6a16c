using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.TestKit;

namespace Letopis.Web.Tests;

/// <summary>An employee's position, and deputies arranged by the people responsible for them.</summary>
public class UserPositionAndDeputiesTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Users_PositionGivenAndChanged_IsShownAndKeptInHistory(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var login = "pos" + Guid.NewGuid().ToString("N")[..8];

        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            login,
            password = "Secret-pass-1",
            fullName = "Зайцева Ольга Игоревна",
            position = "  Менеджер по продажам ",
            roles = new[] { "employee" },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        user.GetProperty("position").GetString().ShouldBe("Менеджер по продажам");
        var id = user.GetProperty("id").GetGuid();

        var patched = await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { position = "Старший менеджер" });
        patched.StatusCode.ShouldBe(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var tooLong = await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { position = new string('я', 301) });

        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("position", out _).ShouldBeTrue();
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{id}")).GetProperty("position").GetString().ShouldBe("Старший менеджер");
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{id}/history");
        var change = history.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("field").GetString() == "position" && i.GetProperty("operation").GetString() == "updated");
        change.GetProperty("oldValue").GetString().ShouldBe("Менеджер по продажам");
        change.GetProperty("newValue").GetString().ShouldBe("Старший менеджер");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deputies_HeadArrangesAndEndsThemForTheirPeople_OthersMayNot(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var head = await host.CreateUserAsync("head", fullName: "Орлова Марина Сергеевна");
        var sales = await host.CreateDepartmentAsync("Продажи " + Guid.NewGuid().ToString("N")[..6], headId: head.Id);
        var employee = await host.CreateUserAsync(departmentId: sales, fullName: "Кузнецов Павел Андреевич");
        var colleague = await host.CreateUserAsync(departmentId: sales, fullName: "Лебедева Анна Викторовна");
        var outsider = await host.CreateUserAsync("head", fullName: "Фомин Олег Игоревич");
        var headClient = await host.ClientAsync(head.Login, head.Password);
        var outsiderClient = await host.ClientAsync(outsider.Login, outsider.Password);
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);
        var body = new { principalId = employee.Id, deputyId = colleague.Id, startsOn = today.ToString("yyyy-MM-dd"), endsOn = today.AddDays(6).ToString("yyyy-MM-dd"), reason = "Отпуск" };

        (await outsiderClient.PostAsJsonAsync("/api/v1/deputyships", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var set = await headClient.PostAsJsonAsync("/api/v1/deputyships", body);
        set.StatusCode.ShouldBe(HttpStatusCode.Created, await set.Content.ReadAsStringAsync());
        var id = (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var managed = await headClient.GetFromJsonAsync<JsonElement>("/api/v1/deputyships?managed=true");
        managed.EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ShouldContain(id);
        (await outsiderClient.GetFromJsonAsync<JsonElement>("/api/v1/deputyships?managed=true")).EnumerateArray()
            .ShouldNotContain(d => d.GetProperty("id").GetGuid() == id);
        (await outsiderClient.DeleteAsync($"/api/v1/deputyships/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await headClient.DeleteAsync($"/api/v1/deputyships/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var admin = await host.AdminAsync();
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{employee.Id}/history");
        var changes = history.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("field").GetString() == "deputy").ToList();
        changes.Count.ShouldBe(2);
        changes.ShouldAllBe(c => c.GetProperty("userId").GetGuid() == head.Id);
        var period = $"Лебедева Анна Викторовна, {today:dd.MM.yyyy} – {today.AddDays(6):dd.MM.yyyy}";
        changes.ShouldContain(c => c.GetProperty("newValue").GetString() == period);
        changes.ShouldContain(c => c.GetProperty("oldValue").GetString() == period && c.GetProperty("newValue").ValueKind == JsonValueKind.Null);
    }
}
