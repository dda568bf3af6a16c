using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

/// <summary>A server of its own whose clock the journey moves: run after the shared server's journeys, alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PaperServerCollection : ICollectionFixture<LetopisServer>
{
    public const string Name = "paper-server";
}

[Collection(PaperServerCollection.Name)]
public class PaperJourneyTests(LetopisServer server)
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    [Fact]
    public async Task Original_HandedToALawyerUntilTomorrow_IsOverdueTwoDaysLater_AndBackInItsFolderOnReturn()
    {
        var suffix = Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var title = $"Хранение спецтехники на складе, СХ-{suffix}";
        const string folderName = "Папка «Договоры хранения»";

        // The archive tree (the demo company's office and archive, a folder of our own) and a contract.
        Guid documentId;
        string path;
        using (var admin = await AdminAsync())
        {
            var existing = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/storage-places")).EnumerateArray()
                .ToDictionary(p => p.GetProperty("path").GetString()!, p => p.GetProperty("id").GetGuid());
            Guid? parent = null;
            var names = new List<string>();
            foreach (var name in new[] { "Офис", "Архив", "Шкаф 1", folderName })
            {
                names.Add(name);
                if (existing.TryGetValue(string.Join(" / ", names), out var id))
                {
                    parent = id;
                    continue;
                }
                var place = await admin.PostAsJsonAsync("/api/v1/storage-places", new { name, parentId = parent });
                place.IsSuccessStatusCode.ShouldBeTrue(await place.Content.ReadAsStringAsync());
                parent = (await place.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            }
            path = string.Join(" / ", names);
            var counterparty = await admin.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name = $"ООО «Техсклад-{suffix}»" });
            counterparty.IsSuccessStatusCode.ShouldBeTrue(await counterparty.Content.ReadAsStringAsync());
            var counterpartyId = (await counterparty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var created = await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title, counterpartyId });
            created.IsSuccessStatusCode.ShouldBeTrue(await created.Content.ReadAsStringAsync());
            documentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        // The office records the signed original in the archive folder from the card.
        var office = await server.NewPageAsync();
        await office.SignInAsync("admin", LetopisServer.AdminPassword);
        await office.GoAsync($"/documents/{documentId}");
        await Assertions.Expect(office.Locator("[data-testid=paper-original]")).ToHaveTextAsync("Оригинал не учтён");
        await office.ClickAsync("[data-testid=paper-record]");
        await office.WaitForSelectorAsync("[data-testid=paper-dialog]");
        await PickAsync(office, "paper-place", "Договоры хранения", "storage-place-item", path);
        await office.ClickAsync("[data-testid=paper-dialog-save]");
        await office.WaitForSelectorAsync("[data-testid=paper-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await Assertions.Expect(office.Locator("[data-testid=paper-original]")).ToHaveTextAsync($"Оригинал: {path}");

        // It is handed to the lawyer until tomorrow.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Moscow).DateTime);
        var tomorrow = today.AddDays(1);
        await office.ClickAsync("[data-testid=paper-hand-out]");
        await office.WaitForSelectorAsync("[data-testid=paper-dialog]");
        await PickAsync(office, "paper-holder", "Лебедев", "user-picker-item", "Лебедев Константин Юрьевич");
        await office.Field("paper-due-back").FillAsync(tomorrow.ToString("dd.MM.yyyy"));
        await office.Field("paper-due-back").PressAsync("Tab");
        await office.Field("paper-purpose").FillAsync("Претензионная работа");
        await office.ClickAsync("[data-testid=paper-dialog-save]");
        await office.WaitForSelectorAsync("[data-testid=paper-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await Assertions.Expect(office.Locator("[data-testid=paper-original]")).ToHaveTextAsync($"Оригинал у Лебедева К. Ю. до {tomorrow:dd.MM.yyyy}");
        await Assertions.Expect(office.Locator("[data-testid=paper-original]")).ToHaveAttributeAsync("data-overdue", "false");

        // Two days later the return is overdue: the server starts again with its clock moved on.
        await office.Context.CloseAsync();
        await server.RestartAsync(TimeSpan.FromDays(2));

        // The lawyer gets the overdue notice: the reminders engine fires it within its poll interval.
        using (var api = await server.ApiAsync("lebedev"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            // The day-before reminder fires in the same run and also names the document: wait for the overdue notice itself.
            while ((await api.GetStringAsync("/api/v1/notifications")) is var json
                && !(json.Contains(title, StringComparison.Ordinal) && json.Contains("Просрочен возврат", StringComparison.Ordinal)))
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline, "No overdue notice reached the holder:\n" + server.Log());
                await Task.Delay(1000);
            }
        }
        var lawyer = await server.NewPageAsync();
        await lawyer.SignInAsync("lebedev", LetopisServer.DemoPassword);
        await lawyer.ClickAsync("[data-testid=bell-button]");
        // The reminder of the day before fired in the same run: the bell holds both; the overdue notice is the one asked for.
        var notice = lawyer.Locator("[data-testid=bell-item]", new PageLocatorOptions { HasText = title })
            .Filter(new LocatorFilterOptions { HasText = "Просрочен возврат" });
        await Assertions.Expect(notice).ToHaveCountAsync(1);
        await lawyer.Context.CloseAsync();

        // The office sees it in the overdue list of /paper, with the lawyer's department counted.
        office = await server.NewPageAsync();
        await office.SignInAsync("admin", LetopisServer.AdminPassword);
        await office.GoAsync("/paper?overdue=true");
        var row = office.Locator("[data-testid=paper-out-row]", new PageLocatorOptions { HasText = title });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-overdue", "yes");
        await Assertions.Expect(office.Locator("[data-testid=paper-count-overdue]")).Not.ToHaveAttributeAsync("data-count", "0");
        await Assertions.Expect(office.Locator("[data-testid=paper-department-row][data-department='Юридический отдел'] [data-testid=paper-department-overdue]"))
            .Not.ToHaveTextAsync("0");
        await office.ShotAsync(server, "paper-overdue");

        // The card says the same; the lawyer brings the original back and it lies in its folder again.
        await row.Locator("[data-testid=paper-out-document]").ClickAsync();
        await office.WaitForURLAsync(url => url.Contains($"/documents/{documentId}", StringComparison.Ordinal));
        await Assertions.Expect(office.Locator("[data-testid=paper-original]")).ToHaveAttributeAsync("data-overdue", "true");
        await Assertions.Expect(office.Locator("[data-testid=paper-original]")).ToContainTextAsync("(просрочен)");
        await office.ClickAsync("[data-testid=paper-return]");
        await office.WaitForSelectorAsync("[data-testid=paper-dialog]");
        await office.ClickAsync("[data-testid=paper-dialog-save]");
        await office.WaitForSelectorAsync("[data-testid=paper-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await Assertions.Expect(office.Locator("[data-testid=paper-original]")).ToHaveTextAsync($"Оригинал: {path}");
        await office.ClickAsync("[data-testid=paper-movements-panel] .mud-expand-panel-header");
        await Assertions.Expect(office.Locator("[data-testid=paper-movement]")).ToHaveCountAsync(3);
        await Assertions.Expect(office.Locator("[data-testid=paper-movement][data-kind=handed_out] [data-testid=paper-movement-details]"))
            .ToContainTextAsync("Лебедев К. Ю.");
        await office.ShotAsync(server, "paper-card");
    }

    /// <summary>Types into an autocomplete and takes the suggestion with this text.</summary>
    private static async Task PickAsync(IPage page, string testId, string typed, string itemTestId, string option)
    {
        await page.Field(testId).FillAsync(typed);
        await page.Locator($".mud-popover-open [data-testid={itemTestId}]", new PageLocatorOptions { HasText = option }).First.ClickAsync();
        await Assertions.Expect(page.Field(testId)).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(option)));
    }

    private async Task<HttpClient> AdminAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { login = "admin", password = LetopisServer.AdminPassword });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return http;
    }
}
