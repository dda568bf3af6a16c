using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Bunit;
using Letopis.Core.Crm;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.Counterparties;
using Letopis.Web.Tests.DocumentFiles;

namespace Letopis.Web.Tests.Components;

/// <summary>
/// The counterparty card: a summary above the tabs (how to reach them, who they are, the next and the
/// last contact), and a timeline whose repeated entries collapse, whose entries link to their
/// records, that filters by kind and never shows an entry without an author.
/// </summary>
public sealed class CounterpartyCardTimelineUiTests : HostedComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private sealed record Arranged(LetopisHost Host, Guid Counterparty, Guid Document, Guid Next, Guid Done, string Tag, string Inn);

    private async Task<Arranged> ArrangeAsync(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var manager = await host.CreateUserAsync(fullName: $"Котова Ирина {tag}");
        var inn = TestRequisites.Inn10();
        var counterparty = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new
        {
            kind = "company",
            name = $"ООО «Сводка-{tag}»",
            inn,
            kpp = "773601001",
            phone = "8 (495) 111-22-33",
            email = $"office{tag}@example.ru",
            responsibleId = manager.Id,
        }));
        var document = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = "contract", title = "Договор на смету", counterpartyId = counterparty }));
        for (var i = 1; i <= 3; i++)
        {
            (await FileTestKit.UploadAsync(admin, $"/api/v1/documents/{document}/files", FileTestKit.RandomBytes(64, i), $"смета-{i}.pdf"))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        var now = host.Clock.GetUtcNow();
        var done = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/activities", new { kind = "call", subject = $"Первый звонок {tag}", plannedAt = now.AddHours(1), counterpartyId = counterparty }));
        (await admin.PostAsJsonAsync($"/api/v1/activities/{done}/complete", new { result = "Интересуются щебнем" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var later = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/activities", new { kind = "meeting", subject = $"Встреча на объекте {tag}", plannedAt = now.AddDays(3), durationMinutes = 60, counterpartyId = counterparty }));
        var next = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/activities", new { kind = "call", subject = $"Перезвонить {tag}", plannedAt = now.AddDays(1), counterpartyId = counterparty }));
        later.ShouldNotBe(next);
        // An entry written by no one (an import): the card names the system as its author.
        await host.WithDbAsync(async db =>
        {
            db.TimelineEvents.Add(new TimelineEvent { CounterpartyId = counterparty, At = now.UtcDateTime, Kind = TimelineKinds.Note, Text = $"Импорт {tag}" });
            await db.SaveChangesAsync();
            return 0;
        });
        SignIn(host, await FileTestKit.AdminIdAsync(host));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");
        return new Arranged(host, counterparty, document, next, done, tag, inn);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Card_Summary_ShowsPhoneEmailInnResponsibleAndTheNextAndLastContact(string provider)
    {
        var s = await ArrangeAsync(provider);

        var cut = RenderPage<CounterpartyCard>((nameof(CounterpartyCard.Id), s.Counterparty));

        cut.WaitForAssertion(() => cut.Find("[data-testid=summary-next] a"), Wait);
        var phone = cut.Find("[data-testid=summary-phone]");
        phone.GetAttribute("href").ShouldBe("tel:+74951112233");
        phone.TextContent.Trim().ShouldBe("+7 495 111-22-33");
        cut.Find("[data-testid=summary-email]").GetAttribute("href").ShouldBe($"mailto:office{s.Tag}@example.ru");
        cut.Find("[data-testid=summary-inn]").TextContent.Trim().ShouldBe($"{s.Inn} / 773601001");
        cut.Find("[data-testid=summary-responsible]").TextContent.Trim().ShouldBe($"Котова Ирина {s.Tag}");
        var next = cut.Find("[data-testid=summary-next] a");
        next.GetAttribute("href").ShouldBe($"/activities/{s.Next}");
        next.TextContent.ShouldContain($"Перезвонить {s.Tag}");
        next.TextContent.ShouldContain("Звонок");
        var last = cut.Find("[data-testid=summary-last] a");
        last.GetAttribute("href").ShouldBe($"/activities/{s.Done}");
        last.TextContent.ShouldContain($"Первый звонок {s.Tag}");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Timeline_RepeatedFiles_CollapseIntoOneLine_ThatExpands_AndEveryRecordIsALink(string provider)
    {
        var s = await ArrangeAsync(provider);

        var cut = RenderPage<CounterpartyCard>((nameof(CounterpartyCard.Id), s.Counterparty));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item][data-kind=document_file]").ShouldNotBeEmpty(), Wait);
        var files = cut.FindAll("[data-testid=timeline-item][data-kind=document_file]").ShouldHaveSingleItem();
        files.GetAttribute("data-count").ShouldBe("3");
        files.QuerySelector("[data-testid=timeline-link]")!.GetAttribute("href").ShouldBe($"/documents/{s.Document}");
        cut.Find("[data-testid=timeline-item][data-kind=document_registered] [data-testid=timeline-link]").GetAttribute("href").ShouldBe($"/documents/{s.Document}");
        cut.FindAll("[data-testid=timeline-item][data-kind=activity_planned] [data-testid=timeline-activity]").Select(a => a.GetAttribute("href"))
            .ShouldContain($"/activities/{s.Next}");
        cut.FindAll("[data-testid=timeline-group-item]").ShouldBeEmpty();

        cut.Find("[data-testid=timeline-item][data-kind=document_file] [data-testid=timeline-count]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-group-item]").Count.ShouldBe(3), Wait);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Timeline_FilterChips_KeepOnlyThatKind_AndAnEntryWithoutAuthorNamesTheSystem(string provider)
    {
        var s = await ArrangeAsync(provider);

        var cut = RenderPage<CounterpartyCard>((nameof(CounterpartyCard.Id), s.Counterparty));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item][data-kind=document_file]").ShouldNotBeEmpty(), Wait);
        var imported = cut.FindAll("[data-testid=timeline-item][data-kind=note]").Single(i => i.TextContent.Contains($"Импорт {s.Tag}"));
        var caption = imported.QuerySelector(".mud-typography-caption")!.TextContent.Trim();
        caption.ShouldEndWith("Система");

        cut.Find("[data-testid=timeline-filter][data-filter=documents]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Select(i => i.GetAttribute("data-kind"))
            .ShouldBe(["document_file", "document_registered"]), Wait);

        cut.Find("[data-testid=timeline-filter][data-filter=notes]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").Select(i => i.GetAttribute("data-kind")).Distinct().OrderBy(k => k)
            .ShouldBe(["document_file", "document_registered", "note"]), Wait);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Card_Summary_ShowsOnlyActivitiesTheReaderMaySee(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var employee = await host.CreateUserAsync(fullName: $"Зайцев Олег {tag}");
        var counterparty = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/counterparties", new { name = $"ООО «Чужой звонок-{tag}»", responsibleId = employee.Id }));
        // The admin's own call on the card: the employee responsible for the card does not see it.
        await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/activities", new
        {
            kind = "call",
            subject = $"Звонок администратора {tag}",
            plannedAt = host.Clock.GetUtcNow().AddHours(1),
            counterpartyId = counterparty,
        }));
        SignIn(host, employee.Id);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru-RU");

        var cut = RenderPage<CounterpartyCard>((nameof(CounterpartyCard.Id), counterparty));

        // The timeline loads after the summary: once it shows, the summary is final.
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=timeline-item]").ShouldNotBeEmpty(), Wait);
        cut.Find("[data-testid=summary-next]").TextContent.Trim().ShouldBe("не запланирован");
        cut.Find("[data-testid=card-summary]").TextContent.ShouldNotContain($"Звонок администратора {tag}");
        cut.Find("[data-testid=summary-responsible]").TextContent.Trim().ShouldBe($"Зайцев Олег {tag}");
    }
}
