using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class ActivitiesJourneyTests(LetopisServer server)
{
    [Fact]
    public async Task Head_PlansACallForEmployee_EmployeeDialsCompletesAndPlansFollowUp_CardShowsBoth()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var company = $"ООО «Бетонный двор {suffix}»";
        var topic = $"Согласовать график поставки бетона {suffix}";
        var followUpTopic = $"Подтвердить оплату счёта {suffix}";

        // The client and its contact person exist already; the head's part of the journey is the planning.
        var counterpartyId = await CreateCounterpartyAsync("petrov", company, "Лазарев Станислав Петрович", "8 917 555-44-33");

        // The head plans a call for an employee of his department from the client's card.
        var head = await server.NewPageAsync();
        await head.SignInAsync("petrov", LetopisServer.DemoPassword);
        await head.WaitForSelectorAsync("[data-testid=agenda-title] >> text=Контакты");
        await head.GoAsync($"/counterparties/{counterpartyId}");
        await head.ClickAsync("[data-testid=card-plan]");
        await head.WaitForSelectorAsync("[data-testid=plan-dialog]");
        // The contact person is preselected: the card's main (only) one.
        await Assertions.Expect(head.Field("plan-contact")).ToHaveValueAsync("Лазарев Станислав Петрович");
        await head.PickAsync("plan-assignee", "Иванова Мария Александровна");
        // The pick re-renders the dialog; typing before that render lands could be overwritten by it.
        await Assertions.Expect(head.Field("plan-assignee")).ToHaveValueAsync("Иванова Мария Александровна");
        await head.Field("plan-subject").FillAsync(topic);
        await Assertions.Expect(head.Field("plan-subject")).ToHaveValueAsync(topic);
        await Text(head, "plan-description").FillAsync("Уточнить объёмы B25 на декабрь; предложить скидку 3 % при предоплате.");
        await head.ShotAsync(server, "activity-plan");
        // The form proposes the next working hour, which on an evening or a weekend is another day.
        var plannedDay = DateOnly.ParseExact(await head.Field("plan-date").InputValueAsync(), "dd.MM.yyyy");
        await head.ClickAsync("[data-testid=plan-save]");
        await head.WaitForSelectorAsync("[data-testid=plan-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await head.WaitForSelectorAsync($"[data-testid=timeline-item] >> text=Запланировано: {topic}");

        // The employee lands on «Контакты» and sees the call in today's «Звонки» with what is needed to dial.
        var employee = await server.NewPageAsync();
        await employee.SignInAsync("ivanova", LetopisServer.DemoPassword);
        await employee.GoAsync($"/?date={plannedDay:yyyy-MM-dd}");
        var call = employee.Locator("[data-testid=agenda-group][data-kind=call] [data-testid=activity-item]", new PageLocatorOptions { HasText = topic });
        await Assertions.Expect(call).ToHaveCountAsync(1);
        (await employee.InnerTextAsync("[data-testid=agenda-group][data-kind=call] [data-testid=agenda-group-title]")).ShouldStartWith("Звонки (");
        (await call.Locator("[data-testid=activity-phone]").GetAttributeAsync("href")).ShouldBe("tel:+79175554433");
        (await call.Locator("[data-testid=activity-phone]").InnerTextAsync()).ShouldContain("+7 917 555-44-33");
        (await call.Locator("[data-testid=activity-contact]").InnerTextAsync()).ShouldContain("Лазарев Станислав Петрович");
        (await call.Locator("[data-testid=activity-counterparty]").InnerTextAsync()).ShouldBe(company);
        (await call.Locator("[data-testid=activity-description]").InnerTextAsync()).ShouldContain("скидку 3 %");
        (await call.Locator("[data-testid=activity-planned-by]").InnerTextAsync()).ShouldContain("Петров С. Н.");
        await employee.ShotAsync(server, "agenda");

        // She completes it with a result and plans the follow-up in the same step.
        await call.Locator("[data-testid=activity-complete]").ClickAsync();
        await employee.WaitForSelectorAsync("[data-testid=complete-dialog]");
        await Text(employee, "complete-result").FillAsync("Договорились о пробной поставке 60 м³ в среду; скидку согласуют после первой оплаты.");
        await Text(employee, "complete-next-step").FillAsync("Выставить счёт и проконтролировать оплату");
        await employee.ClickAsync("[data-testid=complete-follow-up]");
        await employee.WaitForSelectorAsync("[data-testid=follow-up-form]");
        // The follow-up comes prefilled: the same client and person, assigned to her.
        await Assertions.Expect(employee.Field("followup-contact")).ToHaveValueAsync("Лазарев Станислав Петрович");
        await Assertions.Expect(employee.Field("followup-counterparty")).ToHaveValueAsync(company);
        await employee.Field("followup-subject").FillAsync(followUpTopic);
        await employee.ShotAsync(server, "activity-complete");
        await employee.ClickAsync("[data-testid=complete-save]");
        await employee.WaitForSelectorAsync("[data-testid=complete-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await employee.WaitForSelectorAsync(".mud-snackbar >> text=Результат записан");
        // Done, it stays on today's list, struck through, with its next step.
        await Assertions.Expect(call).ToHaveCountAsync(1);
        await Assertions.Expect(call).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdone\\b"));
        await Assertions.Expect(call.Locator("[data-testid=activity-next-step]")).ToContainTextAsync("Выставить счёт и проконтролировать оплату");

        // The month shows the same activities: the call done today.
        await employee.ClickAsync("[data-testid=agenda-view-month]");
        await employee.WaitForSelectorAsync($"[data-testid=activity-calendar] [data-testid=calendar-entry] >> text={topic}");
        await employee.ShotAsync(server, "agenda-month");
        await employee.ClickAsync("[data-testid=agenda-view-week]");
        await employee.WaitForSelectorAsync($"[data-testid=activity-calendar][data-view=week] [data-testid=calendar-entry] >> text={topic}");
        await employee.ShotAsync(server, "agenda-week");

        // The client's card: its timeline shows the done call with its result and the planned follow-up.
        await employee.GoAsync($"/counterparties/{counterpartyId}");
        var done = employee.Locator("[data-testid=timeline-item]", new PageLocatorOptions { HasText = $"Выполнено: {topic}" });
        await Assertions.Expect(done).ToHaveCountAsync(1);
        (await done.InnerTextAsync()).ShouldContain("Договорились о пробной поставке 60 м³");
        await Assertions.Expect(employee.Locator("[data-testid=timeline-item]", new PageLocatorOptions { HasText = $"Запланировано: {followUpTopic}" })).ToHaveCountAsync(1);
        await employee.ShotAsync(server, "counterparty-timeline-activities");

        await employee.ClickAsync(".mud-tab >> text=Контакты");
        await employee.WaitForSelectorAsync($"[data-testid=card-activities-planned] >> text={followUpTopic}");
        await employee.WaitForSelectorAsync($"[data-testid=card-activities-done] >> text={topic}");
        await employee.ShotAsync(server, "counterparty-activities");

        // The follow-up's page: who planned it, and a dated note of the chronicle.
        await employee.ClickAsync($"[data-testid=card-activities-planned] [data-testid=activity-open] >> text={followUpTopic}");
        await employee.WaitForURLAsync(url => url.Contains("/activities/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await employee.WaitForSelectorAsync($"[data-testid=activity-subject] >> text={followUpTopic}");
        (await employee.InnerTextAsync("[data-testid=activity-planned-by]")).ShouldContain("Иванова Мария Александровна");
        await Text(employee, "activity-note-text").FillAsync("КП на рассмотрении у технического директора, ответ обещали до пятницы");
        await employee.ClickAsync("[data-testid=activity-note-add]");
        await employee.WaitForSelectorAsync("[data-testid=activity-note] >> text=КП на рассмотрении у технического директора");
        await employee.ShotAsync(server, "activity-page");
    }

    /// <summary>A multi-line MudTextField's textarea (or a single-line one's input).</summary>
    private static ILocator Text(IPage page, string testId) =>
        page.Locator($"textarea[data-testid={testId}], [data-testid={testId}] textarea, input[data-testid={testId}], [data-testid={testId}] input").First;

    private async Task<Guid> CreateCounterpartyAsync(string login, string name, string contact, string phone)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { login, password = LetopisServer.DemoPassword });
        token.EnsureSuccessStatusCode();
        var access = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var created = await http.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name, phone = "8 843 200-10-10" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await http.PostAsJsonAsync($"/api/v1/counterparties/{id}/contacts", new { fullName = contact, position = "Начальник снабжения", phone }))
            .EnsureSuccessStatusCode();
        return id;
    }
}
