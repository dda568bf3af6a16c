using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Notifications;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Crm;

public class MergeCounterpartiesApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Merge_MovesEverythingOfTheDuplicate_AndDeletesIt(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var survivor = await CardDataApiTests.CounterpartyAsync(client, "ООО «Гранитстрой»");
        var duplicate = await CardDataApiTests.CounterpartyAsync(client, "Гранитстрой");
        (await client.PatchAsJsonAsync($"/api/v1/counterparties/{survivor}", new { phone = "+7 495 111-22-33" })).EnsureSuccessStatusCode();
        (await client.PatchAsJsonAsync($"/api/v1/counterparties/{duplicate}", new
        {
            phone = "+7 495 999-88-77",
            email = "info@granitstroy.ru",
            actualAddress = "г. Москва, Промышленная ул., д. 3",
        })).EnsureSuccessStatusCode();

        // A person at both cards, a person only at the duplicate, a note, an account and a reminder of the duplicate.
        var shared = (await (await client.PostAsJsonAsync($"/api/v1/counterparties/{survivor}/contacts", new { fullName = "Общий Олег" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await client.PostAsJsonAsync($"/api/v1/counterparties/{duplicate}/contacts/link", new { contactId = shared, isMain = true })).EnsureSuccessStatusCode();
        var onlyDuplicate = (await (await client.PostAsJsonAsync($"/api/v1/counterparties/{duplicate}/contacts", new { fullName = "Дублев Денис" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await client.PostAsJsonAsync($"/api/v1/counterparties/{duplicate}/notes", new { text = "Заметка из дубля" })).EnsureSuccessStatusCode();
        var accountNumber = TestBankRequisites.Account();
        (await client.PostAsJsonAsync($"/api/v1/counterparties/{duplicate}/bank-accounts", new
        {
            bik = TestBankRequisites.Bik,
            bankName = "ПАО Сбербанк",
            account = accountNumber,
        })).EnsureSuccessStatusCode();
        var me = (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();
        var reminderId = await host.WithDbAsync(async db =>
        {
            var reminder = new Reminder
            {
                UserId = me,
                DueAt = DateTime.UtcNow.AddYears(5),
                Title = "Позвонить",
                EntityKind = "counterparty",
                EntityId = duplicate,
                Link = $"/counterparties/{duplicate}",
                CreatedAt = DateTime.UtcNow,
            };
            db.Reminders.Add(reminder);
            await db.SaveChangesAsync();
            return reminder.Id;
        });

        var response = await client.PostAsJsonAsync($"/api/v1/counterparties/{survivor}/merge", new { duplicateId = duplicate, takeFields = new[] { "phone" } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var card = await response.Content.ReadFromJsonAsync<JsonElement>();
        card.GetProperty("phone").GetString().ShouldBe("+74959998877");
        card.GetProperty("email").GetString().ShouldBe("info@granitstroy.ru");
        card.GetProperty("actualAddress").GetString().ShouldBe("г. Москва, Промышленная ул., д. 3");
        card.GetProperty("name").GetString()!.ShouldStartWith("ООО «Гранитстрой»");
        (await client.GetAsync($"/api/v1/counterparties/{duplicate}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var contacts = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{survivor}/contacts")).GetProperty("items").EnumerateArray().ToList();
        contacts.Select(c => c.GetProperty("id").GetGuid()).Order().ShouldBe(new[] { shared, onlyDuplicate }.Order());
        contacts.Count(c => c.GetProperty("isMain").GetBoolean()).ShouldBe(1);

        var timeline = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{survivor}/timeline")).GetProperty("items").EnumerateArray().ToList();
        timeline.ShouldContain(t => t.GetProperty("kind").GetString() == "note" && t.GetProperty("text").GetString() == "Заметка из дубля");
        timeline.ShouldContain(t => t.GetProperty("kind").GetString() == "merged");

        var history = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{survivor}/history?pageSize=500")).GetProperty("items").EnumerateArray().ToList();
        history.ShouldContain(h => h.GetProperty("field").GetString() == "actualAddress" && h.GetProperty("newValue").GetString() == "г. Москва, Промышленная ул., д. 3");
        history.ShouldContain(h => h.GetProperty("field").GetString() == "mergedWith");
        history.ShouldContain(h => h.GetProperty("field").GetString() == "email" && h.GetProperty("oldValue").ValueKind == JsonValueKind.Null);

        var accounts = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{survivor}/bank-accounts")).GetProperty("items").EnumerateArray().ToList();
        accounts.Single().GetProperty("account").GetString().ShouldBe(accountNumber);

        await host.WithDbAsync(async db =>
        {
            var reminder = await db.Reminders.SingleAsync(r => r.Id == reminderId);
            reminder.EntityId.ShouldBe(survivor);
            reminder.Link.ShouldBe($"/counterparties/{survivor}");
            (await db.ChangeRecords.CountAsync(c => c.EntityKind == "counterparty" && c.EntityId == duplicate && c.Operation != Letopis.Core.History.ChangeOperation.Deleted)).ShouldBe(0);
            (await db.TimelineEvents.CountAsync(t => t.CounterpartyId == duplicate)).ShouldBe(0);
            return 0;
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Merge_WithAHiddenOrOwnCard_IsRefused(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var company = await host.CreateDepartmentAsync("Компания");
        var sales = await host.CreateDepartmentAsync("Продажи", company);
        var legal = await host.CreateDepartmentAsync("Юристы", company);
        var manager = await host.CreateUserAsync(departmentId: sales);
        var colleague = await host.CreateUserAsync(departmentId: sales);
        var lawyer = await host.CreateUserAsync(departmentId: legal);
        var managerClient = await host.ClientAsync(manager.Login, manager.Password);
        var mine = await CardDataApiTests.CounterpartyAsync(managerClient, "ООО «Моё»");
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        var hidden = await CardDataApiTests.CounterpartyAsync(lawyerClient, "ООО «Чужое»");
        var colleagueClient = await host.ClientAsync(colleague.Login, colleague.Password);
        var colleagues = await CardDataApiTests.CounterpartyAsync(colleagueClient, "ООО «Коллеги»");

        (await managerClient.PostAsJsonAsync($"/api/v1/counterparties/{mine}/merge", new { duplicateId = hidden }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.PostAsJsonAsync($"/api/v1/counterparties/{mine}/merge", new { duplicateId = hidden }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Visible but not the manager's to delete.
        (await managerClient.PostAsJsonAsync($"/api/v1/counterparties/{mine}/merge", new { duplicateId = colleagues }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var self = await managerClient.PostAsJsonAsync($"/api/v1/counterparties/{mine}/merge", new { duplicateId = mine });
        self.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await self.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("duplicateId", out _).ShouldBeTrue();

        (await lawyerClient.GetAsync($"/api/v1/counterparties/{hidden}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await colleagueClient.GetAsync($"/api/v1/counterparties/{colleagues}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
