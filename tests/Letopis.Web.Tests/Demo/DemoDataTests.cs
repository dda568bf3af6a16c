using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Demo;
using Letopis.Core.Documents;
using Letopis.Core.Documents.Files;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Web.Tests.Demo;

/// <summary>What a new user notices in the first hour on the demo company: names, requisites, dates, authors, files.</summary>
public class DemoDataTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>The demo host the tests that only read share; its clock is never moved.</summary>
    private static LetopisHost DemoHost(string provider) => DemoHosts.Shared(provider);

    private static LetopisHost Start(string provider, DateTimeOffset? now)
    {
        var host = new LetopisHost(provider, settings: new Dictionary<string, string?> { ["Letopis:Demo"] = "true" });
        if (now is { } at)
            host.Clock.SetUtcNow(at);
        _ = host.Server; // seeds the demo company on start
        return host;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoCompany_LeadsAndDeals_FillEveryStageOfTwoPipelinesWithItemsAndDocuments(string provider)
    {
        var host = DemoHost(provider);
        var admin = await host.AdminAsync();

        var leads = await admin.GetFromJsonAsync<JsonElement>("/api/v1/leads/board");
        leads.GetProperty("columns").EnumerateArray().ShouldAllBe(c => c.GetProperty("count").GetInt64() > 0);
        foreach (var (filter, least) in new[] { ("repeat=true", 3), ("status=junk", 4), ("status=converted", 3), ("status=open", 12) })
            (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/leads?{filter}")).GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(least, filter);

        var pipelines = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipelines?kind=deal")).GetProperty("items").EnumerateArray().ToList();
        pipelines.Select(p => p.GetProperty("name").GetString()).ShouldBe(["Продажи", "Тендеры"]);
        var withItems = 0;
        var withDocuments = 0;
        foreach (var pipeline in pipelines)
        {
            var board = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/deals/board?pipelineId={pipeline.GetProperty("id").GetGuid()}");
            var columns = board.GetProperty("columns").EnumerateArray().ToList();
            columns.ShouldAllBe(c => c.GetProperty("count").GetInt64() > 0, pipeline.GetProperty("name").GetString());
            foreach (var card in columns.SelectMany(c => c.GetProperty("cards").EnumerateArray()))
            {
                var id = card.GetProperty("id").GetGuid();
                var deal = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{id}");
                deal.GetProperty("company").GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
                var items = deal.GetProperty("items").EnumerateArray().ToList();
                if (items.Count > 0)
                {
                    withItems++;
                    deal.GetProperty("amount").GetDecimal().ShouldBe(items.Sum(i => i.GetProperty("amount").GetDecimal()));
                }
                var documents = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/documents?dealId={id}");
                withDocuments += documents.GetProperty("total").GetInt32() > 0 ? 1 : 0;
            }
        }
        withItems.ShouldBeGreaterThanOrEqualTo(4);
        withDocuments.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoCompany_ContactPersons_AllHaveDifferentNamesAndFittingRoles(string provider)
    {
        var host = DemoHost(provider);
        var names = await host.WithDbAsync(db => db.ContactPersons.AsNoTracking().Select(p => p.FullName).ToListAsync());

        names.Count.ShouldBeGreaterThan(300);
        names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        names.ShouldAllBe(n => n.Split(' ', StringSplitOptions.None).Length == 3);
        // The guide's search journey looks for him.
        names.ShouldContain("Орлов Виктор Семёнович");
        // A woman's patronymic ends in «-на», a man's in «-ич»: surnames and patronymics agree.
        names.Where(n => n.EndsWith("на", StringComparison.Ordinal)).ShouldAllBe(n => !n.Split(' ', StringSplitOptions.None)[0].EndsWith("ов", StringComparison.Ordinal));

        // Whoever is «Бухгалтерия» in purchases is the chief accountant, and a director decides.
        var roles = await host.WithDbAsync(db => (
            from v in db.CustomFieldValues
            join f in db.CustomFields on v.FieldId equals f.Id
            join l in db.CounterpartyContacts on v.EntityId equals l.ContactId
            where f.Code == "purchaseRole" && f.Entity == CustomFieldEntities.Contact
            select new { Role = v.StringValue, l.Position }).ToListAsync());
        roles.ShouldNotBeEmpty();
        roles.Where(r => r.Role == "Бухгалтерия").ShouldAllBe(r => r.Position == "Главный бухгалтер" || r.Position == "Консультант");
        roles.Where(r => r.Position == "Генеральный директор").ShouldAllBe(r => r.Role == "Принимает решение");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoCompany_EveryCounterparty_HasValidInnOgrnAndKppOfItsKind(string provider)
    {
        var host = DemoHost(provider);
        var cards = await host.WithDbAsync(db => db.Counterparties.AsNoTracking()
            .Select(c => new { c.Name, c.FullName, c.Kind, c.Inn, c.Kpp, c.Ogrn }).ToListAsync());

        cards.ShouldContain(c => c.Kind == CounterpartyKind.Entrepreneur);
        cards.ShouldContain(c => c.Name.StartsWith("АО «", StringComparison.Ordinal));
        foreach (var card in cards)
        {
            if (card.Kind == CounterpartyKind.Entrepreneur)
            {
                card.Inn.ShouldNotBeNull(card.Name);
                card.Inn.Length.ShouldBe(12, card.Name);
                Requisites.IsValidInn(card.Inn).ShouldBeTrue(card.Name + " " + card.Inn);
                card.Ogrn.ShouldNotBeNull(card.Name);
                Requisites.IsValidOgrnip(card.Ogrn).ShouldBeTrue(card.Name + " " + card.Ogrn);
                card.Kpp.ShouldBeNull(card.Name);
                card.FullName.ShouldStartWith("Индивидуальный предприниматель ");
            }
            else
            {
                card.Inn.ShouldNotBeNull(card.Name);
                card.Inn.Length.ShouldBe(10, card.Name);
                Requisites.IsValidInn(card.Inn).ShouldBeTrue(card.Name + " " + card.Inn);
                card.Ogrn.ShouldNotBeNull(card.Name);
                Requisites.IsValidOgrn(card.Ogrn).ShouldBeTrue(card.Name + " " + card.Ogrn);
                card.Kpp.ShouldNotBeNull(card.Name);
                Requisites.IsValidKpp(card.Kpp).ShouldBeTrue(card.Name + " " + card.Kpp);
                // ИНН and КПП are issued by the same tax office.
                card.Kpp[..4].ShouldBe(card.Inn[..4], card.Name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoCompany_HistoryAndTimeline_HaveAnAuthorAndLieBetweenTheCardsCreationAndNow(string provider)
    {
        var host = DemoHost(provider);
        var now = host.Clock.GetUtcNow().UtcDateTime;

        var events = await host.WithDbAsync(db => (
            from t in db.TimelineEvents.AsNoTracking()
            join c in db.Counterparties on t.CounterpartyId equals c.Id
            select new { t.Kind, t.At, t.UserId, c.CreatedAt, c.Name }).ToListAsync());
        events.ShouldNotBeEmpty();
        events.Where(e => e.UserId == null).Select(e => e.Kind).Distinct().ShouldBeEmpty();
        events.Where(e => e.At > now || e.At < e.CreatedAt).Select(e => $"{e.Name} {e.Kind} at {e.At:O}, card created {e.CreatedAt:O}").ShouldBeEmpty();

        // Document types, journals and the shipped templates come with every installation: their rows are the system's.
        var seeded = await host.WithDbAsync(db => db.ChangeRecords.AsNoTracking()
            .Where(r => r.EntityKind != DocumentType.EntityKind && r.EntityKind != RegistrationJournal.EntityKind
                && r.EntityKind != Letopis.Core.Templates.DocumentTemplate.EntityKind)
            .Select(r => new { r.EntityKind, r.EntityId, r.Field, r.At, r.UserId }).ToListAsync());
        seeded.ShouldNotBeEmpty();
        seeded.Where(r => r.UserId == null).Select(r => r.EntityKind + "." + r.Field).Distinct().ShouldBeEmpty();
        seeded.Where(r => r.At > now).Select(r => r.EntityKind + "." + r.Field).Distinct().ShouldBeEmpty();
        var created = await host.WithDbAsync(async db =>
            (await db.Counterparties.AsNoTracking().Select(c => new { c.Id, c.CreatedAt }).ToListAsync())
            .Concat(await db.Documents.AsNoTracking().Select(d => new { d.Id, d.CreatedAt }).ToListAsync())
            .Concat(await db.ContactPersons.AsNoTracking().Select(p => new { p.Id, p.CreatedAt }).ToListAsync())
            .Concat(await db.Activities.AsNoTracking().Select(a => new { a.Id, a.CreatedAt }).ToListAsync())
            .ToDictionary(x => x.Id, x => x.CreatedAt));
        seeded.Where(r => created.TryGetValue(r.EntityId, out var at) && r.At < at).Select(r => r.EntityKind + "." + r.Field).Distinct().ShouldBeEmpty();

        // What the card shows: an old card's history is dated when it was entered and says who entered it.
        var admin = await host.AdminAsync();
        var oldest = await host.WithDbAsync(db => db.Counterparties.AsNoTracking().OrderBy(c => c.CreatedAt).Select(c => new { c.Id, c.CreatedAt }).FirstAsync());
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{oldest.Id}/history?pageSize=100");
        var rows = history.GetProperty("items").EnumerateArray().ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => !string.IsNullOrEmpty(r.GetProperty("userName").GetString()));
        rows.ShouldAllBe(r => r.GetProperty("at").GetDateTime().ToUniversalTime() == oldest.CreatedAt);
        var timeline = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/counterparties/{oldest.Id}/timeline?pageSize=100");
        timeline.GetProperty("items").EnumerateArray().ShouldAllBe(e => !string.IsNullOrEmpty(e.GetProperty("userName").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoCompany_DocumentsAndTheirFiles_AgreeAndLettersAreNotDrafts(string provider)
    {
        var host = DemoHost(provider);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(host.Clock.GetUtcNow(), Moscow).DateTime);

        var letters = await host.WithDbAsync(db => db.Documents.AsNoTracking()
            .Where(d => db.DocumentTypes.Any(t => t.Id == d.TypeId && t.Code == SeedDocumentTypes.IncomingLetter))
            .Select(d => d.Status).ToListAsync());
        letters.ShouldNotBeEmpty();
        letters.ShouldNotContain(DocumentStatus.Draft);
        var signedDates = await host.WithDbAsync(db => db.Documents.AsNoTracking()
            .Where(d => d.SignedByCounterpartyOn != null).Select(d => d.SignedByCounterpartyOn!.Value).ToListAsync());
        signedDates.ShouldAllBe(d => d <= today);

        var contracts = await host.WithDbAsync(db => (
            from d in db.Documents.AsNoTracking()
            join t in db.DocumentTypes on d.TypeId equals t.Id
            join c in db.Counterparties on d.CounterpartyId equals c.Id
            where t.Code == SeedDocumentTypes.Contract && d.AmountMinor != null
            select new { d.Id, d.Number, d.Title, d.RegisteredOn, d.AmountMinor, Counterparty = c.Name, c.CreatedAt }).ToListAsync());
        contracts.Count.ShouldBe(12);
        var texts = await host.WithDbAsync(db => db.Set<FileTextExtraction>().AsNoTracking().Where(x => x.Text != null)
            .Select(x => new { x.DocumentId, x.Text }).ToListAsync());
        foreach (var contract in contracts)
        {
            // A card does not get a contract older than itself.
            DateOnly.FromDateTime(contract.CreatedAt).ShouldBeLessThan(contract.RegisteredOn, contract.Title);
            var files = texts.Where(x => x.DocumentId == contract.Id).Select(x => x.Text!.Replace('\u00A0', ' ').Replace('\u202F', ' ')).ToList();
            files.Count.ShouldBe(2, contract.Title); // the DOCX to approve and the signed PDF
            var amount = (contract.AmountMinor!.Value / 100m).ToString("N2", Russian).Replace('\u00A0', ' ').Replace('\u202F', ' ') + " руб.";
            amount.ShouldContain(",00 руб.");
            foreach (var text in files)
            {
                text.ShouldContain(contract.Number!);
                text.ShouldContain(contract.RegisteredOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
                text.ShouldContain(contract.Counterparty);
                text.ShouldContain(contract.Title);
                text.ShouldContain(amount);
            }
        }
        var facade = contracts.Single(c => c.Title.StartsWith("Фасадные работы", StringComparison.Ordinal));
        texts.Where(x => x.DocumentId == facade.Id).ShouldAllBe(x => x.Text!.Replace('\u00A0', ' ').Contains("11 500 000,00 руб."));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoCompany_StartedOnASunday_FillsEveryWorkingDayOfTheWeekAndToday(string provider)
    {
        // Sunday 29 November 2026, 10:00 in Moscow: the working week behind, the next one ahead.
        using var host = Start(provider, new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero));
        var petrov = await host.ClientAsync("petrov", SeedDemoCompany.Password);
        var userId = await UserIdAsync(host, "petrov");

        var week = await petrov.GetFromJsonAsync<JsonElement>($"/api/v1/activities?from=2026-11-23&to=2026-12-04&userId={userId}&pageSize=500");
        var days = week.GetProperty("items").EnumerateArray()
            .Select(a => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(a.GetProperty("plannedAt").GetDateTime().ToUniversalTime(), Moscow)))
            .ToHashSet();
        foreach (var day in new[] { 23, 24, 25, 26, 27, 29, 30 }.Select(d => new DateOnly(2026, 11, d)).Append(new DateOnly(2026, 12, 1)))
            days.ShouldContain(day, day.ToString("dddd dd.MM", Russian));
        days.ShouldNotContain(new DateOnly(2026, 11, 28)); // Saturday stays a day off

        // The first agenda he opens, on the Sunday itself, is not empty.
        var agenda = await petrov.GetFromJsonAsync<JsonElement>("/api/v1/agenda");
        agenda.GetProperty("date").GetString().ShouldBe("2026-11-29");
        agenda.GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("count").GetInt32()).ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoCompany_StartedOnAFriday_FillsEveryWorkingDayFromMonday(string provider)
    {
        var host = DemoHost(provider); // Friday 27 November 2026, 09:00 in Moscow
        var ivanova = await host.ClientAsync("ivanova", SeedDemoCompany.Password);
        var userId = await UserIdAsync(host, "ivanova");

        var week = await ivanova.GetFromJsonAsync<JsonElement>($"/api/v1/activities?from=2026-11-23&to=2026-11-27&userId={userId}&pageSize=500");
        var days = week.GetProperty("items").EnumerateArray()
            .Select(a => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(a.GetProperty("plannedAt").GetDateTime().ToUniversalTime(), Moscow)))
            .ToHashSet();
        for (var day = new DateOnly(2026, 11, 23); day <= new DateOnly(2026, 11, 27); day = day.AddDays(1))
            days.ShouldContain(day, day.ToString("dddd dd.MM", Russian));
    }

    private static Task<Guid> UserIdAsync(LetopisHost host, string login) =>
        host.WithDbAsync(db => db.Users.Where(u => u.UserName == login).Select(u => u.Id).SingleAsync());
}
