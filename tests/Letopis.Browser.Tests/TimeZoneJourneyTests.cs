using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

/// <summary>
/// A sales manager moves to the Novosibirsk branch: she picks its zone in her profile, and the same
/// call on her agenda now reads four hours later. The server process itself runs in UTC.
/// </summary>
[Collection(ServerCollection.Name)]
public class TimeZoneJourneyTests(LetopisServer server)
{
    [Fact]
    public async Task Employee_ChoosesNovosibirskInHerProfile_AgendaShowsTheCallOnNovosibirskTime()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = "kuznetsova", password = LetopisServer.DemoPassword });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);
        var subject = "Созвон с филиалом " + Guid.NewGuid().ToString("N")[..6];
        (await http.PostAsJsonAsync("/api/v1/activities", new
        {
            kind = "call",
            subject,
            plannedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero),
        })).EnsureSuccessStatusCode();
        var agenda = $"/?date={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

        try
        {
            var page = await server.NewPageAsync();
            await page.SignInAsync("kuznetsova", LetopisServer.DemoPassword);
            await page.GoAsync(agenda);
            var time = page.Locator("[data-testid=activity-item]", new PageLocatorOptions { HasText = subject }).Locator(".activity-time");
            // The company's zone (Moscow) until she chooses her own.
            await Assertions.Expect(time).ToHaveTextAsync("14:00");

            await page.GoAsync("/profile");
            await page.Locator("[data-testid=profile-timezone]").First.ClickAsync();
            var novosibirsk = page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "Новосибирск, UTC+7" });
            await novosibirsk.First.WaitForAsync();
            await page.ShotAsync(server, "profile-timezone");
            await novosibirsk.First.ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(page.Field("profile-timezone")).ToHaveValueAsync("Новосибирск, UTC+7");
            await page.ClickAsync("[data-testid=profile-save]");
            await page.WaitForSelectorAsync(".mud-snackbar >> text=Сохранено");

            await page.GoAsync(agenda);
            await Assertions.Expect(time).ToHaveTextAsync("18:00");
        }
        finally
        {
            // The shared demo server goes on with her in the company's zone.
            (await http.PatchAsJsonAsync("/api/v1/me", new { timeZone = (string?)null })).EnsureSuccessStatusCode();
        }
    }
}
