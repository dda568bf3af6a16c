using System.Net;
using System.Net.Http.Json;
using Letopis.TestKit;
using static Letopis.Web.Tests.Paper.PaperTestKit;

namespace Letopis.Web.Tests.Paper;

/// <summary>Returns due and overdue with time moved on a host of the test's own.</summary>
public class PaperOverdueTests
{
    /// <summary>The host starts on Friday 27 November 2026, 09:00 in Moscow; the copy is due back on Tuesday 1 December.</summary>
    private static readonly DateOnly DueBack = new(2026, 12, 1);

    /// <summary>Monday 30 November, 10:00 Moscow: the working day before the due date, after 09:00.</summary>
    private static readonly DateTimeOffset Monday10 = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);

    /// <summary>Tuesday 1 December, 23:00 Moscow: still the due date.</summary>
    private static readonly DateTimeOffset TuesdayNight = new(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);

    /// <summary>Wednesday 2 December, 10:00 Moscow: the day after the due date.</summary>
    private static readonly DateTimeOffset Wednesday10 = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Overdue_TimeMoved_RemindsTheHolderThenTellsHolderAndOfficeOnce(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var admin = await host.AdminAsync();
        var adminId = await AdminIdAsync(host);
        var place = await PlaceAsync(admin, "Архив");
        var (document, _) = await ContractAsync(admin);
        var copy = await CopyAsync(admin, document, place.Id);
        var returnedEarly = await CopyAsync(admin, document, place.Id, "copy");
        var lawyer = await host.CreateUserAsync(fullName: "Юристов Иван Иванович");
        var colleague = await host.CreateUserAsync();
        var bystander = await host.CreateUserAsync();
        await HandedOutAsync(admin, copy.Id, lawyer.Id, DueBack, "Для суда");
        await HandedOutAsync(admin, returnedEarly.Id, colleague.Id, DueBack);
        (await admin.PostAsJsonAsync($"/api/v1/copies/{returnedEarly.Id}/return", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var number = (await CopiesOfAsync(admin, document)).Copies[0].DocumentNumber;

        host.Clock.SetUtcNow(Monday10);
        await RunDispatcherAsync(host);
        (await TitlesAsync(host, lawyer.Id)).ShouldBe([$"Верните бумажный экземпляр до 01.12.2026: Договор № {number} «{copy.DocumentTitle}», № 1"]);
        (await TitlesAsync(host, adminId)).ShouldBeEmpty();

        host.Clock.SetUtcNow(TuesdayNight);
        await RunDispatcherAsync(host);
        admin = await host.AdminAsync();
        (await ListAsync(admin, "overdue=true")).ShouldBeEmpty("due today is not overdue yet");
        (await TitlesAsync(host, lawyer.Id)).Count.ShouldBe(1);

        host.Clock.SetUtcNow(Wednesday10);
        await RunDispatcherAsync(host);
        await RunDispatcherAsync(host);
        var lawyerTitles = await TitlesAsync(host, lawyer.Id);
        lawyerTitles.Count(t => t.StartsWith("Просрочен возврат бумажного экземпляра (до 01.12.2026)", StringComparison.Ordinal)).ShouldBe(1);
        lawyerTitles.Count.ShouldBe(2);
        var officeTitles = await TitlesAsync(host, adminId);
        officeTitles.Count.ShouldBe(1);
        officeTitles[0].ShouldStartWith("Просрочен возврат: Договор");
        officeTitles[0].ShouldContain("Юристов Иван Иванович, до 01.12.2026");
        (await TitlesAsync(host, colleague.Id)).ShouldBeEmpty("the copy came back before it was due");
        (await TitlesAsync(host, bystander.Id)).ShouldBeEmpty();

        admin = await host.AdminAsync();
        var overdue = await ListAsync(admin, "overdue=true");
        overdue.Select(c => c.Id).ShouldBe([copy.Id]);
        overdue[0].Overdue.ShouldBeTrue();
        (await CopiesOfAsync(admin, document)).Original!.Overdue.ShouldBeTrue();

        (await admin.PostAsJsonAsync($"/api/v1/copies/{copy.Id}/return", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListAsync(admin, "overdue=true")).ShouldBeEmpty();
        host.Clock.Advance(TimeSpan.FromDays(3));
        await RunDispatcherAsync(host);
        (await TitlesAsync(host, lawyer.Id)).Count.ShouldBe(2);
        (await TitlesAsync(host, adminId)).Count.ShouldBe(1);
    }
}
