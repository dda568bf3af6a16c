using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Deals;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Leads.LeadApi;

namespace Letopis.Web.Tests.Leads;

public class LeadsApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithContactData_AnswersTheLeadInTheFirstStageWithItsTimeline(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var source = await ReferenceAsync(client, "ad-sources", "Сайт");
        var stages = await StagesAsync(client);
        var title = Marker("Заявка с сайта ");
        var phone = Phone();
        var mailbox = Marker("Petr");

        var response = await client.PostAsJsonAsync("/api/v1/leads", new
        {
            title,
            sourceId = source,
            contactName = "Пётр Иванов",
            phone = $"8 ({phone[2..5]}) {phone[5..8]}-{phone[8..10]}-{phone[10..]}",
            email = mailbox + "@Example.RU",
            companyName = "ООО «Окна»",
            inn = TestRequisites.Inn10(),
            comment = "Нужны окна в офис",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldStartWith("/api/v1/leads/");
        response.Headers.ETag.ShouldNotBeNull();
        var lead = await response.Content.ReadFromJsonAsync<JsonElement>();
        lead.GetProperty("title").GetString().ShouldBe(title);
        lead.GetProperty("phone").GetString().ShouldBe(phone);
        lead.GetProperty("email").GetString().ShouldBe(mailbox.ToLowerInvariant() + "@example.ru");
        lead.GetProperty("status").GetString().ShouldBe("open");
        lead.GetProperty("stage").GetProperty("id").GetGuid().ShouldBe(stages[0].Id);
        lead.GetProperty("stage").GetProperty("semantic").GetString().ShouldBe("open");
        lead.GetProperty("source").GetProperty("id").GetGuid().ShouldBe(source);
        lead.GetProperty("responsible").GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
        lead.GetProperty("isRepeat").GetBoolean().ShouldBeFalse();
        lead.GetProperty("merged").GetBoolean().ShouldBeFalse();
        lead.GetProperty("version").GetInt32().ShouldBeGreaterThan(0);

        var id = Id(lead);
        var read = await GetAsync(client, id);
        read.GetProperty("companyName").GetString().ShouldBe("ООО «Окна»");
        read.GetProperty("created").GetProperty("dealId").ValueKind.ShouldBe(JsonValueKind.Null);
        read.TryGetProperty("merged", out _).ShouldBeFalse();
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/timeline");
        timeline.GetProperty("items")[0].GetProperty("kind").GetString().ShouldBe("lead_created");
        var transitions = await host.WithDbAsync(db => db.StageTransitions.Where(t => t.EntityId == id).ToListAsync());
        transitions.ShouldHaveSingleItem().FromStageId.ShouldBeNull();
        transitions[0].ToStageId.ShouldBe(stages[0].Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithBadFields_NamesEachFieldAndSavesNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var dealStage = await host.WithDbAsync(db => db.PipelineStages
            .Where(s => db.Pipelines.Any(p => p.Id == s.PipelineId && p.Kind == PipelineKind.Deal)).Select(s => s.Id).FirstAsync());
        var before = await CountAsync(host);

        async Task<JsonElement> Refused(object body)
        {
            var response = await client.PostAsJsonAsync("/api/v1/leads", body);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            return (await ProblemAsync(response)).GetProperty("fieldCodes");
        }

        (await Refused(new { contactName = "Без названия" })).GetProperty("title")[0].GetString().ShouldBe("required");
        var inn = TestRequisites.Inn10();
        var wrongInn = inn[..9] + (char)('0' + ((inn[9] - '0' + 1) % 10));
        (await Refused(new { title = Marker(), inn = wrongInn })).GetProperty("inn")[0].GetString().ShouldBe("checksum");
        (await Refused(new { title = Marker(), inn = "77О7083893" })).GetProperty("inn")[0].GetString().ShouldBe("inn_digits");
        (await Refused(new { title = Marker(), sourceId = Guid.NewGuid() })).GetProperty("sourceId")[0].GetString().ShouldBe("not_found");
        (await Refused(new { title = Marker(), stageId = dealStage })).GetProperty("stageId")[0].GetString().ShouldBe("not_a_lead_stage");
        var many = await Refused(new { title = Marker(), phone = "позвоните", email = "без-собаки.ru" });
        many.GetProperty("phone")[0].GetString().ShouldBe("invalid");
        many.GetProperty("email")[0].GetString().ShouldBe("invalid");
        var stages = await StagesAsync(client);
        (await Refused(new { title = Marker(), stageId = stages[^1].Id })).GetProperty("stageId")[0].GetString().ShouldBe("not_a_lead_stage");

        (await CountAsync(host)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Move_BetweenOpenStages_RecordsTheTransitionAndRefusesTheOutcome(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var stages = await StagesAsync(client);
        var lead = await CreateAsync(client, new { title = Marker() });
        var id = Id(lead);

        var moved = await client.PostAsJsonAsync($"/api/v1/leads/{id}/stage", new { stageId = stages[1].Id, version = lead.GetProperty("version").GetInt32() });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await moved.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("stage").GetProperty("id").GetGuid().ShouldBe(stages[1].Id);
        var transition = await host.WithDbAsync(db => db.StageTransitions.SingleAsync(t => t.EntityId == id && t.ToStageId == stages[1].Id));
        transition.FromStageId.ShouldBe(stages[0].Id);
        transition.SecondsInPrevious.ShouldNotBeNull();
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/timeline");
        timeline.GetProperty("items")[0].GetProperty("kind").GetString().ShouldBe("lead_stage");
        timeline.GetProperty("items")[0].GetProperty("title").GetString()!.ShouldContain(stages[1].Name);

        // The outcome is junk or conversion, never a bare move.
        var outcome = await client.PostAsJsonAsync($"/api/v1/leads/{id}/stage", new { stageId = stages[^1].Id });
        outcome.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ProblemAsync(outcome);
        problem.GetProperty("code").GetString().ShouldBe("outcome_required");
        problem.GetProperty("errors").TryGetProperty("stageId", out _).ShouldBeTrue();
        (await GetAsync(client, id)).GetProperty("stage").GetProperty("id").GetGuid().ShouldBe(stages[1].Id);
        (await TransitionsAsync(host, id)).ShouldBe(2);

        // A stale version is a conflict, and moves nothing.
        var stale = await client.PostAsJsonAsync($"/api/v1/leads/{id}/stage", new { stageId = stages[0].Id, version = 1 });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await TransitionsAsync(host, id)).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Junk_WithAReason_ClosesTheLeadInTheOutcomeAndTwiceConflicts(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var stages = await StagesAsync(client);
        var reason = await ReferenceAsync(client, "junk-reasons", "Спам");
        var lead = await CreateAsync(client, new { title = Marker() });
        var id = Id(lead);

        var nothing = await client.PostAsJsonAsync($"/api/v1/leads/{id}/junk", new { });
        nothing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(nothing)).GetProperty("errors").TryGetProperty("reasonId", out _).ShouldBeTrue();
        var unknown = await client.PostAsJsonAsync($"/api/v1/leads/{id}/junk", new { reasonId = Guid.NewGuid() });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Status(await GetAsync(client, id)).ShouldBe("open");

        var junk = await client.PostAsJsonAsync($"/api/v1/leads/{id}/junk", new { reasonId = reason, reason = "Рассылка" });
        junk.StatusCode.ShouldBe(HttpStatusCode.OK);
        var closed = await GetAsync(client, id);
        Status(closed).ShouldBe(LeadApi.Junk);
        closed.GetProperty("junkReason").GetProperty("id").GetGuid().ShouldBe(reason);
        closed.GetProperty("junkComment").GetString().ShouldBe("Рассылка");
        closed.GetProperty("stage").GetProperty("id").GetGuid().ShouldBe(stages[^1].Id);
        closed.GetProperty("stage").GetProperty("semantic").GetString().ShouldBe("outcome");
        closed.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await TransitionsAsync(host, id)).ShouldBe(2);

        var again = await client.PostAsJsonAsync($"/api/v1/leads/{id}/junk", new { reason = "Ещё раз" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await ProblemAsync(again);
        problem.GetProperty("code").GetString().ShouldBe("lead_closed");
        problem.GetProperty("title").GetString().ShouldNotBe("lead_closed");
        (await GetAsync(client, id)).GetProperty("junkComment").GetString().ShouldBe("Рассылка");
        (await TransitionsAsync(host, id)).ShouldBe(2);

        // The junk lead's fields stay editable; its stage does not.
        var patched = await client.PatchAsJsonAsync($"/api/v1/leads/{id}", new { comment = "Позвонили: спам" });
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        var restage = await client.PatchAsJsonAsync($"/api/v1/leads/{id}", new { stageId = stages[0].Id });
        restage.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Status(await GetAsync(client, id)).ShouldBe(LeadApi.Junk);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reopen_WithoutTheOutcomeRight_IsForbiddenAndWithItClearsTheOutcome(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var stages = await StagesAsync(admin);
        var manager = await host.CreateUserAsync();
        var client = await host.ClientAsync(manager.Login, manager.Password);
        var lead = await CreateAsync(client, new { title = Marker() });
        var id = Id(lead);
        (await client.PostAsJsonAsync($"/api/v1/leads/{id}/junk", new { reason = "Не дозвонились" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await client.PostAsJsonAsync($"/api/v1/leads/{id}/stage", new { stageId = stages[1].Id });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        Status(await GetAsync(client, id)).ShouldBe(LeadApi.Junk);
        (await TransitionsAsync(host, id)).ShouldBe(2);

        var reopened = await admin.PostAsJsonAsync($"/api/v1/leads/{id}/stage", new { stageId = stages[1].Id });
        reopened.StatusCode.ShouldBe(HttpStatusCode.OK);
        var open = await GetAsync(client, id);
        Status(open).ShouldBe("open");
        open.GetProperty("junkComment").ValueKind.ShouldBe(JsonValueKind.Null);
        open.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        open.GetProperty("stage").GetProperty("id").GetGuid().ShouldBe(stages[1].Id);
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/timeline");
        timeline.GetProperty("items")[0].GetProperty("kind").GetString().ShouldBe("lead_reopened");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task HiddenLead_ForAnEmployeeOfAnotherDepartment_DoesNotExist(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var sales = await host.CreateDepartmentAsync("Продажи");
        var legal = await host.CreateDepartmentAsync("Юристы");
        var manager = await host.CreateUserAsync(departmentId: sales);
        var lawyer = await host.CreateUserAsync(departmentId: legal);
        var colleague = await host.CreateUserAsync(departmentId: sales);
        var managerClient = await host.ClientAsync(manager.Login, manager.Password);
        var title = Marker("Тайный ");
        var lead = await CreateAsync(managerClient, new { title });
        var id = Id(lead);
        var stages = await StagesAsync(managerClient);

        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        (await lawyerClient.GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetAsync($"/api/v1/leads/{id}/timeline")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetAsync($"/api/v1/leads/{id}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.PatchAsJsonAsync($"/api/v1/leads/{id}", new { title = "Взлом" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.PostAsJsonAsync($"/api/v1/leads/{id}/stage", new { stageId = stages[1].Id })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.PostAsJsonAsync($"/api/v1/leads/{id}/junk", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.DeleteAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lawyerClient.GetFromJsonAsync<JsonElement>($"/api/v1/leads?q={title}")).GetProperty("total").GetInt32().ShouldBe(0);
        var board = await lawyerClient.GetFromJsonAsync<JsonElement>("/api/v1/leads/board?take=100");
        board.GetProperty("columns").EnumerateArray().SelectMany(c => c.GetProperty("cards").EnumerateArray())
            .Any(c => Id(c) == id).ShouldBeFalse();
        (await GetAsync(managerClient, id)).GetProperty("title").GetString().ShouldBe(title);

        // The department reads it but may not edit or delete someone else's lead (employee: own).
        var colleagueClient = await host.ClientAsync(colleague.Login, colleague.Password);
        (await colleagueClient.GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await colleagueClient.PatchAsJsonAsync($"/api/v1/leads/{id}", new { title = "Моё" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await colleagueClient.DeleteAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await managerClient.DeleteAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await managerClient.GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Patch_WithStaleVersions_RefusesAndRecordsTheHistory(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var lead = await CreateAsync(client, new { title = Marker() });
        var id = Id(lead);
        var version = lead.GetProperty("version").GetInt32();

        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/leads/{id}") { Content = JsonContent.Create(new { title = "Новое название" }) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version + 5}\""));
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await client.PatchAsJsonAsync($"/api/v1/leads/{id}", new { title = "Новое название", version = version + 5 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var ok = await client.PatchAsJsonAsync($"/api/v1/leads/{id}", new { title = "Новое название", version });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32().ShouldBeGreaterThan(version);
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/history");
        history.GetProperty("items").EnumerateArray().Any(h => h.GetProperty("field").GetString() == "title"
            && h.GetProperty("newValue").GetString() == "Новое название").ShouldBeTrue();
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}/timeline");
        timeline.GetProperty("items")[0].GetProperty("kind").GetString().ShouldBe("lead_changed");

        var bad = await client.PatchAsJsonAsync($"/api/v1/leads/{id}", new { title = "", inn = "123" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var codes = (await ProblemAsync(bad)).GetProperty("fieldCodes");
        codes.TryGetProperty("title", out _).ShouldBeTrue();
        codes.GetProperty("inn")[0].GetString().ShouldBe("inn_length");
        (await GetAsync(client, id)).GetProperty("title").GetString().ShouldBe("Новое название");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithTheInnOrPhoneOfAClient_IsRepeatAndNamesTheClientOnlyToThoseWhoSeeIt(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var inn = TestRequisites.Inn10();
        var companyName = Marker("ООО Клиент ");
        var company = await (await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = companyName, inn }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var companyId = Id(company);
        var phone = Phone();
        var contact = await admin.PostAsJsonAsync($"/api/v1/counterparties/{companyId}/contacts", new { fullName = "Анна Петрова", phone });
        contact.StatusCode.ShouldBe(HttpStatusCode.Created);
        var contactId = Id(await contact.Content.ReadFromJsonAsync<JsonElement>());

        var byInn = await CreateAsync(admin, new { title = Marker(), inn });
        byInn.GetProperty("isRepeat").GetBoolean().ShouldBeTrue();
        byInn.GetProperty("repeatCounterparty").GetProperty("id").GetGuid().ShouldBe(companyId);
        byInn.GetProperty("repeatCounterparty").GetProperty("name").GetString().ShouldBe(companyName);

        var byPhone = await CreateAsync(admin, new { title = Marker(), phone });
        byPhone.GetProperty("isRepeat").GetBoolean().ShouldBeTrue();
        byPhone.GetProperty("repeatContact").GetProperty("id").GetGuid().ShouldBe(contactId);
        byPhone.GetProperty("repeatCounterparty").GetProperty("id").GetGuid().ShouldBe(companyId);

        // A changed e-mail or phone is matched again.
        var fresh = await CreateAsync(admin, new { title = Marker(), phone = Phone() });
        fresh.GetProperty("isRepeat").GetBoolean().ShouldBeFalse();
        var patched = await admin.PatchAsJsonAsync($"/api/v1/leads/{Id(fresh)}", new { inn });
        (await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("repeatCounterparty").GetProperty("id").GetGuid().ShouldBe(companyId);
        var repeatOnly = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads?repeat=true&q={inn}");
        repeatOnly.GetProperty("total").GetInt32().ShouldBe(2);

        // An employee who may not see the client learns only that the lead is a repeat one.
        var employee = await host.CreateUserAsync();
        var client = await host.ClientAsync(employee.Login, employee.Password);
        var own = await CreateAsync(client, new { title = Marker(), inn });
        own.GetProperty("isRepeat").GetBoolean().ShouldBeTrue();
        own.GetProperty("repeatCounterparty").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_ByTextAndFilters_FindsTheLeadsNewestFirst(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var manager = await host.CreateUserAsync();
        var client = await host.ClientAsync(manager.Login, manager.Password);
        var marker = Marker("Партия");
        var phone = Phone();
        var email = marker.ToLowerInvariant() + "@example.ru";
        var first = await CreateAsync(client, new { title = marker + " первая", phone });
        var second = await CreateAsync(client, new { title = "Заявка " + marker, email, contactName = "Сергей " + marker });

        var byTitle = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads?q={marker}");
        byTitle.GetProperty("total").GetInt32().ShouldBe(2);
        byTitle.GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(Id(second));
        var byPhone = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads?q={Uri.EscapeDataString("8" + phone[2..])}");
        byPhone.GetProperty("items").EnumerateArray().Select(Id).ShouldBe([Id(first)]);
        var byEmail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads?q={Uri.EscapeDataString(email.ToUpperInvariant())}");
        byEmail.GetProperty("items").EnumerateArray().Select(Id).ShouldBe([Id(second)]);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads?mine=true&status=open&q={marker}")).GetProperty("total").GetInt32().ShouldBe(2);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads?status=junk&q={marker}")).GetProperty("total").GetInt32().ShouldBe(0);
        var stages = await StagesAsync(client);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads?stageId={stages[1].Id}&q={marker}")).GetProperty("total").GetInt32().ShouldBe(0);
        (await client.GetAsync("/api/v1/leads?status=won")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/leads?mine=true")).GetProperty("total").GetInt32().ShouldBe(2);
        var firstStage = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads?stageId={stages[0].Id}");
        firstStage.GetProperty("total").GetInt32().ShouldBe(2);
        firstStage.GetProperty("items").EnumerateArray().Select(Id).ShouldBe([Id(second), Id(first)]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Board_OfOnePerson_CountsTheColumnsAndLoadsMoreByCursor(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var manager = await host.CreateUserAsync();
        var client = await host.ClientAsync(manager.Login, manager.Password);
        var stages = await StagesAsync(client);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ids.Add(Id(await CreateAsync(client, new { title = Marker($"Карточка {i} "), companyName = "Фирма" })));
        (await client.PostAsJsonAsync($"/api/v1/leads/{ids[0]}/stage", new { stageId = stages[1].Id })).EnsureSuccessStatusCode();

        var board = await client.GetFromJsonAsync<JsonElement>("/api/v1/leads/board?mine=true&take=2");
        var columns = board.GetProperty("columns").EnumerateArray().ToList();
        columns.Select(c => c.GetProperty("stage").GetProperty("id").GetGuid()).ShouldBe(stages.Select(s => s.Id));
        columns[0].GetProperty("count").GetInt64().ShouldBe(4);
        columns[1].GetProperty("count").GetInt64().ShouldBe(1);
        var firstCards = columns[0].GetProperty("cards").EnumerateArray().ToList();
        firstCards.Select(Id).ShouldBe([ids[4], ids[3]]);
        firstCards[0].GetProperty("companyName").GetString().ShouldBe("Фирма");
        firstCards[0].GetProperty("responsible").GetProperty("id").GetGuid().ShouldBe(manager.Id);
        var next = columns[0].GetProperty("next").GetString()!;

        var more = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/board/columns/{stages[0].Id}?mine=true&take=2&after={next}");
        more.GetProperty("cards").EnumerateArray().Select(Id).ShouldBe([ids[2], ids[1]]);
        var last = await client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/leads/board/columns/{stages[0].Id}?mine=true&take=2&after={more.GetProperty("next").GetString()}");
        last.GetProperty("cards").GetArrayLength().ShouldBe(0);
        last.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        (await client.GetAsync($"/api/v1/leads/board/columns/{stages[0].Id}?after=garbage")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Board_OfADepartment_MergesItsPeoplesCardsNewestFirst(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var department = await host.CreateDepartmentAsync("Продажи");
        var annaUser = await host.CreateUserAsync(departmentId: department);
        var borisUser = await host.CreateUserAsync(departmentId: department);
        var anna = await host.ClientAsync(annaUser.Login, annaUser.Password);
        var boris = await host.ClientAsync(borisUser.Login, borisUser.Password);
        var reader = await host.CreateUserAsync(departmentId: department);
        var outsider = await host.CreateUserAsync();
        var outsiderLead = await CreateAsync(await host.ClientAsync(outsider.Login, outsider.Password), new { title = Marker() });
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(Id(await CreateAsync(anna, new { title = Marker("Анна ") })));
            ids.Add(Id(await CreateAsync(boris, new { title = Marker("Борис ") })));
        }
        ids.Reverse();
        var client = await host.ClientAsync(reader.Login, reader.Password);

        var board = await client.GetFromJsonAsync<JsonElement>("/api/v1/leads/board?take=4");
        var column = board.GetProperty("columns")[0];
        column.GetProperty("count").GetInt64().ShouldBe(6);
        column.GetProperty("cards").EnumerateArray().Select(Id).ShouldBe(ids.Take(4));
        var stageId = column.GetProperty("stage").GetProperty("id").GetGuid();
        var more = await client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/leads/board/columns/{stageId}?take=4&after={column.GetProperty("next").GetString()}");
        more.GetProperty("cards").EnumerateArray().Select(Id).ShouldBe(ids.Skip(4));
        more.GetProperty("cards").EnumerateArray().Select(Id).ShouldNotContain(Id(outsiderLead));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_ByTitleCompanyOrPhone_FindsTheLeadForItsOwnerOnly(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var sales = await host.CreateDepartmentAsync("Продажи");
        var legal = await host.CreateDepartmentAsync("Юристы");
        var manager = await host.CreateUserAsync(departmentId: sales);
        var lawyer = await host.CreateUserAsync(departmentId: legal);
        var client = await host.ClientAsync(manager.Login, manager.Password);
        // A made-up word of consonants: no stemmer shortens it.
        var word = string.Concat(Enumerable.Range(0, 9).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));
        var phone = Phone();
        var lead = await CreateAsync(client, new { title = $"Окна для {word}", companyName = $"ООО «Рамы {word}»", phone, comment = "Нужен замерщик" });

        async Task<List<(string Entity, Guid Id)>> Hits(HttpClient c, string q) =>
            (await c.GetFromJsonAsync<JsonElement>("/api/v1/search?pageSize=100&q=" + Uri.EscapeDataString(q)))
            .GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("entity").GetString()!, i.GetProperty("id").GetGuid())).ToList();

        (await Hits(client, word)).ShouldContain(("lead", Id(lead)));
        (await Hits(client, $"рамы {word}")).ShouldContain(("lead", Id(lead)));
        (await Hits(client, phone[^7..])).ShouldContain(("lead", Id(lead)));
        var lawyerClient = await host.ClientAsync(lawyer.Login, lawyer.Password);
        (await Hits(lawyerClient, word)).ShouldNotContain(("lead", Id(lead)));

        // A renamed lead is found by its new title.
        var other = string.Concat(Enumerable.Range(0, 9).Select(_ => "бвгджзклмнпрстфхцчшщ"[Random.Shared.Next(20)]));
        (await client.PatchAsJsonAsync($"/api/v1/leads/{Id(lead)}", new { title = $"Двери для {other}" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Hits(client, other)).ShouldContain(("lead", Id(lead)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Create_WithCustomFields_KeepsThemAndRefusesAnUnknownCode(string provider)
    {
        using var host = new LetopisHost(provider);
        var client = await host.AdminAsync();
        (await client.PostAsJsonAsync("/api/v1/custom-fields", new { entity = "lead", code = "budget", label = "Бюджет", type = "number" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await CountAsync(host);

        var unknown = await client.PostAsJsonAsync("/api/v1/leads", new { title = Marker(), customFields = new Dictionary<string, object> { ["nope"] = 1 } });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(unknown)).GetProperty("fieldCodes").TryGetProperty("customFields.nope", out _).ShouldBeTrue();
        (await CountAsync(host)).ShouldBe(before);

        var lead = await CreateAsync(client, new { title = Marker(), customFields = new Dictionary<string, object> { ["budget"] = 150000 } });
        lead.GetProperty("customFields").GetProperty("budget").GetDecimal().ShouldBe(150000m);
        var patched = await client.PatchAsJsonAsync($"/api/v1/leads/{Id(lead)}", new { customFields = new Dictionary<string, object> { ["budget"] = 90000 } });
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetAsync(client, Id(lead))).GetProperty("customFields").GetProperty("budget").GetDecimal().ShouldBe(90000m);
    }
}
