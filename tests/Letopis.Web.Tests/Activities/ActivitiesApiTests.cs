using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Activities;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Activities;

public class ActivitiesApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Agenda_GroupsTheDayByKind_WithYesterdaysForgottenCallOnTop(string provider)
    {
        var s = await ActivityScenario.CreateAsync(await LetopisHost.SharedAsync(provider));
        var later = await s.PlanAsync(s.EmployeeClient, s.Call(@in: TimeSpan.FromHours(3), subject: "Обсудить скидку"));
        var sooner = await s.PlanAsync(s.EmployeeClient, s.Call(@in: TimeSpan.FromHours(1), subject: "Согласовать спецификацию"));
        await s.PlanAsync(s.EmployeeClient, new
        {
            kind = "meeting",
            subject = "Встреча на объекте",
            plannedAt = s.Now + TimeSpan.FromHours(4),
            durationMinutes = 90,
            place = "Москва, ул. Строителей, 5",
            counterpartyId = s.CounterpartyId,
        });
        await s.PlanAsync(s.EmployeeClient, s.Call(@in: TimeSpan.FromDays(1), subject: "Завтрашний звонок"));
        // Yesterday's call that nobody made: planning in the past is refused, so it is put there directly.
        var forgotten = await s.Host.WithDbAsync(async db =>
        {
            var a = new Activity
            {
                Kind = ActivityKind.Call,
                Subject = "Вчерашний звонок",
                PlannedAt = s.Now.UtcDateTime.AddDays(-1),
                AssigneeId = s.Employee.Id,
                PlannedById = s.Employee.Id,
                CounterpartyId = s.CounterpartyId,
                CreatedAt = s.Now.UtcDateTime.AddDays(-2),
            };
            db.Activities.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });

        var agenda = await s.EmployeeClient.GetFromJsonAsync<JsonElement>("/api/v1/agenda");

        agenda.GetProperty("date").GetString().ShouldBe(s.Now.UtcDateTime.ToString("yyyy-MM-dd"));
        var groups = agenda.GetProperty("groups").EnumerateArray().ToList();
        groups.Select(g => g.GetProperty("kind").GetString()).ShouldBe(["call", "meeting"]);
        var calls = groups[0];
        calls.GetProperty("count").GetInt32().ShouldBe(3);
        calls.GetProperty("overdueCount").GetInt32().ShouldBe(1);
        var items = calls.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetGuid()).ShouldBe([forgotten, sooner.GetProperty("id").GetGuid(), later.GetProperty("id").GetGuid()]);
        items[0].GetProperty("overdue").GetBoolean().ShouldBeTrue();
        items[1].GetProperty("overdue").GetBoolean().ShouldBeFalse();
        // What the calls group shows inline, so the user can dial without opening anything.
        items[1].GetProperty("phone").GetString().ShouldBe("+79165551234");
        items[1].GetProperty("phoneFormatted").GetString().ShouldBe("+7 916 555-12-34");
        items[1].GetProperty("contactName").GetString().ShouldBe("Миронов Сергей Петрович");
        items[1].GetProperty("description").GetString().ShouldBe("Уточнить объёмы арматуры и сроки поставки");
        // Without a contact person the counterparty's own number is the one to dial.
        items[0].GetProperty("phone").GetString().ShouldBe("+74951234567");
        groups[1].GetProperty("count").GetInt32().ShouldBe(1);
        groups[1].GetProperty("items")[0].GetProperty("place").GetString().ShouldBe("Москва, ул. Строителей, 5");

        var tomorrow = await s.EmployeeClient.GetFromJsonAsync<JsonElement>(
            $"/api/v1/agenda?date={s.Now.UtcDateTime.AddDays(1):yyyy-MM-dd}");
        tomorrow.GetProperty("groups")[0].GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("subject").GetString()).ShouldBe(["Завтрашний звонок"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Plan_ForAnEmployee_AllowedForTheirHeadAndRefusedForAPeer(string provider)
    {
        var s = await ActivityScenario.CreateAsync(await LetopisHost.SharedAsync(provider));

        var byHead = await s.PlanAsync(s.HeadClient, s.Call(assigneeId: s.Employee.Id));
        var refused = await s.PeerClient.PostAsJsonAsync("/api/v1/activities", s.Call(assigneeId: s.Employee.Id, subject: "От коллеги"));

        var seen = await s.EmployeeClient.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{byHead.GetProperty("id").GetGuid()}");
        seen.GetProperty("assigneeId").GetGuid().ShouldBe(s.Employee.Id);
        seen.GetProperty("plannedById").GetGuid().ShouldBe(s.Head.Id);
        seen.GetProperty("plannedByName").GetString().ShouldBe("Орлова Марина Сергеевна");

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("fieldCodes").GetProperty("assigneeId")[0].GetString().ShouldBe(ActivityErrors.OutsideAuthority);
        problem.GetProperty("errors").GetProperty("assigneeId")[0].GetString()!.ShouldContain("вне вашего подчинения");
        (await s.CountActivitiesAsync(s.Employee.Id)).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Activity_OfAnotherDepartment_IsNotFoundForItsEmployee_ButItsResultIsVisibleToTheHead(string provider)
    {
        var s = await ActivityScenario.CreateAsync(await LetopisHost.SharedAsync(provider));
        var id = (await s.PlanAsync(s.EmployeeClient, s.Call())).GetProperty("id").GetGuid();
        (await s.EmployeeClient.PostAsJsonAsync($"/api/v1/activities/{id}/complete", new { result = "Спецификацию согласовали" })).EnsureSuccessStatusCode();

        (await s.OutsiderClient.GetAsync($"/api/v1/activities/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await s.OutsiderClient.GetAsync($"/api/v1/activities/{id}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await s.OutsiderClient.PostAsJsonAsync($"/api/v1/activities/{id}/notes", new { text = "Чужая заметка" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var outsiderList = await s.OutsiderClient.GetFromJsonAsync<JsonElement>($"/api/v1/activities?userId={s.Employee.Id}");
        outsiderList.GetProperty("total").GetInt32().ShouldBe(0);

        var byHead = await s.HeadClient.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}");
        byHead.GetProperty("result").GetString().ShouldBe("Спецификацию согласовали");
        byHead.GetProperty("status").GetString().ShouldBe("done");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Plan_WithBadInput_NamesTheFieldAndWritesNothing(string provider)
    {
        var s = await ActivityScenario.CreateAsync(await LetopisHost.SharedAsync(provider));
        var otherCounterparty = await ActivityScenario.CreatedAsync(await s.OutsiderClient.PostAsJsonAsync("/api/v1/counterparties",
            new { name = "Чужой клиент " + Guid.NewGuid().ToString("N")[..6] }));
        var mine = await ActivityScenario.CreatedAsync(await s.EmployeeClient.PostAsJsonAsync("/api/v1/counterparties",
            new { name = "Удалённый клиент " + Guid.NewGuid().ToString("N")[..6] }));
        var deletedId = mine.GetProperty("id").GetGuid();
        await s.Host.WithDbAsync(db => db.Counterparties.Where(c => c.Id == deletedId).ExecuteDeleteAsync());
        var secondClient = await ActivityScenario.CreatedAsync(await s.EmployeeClient.PostAsJsonAsync("/api/v1/counterparties",
            new { name = "Другой клиент " + Guid.NewGuid().ToString("N")[..6] }));
        var start = s.Now + TimeSpan.FromHours(2);

        (string Field, string Code, object Body)[] cases =
        [
            ("plannedAt", ActivityErrors.InPast, new { kind = "call", subject = "В прошлом", plannedAt = s.Now - TimeSpan.FromHours(1) }),
            ("endsAt", "end_before_start", new { kind = "meeting", subject = "Наоборот", plannedAt = start, endsAt = start - TimeSpan.FromMinutes(30) }),
            ("durationMinutes", "end_before_start", new { kind = "meeting", subject = "Ноль минут", plannedAt = start, durationMinutes = 0 }),
            ("counterpartyId", "not_found", new { kind = "call", subject = "Удалённый", plannedAt = start, counterpartyId = deletedId }),
            ("counterpartyId", "not_found", new { kind = "call", subject = "Скрытый", plannedAt = start, counterpartyId = otherCounterparty.GetProperty("id").GetGuid() }),
            ("counterpartyId", "not_found", new { kind = "call", subject = "Неизвестный", plannedAt = start, counterpartyId = Guid.NewGuid() }),
            ("contactId", ActivityErrors.ContactNotLinked, new { kind = "call", subject = "Не тот", plannedAt = start, counterpartyId = secondClient.GetProperty("id").GetGuid(), contactId = s.ContactId }),
            ("assigneeId", ActivityErrors.OutsideAuthority, new { kind = "call", subject = "Чужому", plannedAt = start, assigneeId = s.Outsider.Id }),
            ("assigneeId", "not_found", new { kind = "call", subject = "Никому", plannedAt = start, assigneeId = Guid.NewGuid() }),
            ("kind", "invalid", new { kind = "telegram", subject = "Неизвестный вид", plannedAt = start }),
            ("subject", "required", new { kind = "call", subject = " ", plannedAt = start }),
            ("remindBeforeMinutes", ActivityErrors.OutOfRange, new { kind = "call", subject = "Напомнить заранее", plannedAt = start, remindBeforeMinutes = -5 }),
        ];
        foreach (var (field, code, body) in cases)
        {
            var response = await s.EmployeeClient.PostAsJsonAsync("/api/v1/activities", body);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{field} {code}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("fieldCodes").GetProperty(field).EnumerateArray().Select(c => c.GetString()).ShouldContain(code, $"{field}: {problem}");
            problem.GetProperty("errors").GetProperty(field)[0].GetString().ShouldNotBe(code);
        }

        (await s.CountActivitiesAsync(s.Employee.Id)).ShouldBe(0);
        (await s.CountActivitiesAsync(s.Outsider.Id)).ShouldBe(0);
        // A few minutes late is still «now»: the form was filled in a minute ago.
        await s.PlanAsync(s.EmployeeClient, new { kind = "call", subject = "Только что", plannedAt = s.Now - TimeSpan.FromMinutes(2) });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Complete_Twice_IsAConflictAndKeepsTheFirstResult(string provider)
    {
        var s = await ActivityScenario.CreateAsync(await LetopisHost.SharedAsync(provider));
        var id = (await s.PlanAsync(s.EmployeeClient, s.Call())).GetProperty("id").GetGuid();

        var first = await s.EmployeeClient.PostAsJsonAsync($"/api/v1/activities/{id}/complete",
            new { result = "Спецификацию согласовали, ждут счёт", nextStep = "Выставить счёт" });
        var second = await s.EmployeeClient.PostAsJsonAsync($"/api/v1/activities/{id}/complete", new { result = "Перезаписать" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var done = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activity");
        done.GetProperty("status").GetString().ShouldBe("done");
        done.GetProperty("completedByName").GetString().ShouldBe("Кузнецов Павел Андреевич");
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe(ActivityErrors.NotPlanned);
        problem.GetProperty("title").GetString().ShouldBe("Дело уже выполнено или отменено");
        var now = await s.EmployeeClient.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}");
        now.GetProperty("result").GetString().ShouldBe("Спецификацию согласовали, ждут счёт");
        now.GetProperty("version").GetInt32().ShouldBe(done.GetProperty("version").GetInt32());
        // Without a result there is nothing to record.
        var another = (await s.PlanAsync(s.EmployeeClient, s.Call())).GetProperty("id").GetGuid();
        var empty = await s.EmployeeClient.PostAsJsonAsync($"/api/v1/activities/{another}/complete", new { result = "" });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes").GetProperty("result")[0].GetString().ShouldBe("required");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Complete_WithFollowUp_PlansTheNextCallInTheSameStep_OrNothingWhenTheFollowUpIsBad(string provider)
    {
        var s = await ActivityScenario.CreateAsync(await LetopisHost.SharedAsync(provider));
        var id = (await s.PlanAsync(s.EmployeeClient, s.Call())).GetProperty("id").GetGuid();

        var bad = await s.EmployeeClient.PostAsJsonAsync($"/api/v1/activities/{id}/complete", new
        {
            result = "Договорились созвониться",
            followUp = new { kind = "call", subject = "Перезвонить", plannedAt = s.Now - TimeSpan.FromDays(1) },
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fieldCodes").GetProperty("followUp.plannedAt")[0].GetString()
            .ShouldBe(ActivityErrors.InPast);
        (await s.EmployeeClient.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}")).GetProperty("status").GetString().ShouldBe("planned");
        (await s.CountActivitiesAsync(s.Employee.Id)).ShouldBe(1);

        var ok = await s.EmployeeClient.PostAsJsonAsync($"/api/v1/activities/{id}/complete", new
        {
            result = "Договорились созвониться",
            nextStep = "Отправить КП",
            followUp = new { kind = "call", subject = "Узнать решение по КП", plannedAt = s.Now + TimeSpan.FromDays(3) },
        });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        var followUp = body.GetProperty("followUp");
        followUp.GetProperty("followUpOfId").GetGuid().ShouldBe(id);
        followUp.GetProperty("counterpartyId").GetGuid().ShouldBe(s.CounterpartyId);
        followUp.GetProperty("contactId").GetGuid().ShouldBe(s.ContactId);
        followUp.GetProperty("assigneeId").GetGuid().ShouldBe(s.Employee.Id);
        followUp.GetProperty("status").GetString().ShouldBe("planned");
        body.GetProperty("activity").GetProperty("nextStep").GetString().ShouldBe("Отправить КП");
        var list = await s.EmployeeClient.GetFromJsonAsync<JsonElement>($"/api/v1/activities?counterpartyId={s.CounterpartyId}&status=planned");
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()).ShouldBe(["Узнать решение по КП"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Patch_MovesWithVersionChecks_AndACancelledActivityTakesNoMoreChanges(string provider)
    {
        var s = await ActivityScenario.CreateAsync(await LetopisHost.SharedAsync(provider));
        var planned = await s.PlanAsync(s.EmployeeClient, s.Call());
        var id = planned.GetProperty("id").GetGuid();
        var version = planned.GetProperty("version").GetInt32();
        var later = s.Now + TimeSpan.FromDays(1);

        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/activities/{id}") { Content = JsonContent.Create(new { plannedAt = later }) };
        stale.Headers.IfMatch.ParseAdd($"\"{version + 5}\"");
        (await s.EmployeeClient.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await s.EmployeeClient.PatchAsJsonAsync($"/api/v1/activities/{id}", new { plannedAt = later, version = version + 5 }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var past = await s.EmployeeClient.PatchAsJsonAsync($"/api/v1/activities/{id}", new { plannedAt = s.Now - TimeSpan.FromDays(1) });
        past.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var moved = await s.EmployeeClient.PatchAsJsonAsync($"/api/v1/activities/{id}", new { plannedAt = later, version });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await moved.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("plannedAt").GetDateTimeOffset().ShouldBe(later);
        body.GetProperty("version").GetInt32().ShouldBe(version + 1);

        (await s.EmployeeClient.PostAsJsonAsync($"/api/v1/activities/{id}/cancel", new { reason = "Клиент сам позвонил" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await s.EmployeeClient.PatchAsJsonAsync($"/api/v1/activities/{id}", new { subject = "Поздно" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe(ActivityErrors.NotPlanned);
        var history = await s.EmployeeClient.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}/history");
        history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("field").GetString()).ShouldContain("plannedAt");
        history.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("field").GetString() == "status"
            && i.GetProperty("newValue").GetString() == "Cancelled");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Timeline_OfTheCounterparty_ShowsPlannedMovedNotedAndDoneActivities(string provider)
    {
        var s = await ActivityScenario.CreateAsync(await LetopisHost.SharedAsync(provider));
        var planned = await s.PlanAsync(s.EmployeeClient, s.Call(subject: "Обсудить КП"));
        var id = planned.GetProperty("id").GetGuid();
        (await s.EmployeeClient.PatchAsJsonAsync($"/api/v1/activities/{id}", new { plannedAt = s.Now + TimeSpan.FromHours(5) })).EnsureSuccessStatusCode();
        var note = await ActivityScenario.CreatedAsync(await s.EmployeeClient.PostAsJsonAsync($"/api/v1/activities/{id}/notes",
            new { text = "КП на рассмотрении у главного инженера" }));
        (await s.EmployeeClient.PostAsJsonAsync($"/api/v1/activities/{id}/complete", new { result = "КП принято, ждём договор" })).EnsureSuccessStatusCode();

        note.GetProperty("userName").GetString().ShouldBe("Кузнецов Павел Андреевич");
        var notes = await s.EmployeeClient.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}/notes");
        notes.GetProperty("items")[0].GetProperty("text").GetString().ShouldBe("КП на рассмотрении у главного инженера");
        var timeline = await s.EmployeeClient.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{s.CounterpartyId}/timeline");
        var entries = timeline.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("entityKind").GetString() == "activity").ToList();
        // The clock stands still in tests, so the entries share one moment: find them by kind.
        entries.Select(e => e.GetProperty("kind").GetString()).ShouldBe(["activity_done", "activity_note", "activity_moved", "activity_planned"], ignoreOrder: true);
        entries.ShouldAllBe(e => e.GetProperty("entityId").GetGuid() == id);
        JsonElement Of(string kind) => entries.Single(e => e.GetProperty("kind").GetString() == kind);
        Of("activity_done").GetProperty("title").GetString().ShouldBe("Выполнено: Обсудить КП");
        Of("activity_done").GetProperty("text").GetString()!.ShouldContain("КП принято, ждём договор");
        Of("activity_note").GetProperty("text").GetString()!.ShouldContain("КП на рассмотрении у главного инженера");
        Of("activity_planned").GetProperty("title").GetString().ShouldBe("Запланировано: Обсудить КП");
        Of("activity_planned").GetProperty("userName").GetString().ShouldBe("Кузнецов Павел Андреевич");

        var english = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/counterparties/{s.CounterpartyId}/timeline");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = await (await s.EmployeeClient.SendAsync(english)).Content.ReadFromJsonAsync<JsonElement>();
        inEnglish.GetProperty("items").EnumerateArray().First(e => e.GetProperty("kind").GetString() == "activity_moved")
            .GetProperty("title").GetString().ShouldBe("Moved: Обсудить КП");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Timeline_OfACardTheReaderHolds_NamesNoActivityTheReaderCannotOpen(string provider)
    {
        var s = await ActivityScenario.CreateAsync(await LetopisHost.SharedAsync(provider));
        var id = (await s.PlanAsync(s.EmployeeClient, s.Call(subject: "Скидка 15% для Гарант-Строй"))).GetProperty("id").GetGuid();
        (await s.EmployeeClient.PostAsJsonAsync($"/api/v1/activities/{id}/complete", new { result = "Согласились на 12%" })).EnsureSuccessStatusCode();
        // The card passes to a manager of another department, who now sees it but not the sales call on it.
        var admin = await s.Host.AdminAsync();
        (await admin.PatchAsJsonAsync($"/api/v1/counterparties/{s.CounterpartyId}", new { responsibleId = s.Outsider.Id })).EnsureSuccessStatusCode();
        (await s.OutsiderClient.GetAsync($"/api/v1/activities/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var timeline = await s.OutsiderClient.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{s.CounterpartyId}/timeline");

        var items = timeline.GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotContain(e => e.GetProperty("entityKind").GetString() == "activity");
        timeline.GetRawText().ShouldNotContain("Скидка 15%");
        timeline.GetProperty("total").GetInt32().ShouldBe(items.Count);
        var byHead = await s.HeadClient.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}");
        byHead.GetProperty("subject").GetString().ShouldBe("Скидка 15% для Гарант-Строй");
        var adminTimeline = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{s.CounterpartyId}/timeline");
        adminTimeline.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("entityId").ValueKind == JsonValueKind.String
            && e.GetProperty("entityId").GetGuid() == id).ShouldBe(2);
    }
}
