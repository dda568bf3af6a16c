using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Activities;
using Letopis.Core.Crm;
using Letopis.Core.Deals;
using Letopis.Core.Leads;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.LeadConversion.ConversionArrange;

namespace Letopis.Web.Tests.LeadConversion;

/// <summary>Converting a lead through <c>POST /api/v1/leads/{id}/convert</c>: combinations, links, refusals.</summary>
public class ConvertLeadApiTests
{
    public static TheoryData<string, bool, bool, bool> Combinations()
    {
        var data = new TheoryData<string, bool, bool, bool>();
        foreach (var p in TestDatabases.Providers())
        {
            data.Add(p, true, false, false);
            data.Add(p, false, true, false);
            data.Add(p, false, false, true);
            data.Add(p, true, true, false);
            data.Add(p, false, true, true);
            data.Add(p, true, false, true);
            data.Add(p, true, true, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Convert_AnyCombination_CreatesExactlyTheChosenElementsLinked(string provider, bool contact, bool company, bool deal)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var me = await MeAsync(admin);
        var source = (await (await admin.PostAsJsonAsync("/api/v1/reference/ad-sources", new { name = "Выставка " + Guid.NewGuid().ToString("N")[..6] }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var lead = await LeadAsync(host, me, l => l.SourceId = source);
        var pipelineId = await SalesPipelineAsync(host);
        var before = await CountsAsync(host);

        var body = await OkAsync(await ConvertAsync(admin, lead.Id, new
        {
            createContact = contact,
            createCompany = company,
            createDeal = deal,
            pipelineId = deal ? pipelineId : (Guid?)null,
        }));

        var (contactId, companyId, dealId) = (IdOrNull(body, "contactId"), IdOrNull(body, "companyId"), IdOrNull(body, "dealId"));
        (contactId is not null).ShouldBe(contact);
        (companyId is not null).ShouldBe(company);
        (dealId is not null).ShouldBe(deal);
        var after = await CountsAsync(host);
        after.Companies.ShouldBe(before.Companies + (company ? 1 : 0));
        after.Contacts.ShouldBe(before.Contacts + (contact ? 1 : 0));
        after.Deals.ShouldBe(before.Deals + (deal ? 1 : 0));

        await host.WithDbAsync(async db =>
        {
            if (companyId is { } cp)
            {
                var card = await db.Counterparties.SingleAsync(c => c.Id == cp);
                card.Kind.ShouldBe(CounterpartyKind.Company);
                card.Name.ShouldBe(lead.CompanyName);
                card.Inn.ShouldBe(lead.Inn);
                card.Phone.ShouldBe(lead.Phone);
                card.Email.ShouldBe(lead.Email);
                card.AdSourceId.ShouldBe(source);
                card.ResponsibleId.ShouldBe(me);
                (await db.TimelineEvents.CountAsync(t => t.CounterpartyId == cp && t.Kind == TimelineKinds.LeadConverted)).ShouldBe(1);
            }
            if (contactId is { } person)
            {
                var card = await db.ContactPersons.SingleAsync(c => c.Id == person);
                card.FullName.ShouldBe(lead.ContactName);
                card.Phone.ShouldBe(lead.Phone);
                card.Email.ShouldBe(lead.Email);
                // The contact works for the company made with it, as its main contact.
                var links = await db.CounterpartyContacts.Where(l => l.ContactId == person).ToListAsync();
                if (companyId is { } cp2)
                    links.ShouldHaveSingleItem().ShouldSatisfyAllConditions(l => l.CounterpartyId.ShouldBe(cp2), l => l.IsMain.ShouldBeTrue());
                else
                    links.ShouldBeEmpty();
            }
            if (dealId is { } d)
            {
                var record = await db.Deals.SingleAsync(x => x.Id == d);
                var first = await db.PipelineStages.Where(s => s.PipelineId == pipelineId && s.Semantic == StageSemantic.Open)
                    .OrderBy(s => s.Order).FirstAsync();
                record.Title.ShouldBe(lead.Title);
                record.PipelineId.ShouldBe(pipelineId);
                record.StageId.ShouldBe(first.Id);
                record.CompanyId.ShouldBe(companyId);
                record.SourceId.ShouldBe(source);
                record.LeadId.ShouldBe(lead.Id);
                record.ResponsibleId.ShouldBe(me);
                (await db.DealContacts.Where(c => c.DealId == d).Select(c => (Guid?)c.ContactId).ToListAsync())
                    .ShouldBe(contactId is null ? [] : [contactId]);
                (await db.TimelineEvents.CountAsync(t => t.DealId == d && t.Kind == TimelineKinds.LeadConverted)).ShouldBe(1);
                (await db.StageTotals.Where(t => t.StageId == first.Id && t.ResponsibleId == me).Select(t => t.Count).SingleAsync()).ShouldBeGreaterThan(0);
            }

            var closed = await db.Leads.SingleAsync(l => l.Id == lead.Id);
            closed.Status.ShouldBe(LeadStatus.Converted);
            closed.ContactId.ShouldBe(contactId);
            closed.CompanyId.ShouldBe(companyId);
            closed.DealId.ShouldBe(dealId);
            closed.ClosedById.ShouldBe(me);
            closed.ClosedAt.ShouldNotBeNull();
            var outcome = await db.PipelineStages.SingleAsync(s => s.Id == closed.StageId);
            outcome.Semantic.ShouldBe(StageSemantic.Outcome);
            var move = await db.StageTransitions.SingleAsync(t => t.EntityKind == Lead.EntityKind && t.EntityId == lead.Id);
            move.FromStageId.ShouldBe(lead.StageId);
            move.ToStageId.ShouldBe(outcome.Id);
            move.SecondsInPrevious.ShouldBe(3600);
            (await db.TimelineEvents.CountAsync(t => t.LeadId == lead.Id && t.Kind == TimelineKinds.LeadConverted)).ShouldBe(1);
            return true;
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_WhenCompanyInnMissing_CreatesNothingUntilTheInnIsGiven(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var lead = await LeadAsync(host, await MeAsync(admin), l => l.Inn = null);
        var pipelineId = await SalesPipelineAsync(host);
        var request = new { createContact = true, createCompany = true, createDeal = true, pipelineId };
        var before = await CountsAsync(host);

        var problem = await ProblemAsync(await ConvertAsync(admin, lead.Id, request), HttpStatusCode.UnprocessableEntity, "required_fields_missing");

        var missing = problem.GetProperty("missing").EnumerateArray().ToList();
        var inn = missing.ShouldHaveSingleItem();
        inn.GetProperty("entity").GetString().ShouldBe("company");
        inn.GetProperty("field").GetString().ShouldBe("inn");
        inn.GetProperty("label").GetString().ShouldBe("ИНН");
        (await CountsAsync(host)).ShouldBe(before);
        (await ReadLeadAsync(host, lead.Id)).Status.ShouldBe(LeadStatus.Open);

        // The preview names the same field, so the dialog can ask for it before the first try.
        var preview = await admin.GetFromJsonAsync<JsonElement>(
            $"/api/v1/leads/{lead.Id}/conversion?createContact=true&createCompany=true&createDeal=true&pipelineId={pipelineId}");
        preview.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("field").GetString()).ShouldBe(["inn"]);

        var given = TestRequisites.Inn10();
        var body = await OkAsync(await ConvertAsync(admin, lead.Id, new
        {
            createContact = true,
            createCompany = true,
            createDeal = true,
            pipelineId,
            fields = new { company = new { inn = given } },
        }));
        var companyId = IdOrNull(body, "companyId")!.Value;
        (await host.WithDbAsync(db => db.Counterparties.Where(c => c.Id == companyId).Select(c => c.Inn).SingleAsync())).ShouldBe(given);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{companyId}")).GetProperty("inn").GetString().ShouldBe(given);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_WithWrongInnInFields_Returns400NamingTheFieldAndCreatesNothing(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var lead = await LeadAsync(host, await MeAsync(admin), l => l.Inn = null);
        var before = await CountsAsync(host);

        var problem = await ProblemAsync(await ConvertAsync(admin, lead.Id, new
        {
            createCompany = true,
            createContact = true,
            fields = new { company = new { inn = "7707083894" } },
        }), HttpStatusCode.BadRequest, "validation_failed");

        problem.GetProperty("errors").GetProperty("fields.company.inn").GetArrayLength().ShouldBe(1);
        (await CountsAsync(host)).ShouldBe(before);
        (await ReadLeadAsync(host, lead.Id)).Status.ShouldBe(LeadStatus.Open);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_WithNothingChosenOrWithoutAPipeline_Returns400AndCreatesNothing(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var lead = await LeadAsync(host, await MeAsync(admin));
        var before = await CountsAsync(host);

        var nothing = await ProblemAsync(await ConvertAsync(admin, lead.Id, new { createContact = false, createCompany = false, createDeal = false }),
            HttpStatusCode.BadRequest, "validation_failed");
        nothing.GetProperty("errors").GetProperty("createContact")[0].GetString().ShouldBe("Выберите, что создать из лида");

        var noPipeline = await ProblemAsync(await ConvertAsync(admin, lead.Id, new { createDeal = true, createContact = true }),
            HttpStatusCode.BadRequest, "validation_failed");
        noPipeline.GetProperty("errors").TryGetProperty("pipelineId", out _).ShouldBeTrue();

        foreach (var wrong in new[] { Guid.NewGuid(), await LeadPipelineAsync(host) })
        {
            var unknown = await ProblemAsync(await ConvertAsync(admin, lead.Id, new { createDeal = true, pipelineId = wrong }),
                HttpStatusCode.BadRequest, "validation_failed");
            unknown.GetProperty("errors").TryGetProperty("pipelineId", out _).ShouldBeTrue();
        }
        (await CountsAsync(host)).ShouldBe(before);
        (await ReadLeadAsync(host, lead.Id)).Status.ShouldBe(LeadStatus.Open);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_AConvertedOrJunkLead_Returns409LeadClosedAndCreatesNothing(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var me = await MeAsync(admin);
        var lead = await LeadAsync(host, me);
        await OkAsync(await ConvertAsync(admin, lead.Id, new { createContact = true, createCompany = true }));
        var junk = await LeadAsync(host, me, l => l.Status = LeadStatus.Junk);
        var before = await CountsAsync(host);

        var again = await ProblemAsync(await ConvertAsync(admin, lead.Id, new { createContact = true, createCompany = true }),
            HttpStatusCode.Conflict, "lead_closed");
        again.GetProperty("detail").GetString().ShouldBe("Лид уже сконвертирован.");
        var closed = await ProblemAsync(await ConvertAsync(admin, junk.Id, new { createContact = true }), HttpStatusCode.Conflict, "lead_closed");
        closed.GetProperty("detail").GetString().ShouldBe("Лид закрыт как некачественный.");
        (await CountsAsync(host)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_WhenTheCompanyOrContactExists_OffersThemAndLinksThemInsteadOfDuplicates(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var inn = TestRequisites.Inn10();
        var phone = Phone();
        var existing = await (await admin.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name = "ООО «Старый клиент»", inn }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var companyId = existing.GetProperty("id").GetGuid();
        var person = await (await admin.PostAsJsonAsync($"/api/v1/counterparties/{companyId}/contacts", new { fullName = "Орлов Пётр Ильич", phone }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var contactId = person.GetProperty("id").GetGuid();
        var lead = await LeadAsync(host, await MeAsync(admin), l => (l.Inn, l.Phone) = (inn, phone));
        var pipelineId = await SalesPipelineAsync(host);
        var before = await CountsAsync(host);

        var duplicates = await ProblemAsync(await ConvertAsync(admin, lead.Id, new { createContact = true, createCompany = true, createDeal = true, pipelineId }),
            HttpStatusCode.Conflict, "duplicates_found");
        duplicates.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        duplicates.GetProperty("matches").GetProperty("companies").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldBe([companyId]);
        duplicates.GetProperty("matches").GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldBe([contactId]);
        (await CountsAsync(host)).ShouldBe(before);
        var preview = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead.Id}/conversion?createDeal=true&pipelineId={pipelineId}");
        preview.GetProperty("matches").GetProperty("companies")[0].GetProperty("inn").GetString().ShouldBe(inn);
        preview.GetProperty("matches").GetProperty("contacts")[0].GetProperty("fullName").GetString().ShouldBe("Орлов Пётр Ильич");

        var body = await OkAsync(await ConvertAsync(admin, lead.Id, new { companyId, contactId, createDeal = true, pipelineId }));

        IdOrNull(body, "companyId").ShouldBe(companyId);
        IdOrNull(body, "contactId").ShouldBe(contactId);
        var dealId = IdOrNull(body, "dealId")!.Value;
        var after = await CountsAsync(host);
        (after.Companies, after.Contacts, after.Deals).ShouldBe((before.Companies, before.Contacts, before.Deals + 1));
        await host.WithDbAsync(async db =>
        {
            (await db.Deals.SingleAsync(d => d.Id == dealId)).CompanyId.ShouldBe(companyId);
            (await db.DealContacts.SingleAsync(c => c.DealId == dealId)).ContactId.ShouldBe(contactId);
            (await db.CounterpartyContacts.CountAsync(l => l.CounterpartyId == companyId)).ShouldBe(1);
            return true;
        });
        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{companyId}/timeline");
        timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ShouldContain("lead_converted");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_ANewContactOfAnExistingCompany_JoinsThatCompany(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var companyId = (await (await admin.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name = "ООО «Давний»", inn = TestRequisites.Inn10() }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var lead = await LeadAsync(host, await MeAsync(admin));

        var body = await OkAsync(await ConvertAsync(admin, lead.Id, new { companyId, createContact = true }));

        var contactId = IdOrNull(body, "contactId")!.Value;
        IdOrNull(body, "companyId").ShouldBe(companyId);
        var contacts = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{companyId}/contacts");
        contacts.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldBe([contactId]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_ARepeatLead_OnlyMakesADealOfItsClient(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var companyId = (await (await admin.PostAsJsonAsync("/api/v1/counterparties", new { kind = "company", name = "ООО «Постоянный»", inn = TestRequisites.Inn10() }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var contactId = (await (await admin.PostAsJsonAsync($"/api/v1/counterparties/{companyId}/contacts", new { fullName = "Белова Ирина Олеговна" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var lead = await LeadAsync(host, await MeAsync(admin), l => (l.RepeatCounterpartyId, l.RepeatContactId) = (companyId, contactId));
        var pipelineId = await SalesPipelineAsync(host);
        var before = await CountsAsync(host);

        var refused = await ProblemAsync(await ConvertAsync(admin, lead.Id, new { createCompany = true, createContact = true, createDeal = true, pipelineId }),
            HttpStatusCode.BadRequest, "repeat_lead");
        refused.GetProperty("detail").GetString()!.ShouldNotBeNullOrWhiteSpace();
        refused.GetProperty("errors").TryGetProperty("createCompany", out _).ShouldBeTrue();
        (await CountsAsync(host)).ShouldBe(before);
        var preview = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead.Id}/conversion?createDeal=true&pipelineId={pipelineId}");
        preview.GetProperty("repeat").GetProperty("companyId").GetGuid().ShouldBe(companyId);

        var body = await OkAsync(await ConvertAsync(admin, lead.Id, new { createDeal = true, pipelineId }));

        var dealId = IdOrNull(body, "dealId")!.Value;
        IdOrNull(body, "companyId").ShouldBe(companyId);
        IdOrNull(body, "contactId").ShouldBe(contactId);
        await host.WithDbAsync(async db =>
        {
            (await db.Deals.SingleAsync(d => d.Id == dealId)).CompanyId.ShouldBe(companyId);
            (await db.DealContacts.SingleAsync(c => c.DealId == dealId)).ContactId.ShouldBe(contactId);
            return true;
        });
        var after = await CountsAsync(host);
        (after.Companies, after.Contacts, after.Deals).ShouldBe((before.Companies, before.Contacts, before.Deals + 1));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_CompletesTheLeadsActivitiesAndKeepsThemAndItsNotesInSightOfTheNewRecords(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var me = await MeAsync(admin);
        var lead = await LeadAsync(host, me);
        var activityId = await PlannedActivityAsync(host, lead.Id, me);
        var pipelineId = await SalesPipelineAsync(host);

        var body = await OkAsync(await ConvertAsync(admin, lead.Id, new { createContact = true, createCompany = true, createDeal = true, pipelineId }));

        var (contactId, companyId, dealId) = (IdOrNull(body, "contactId"), IdOrNull(body, "companyId"), IdOrNull(body, "dealId"));
        await host.WithDbAsync(async db =>
        {
            var activity = await db.Activities.SingleAsync(a => a.Id == activityId);
            activity.Status.ShouldBe(ActivityStatus.Done);
            activity.CompletedAt.ShouldNotBeNull();
            activity.CounterpartyId.ShouldBe(companyId);
            activity.ContactId.ShouldBe(contactId);
            activity.DealId.ShouldBe(dealId);
            var note = await db.TimelineEvents.SingleAsync(t => t.LeadId == lead.Id && t.Kind == TimelineKinds.Note);
            note.CounterpartyId.ShouldBe(companyId);
            note.DealId.ShouldBe(dealId);
            return true;
        });
        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{companyId}/timeline");
        var kinds = timeline.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        kinds.ShouldContain("note");
        kinds.ShouldContain("lead_converted");
        kinds.ShouldContain("contact_added");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_ALeadTheCallerCannotSee_Returns404AndCreatesNothing(string provider)
    {
        var host = await HostAsync(provider);
        var admin = await host.AdminAsync();
        var stranger = await host.CreateUserAsync(departmentId: await host.CreateDepartmentAsync("Склад"));
        var client = await host.ClientAsync(stranger.Login, stranger.Password);
        var lead = await LeadAsync(host, await MeAsync(admin));
        var before = await CountsAsync(host);

        await ProblemAsync(await ConvertAsync(client, lead.Id, new { createContact = true, createCompany = true }), HttpStatusCode.NotFound, "not_found");
        (await client.GetAsync($"/api/v1/leads/{lead.Id}/conversion?createContact=true")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await CountsAsync(host)).ShouldBe(before);
        (await ReadLeadAsync(host, lead.Id)).Status.ShouldBe(LeadStatus.Open);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Convert_AColleaguesLeadWithoutTheRightToEditIt_Returns403AndCreatesNothing(string provider)
    {
        var host = await HostAsync(provider);
        var department = await host.CreateDepartmentAsync("Продажи");
        var owner = await host.CreateUserAsync(departmentId: department);
        var colleague = await host.CreateUserAsync(departmentId: department);
        var client = await host.ClientAsync(colleague.Login, colleague.Password);
        var lead = await LeadAsync(host, owner.Id);
        var before = await CountsAsync(host);

        // An employee sees the department's leads but edits only their own.
        await ProblemAsync(await ConvertAsync(client, lead.Id, new { createContact = true, createCompany = true }), HttpStatusCode.Forbidden, "forbidden");

        (await CountsAsync(host)).ShouldBe(before);
        (await ReadLeadAsync(host, lead.Id)).Status.ShouldBe(LeadStatus.Open);
        var mine = await LeadAsync(host, colleague.Id);
        var pipelineId = await SalesPipelineAsync(host);
        var body = await OkAsync(await ConvertAsync(client, mine.Id, new { createContact = true, createCompany = true, createDeal = true, pipelineId }));
        IdOrNull(body, "dealId").ShouldNotBeNull();
    }
}
