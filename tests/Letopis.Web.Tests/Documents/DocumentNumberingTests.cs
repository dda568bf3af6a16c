using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Documents;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using static Letopis.Web.Tests.Documents.DocumentTestData;

namespace Letopis.Web.Tests.Documents;

public class DocumentNumberingTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Register_TwentyInParallel_GetTwentyConsecutiveDistinctNumbers(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var prefix = Marker("П");
        var type = await OwnTypeAsync(admin, prefix + "-{n:000}");

        var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.AdminAsync()));
        var responses = await Task.WhenAll(clients.Select((c, i) =>
            c.PostAsJsonAsync("/api/v1/documents", new { typeCode = type.Str("code"), title = $"Параллельный {i}" })));

        foreach (var r in responses)
            r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).Str("number")!));
        numbers.Order().ShouldBe(Enumerable.Range(1, 20).Select(n => $"{prefix}-{n:000}"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Register_UnderAParent_NumbersCountPerParentFromTheParentsNumber(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(admin);
        var first = await RegisterAsync(admin, new { typeCode = "contract", title = "Поставка", counterpartyId = counterparty });
        var second = await RegisterAsync(admin, new { typeCode = "contract", title = "Аренда", counterpartyId = counterparty });
        first.Str("number")!.ShouldStartWith("Д-2026-");

        var a1 = await RegisterAsync(admin, new { typeCode = "supplementary-agreement", title = "ДС 1", parentId = first.Id() });
        var a2 = await RegisterAsync(admin, new { typeCode = "supplementary-agreement", title = "ДС 2", parentId = first.Id() });
        var b1 = await RegisterAsync(admin, new { typeCode = "supplementary-agreement", title = "ДС к аренде", parentId = second.Id() });
        var appendix = await RegisterAsync(admin, new { typeCode = "appendix", title = "Спецификация к ДС", parentId = a2.Id() });

        a1.Str("number").ShouldBe(first.Str("number") + "/ДС-1");
        a2.Str("number").ShouldBe(first.Str("number") + "/ДС-2");
        b1.Str("number").ShouldBe(second.Str("number") + "/ДС-1");
        appendix.Str("number").ShouldBe(a2.Str("number") + "/П-1");
        // Contracts of one year count on: the second takes a later number of the journal (other tests on
        // the shared host register contracts too, so not necessarily the very next one).
        int.Parse(second.Str("number")!["Д-2026-".Length..]).ShouldBeGreaterThan(int.Parse(first.Str("number")!["Д-2026-".Length..]));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Register_WhenTheNumberIsTaken_RollsTheCounterBackAndKeepsNothing(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var prefix = Marker("З");
        var type = await OwnTypeAsync(admin, prefix + "-{n}");
        (await RegisterAsync(admin, new { typeCode = type.Str("code"), title = "Первый" })).Str("number").ShouldBe(prefix + "-1");
        // Someone's import already holds the next number in this journal.
        var journalId = type.GetProperty("journalId").GetGuid();
        await host.WithDbAsync(async db =>
        {
            var d = new Document { TypeId = type.Id(), JournalId = journalId, Number = prefix + "-2", Title = "Импорт", TitleNormalized = "ИМПОРТ", RegisteredOn = new DateOnly(2026, 1, 1) };
            d.RootId = d.Id;
            db.Documents.Add(d);
            return await db.SaveChangesAsync();
        });

        var response = await admin.PostAsJsonAsync("/api/v1/documents", new { typeCode = type.Str("code"), title = "Второй" });

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        problem.Str("code").ShouldBe("number_taken");
        var (counter, titled) = await host.WithDbAsync(async db => (
            await db.JournalCounters.Where(c => c.JournalId == journalId).Select(c => c.Value).SingleAsync(),
            await db.Documents.CountAsync(d => d.JournalId == journalId && d.Title == "Второй")));
        counter.ShouldBe(1);
        titled.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Patterns_WithAnUnknownToken_AreRefusedByFieldAndNothingIsCreated(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var name = Marker("Журнал ");

        var journal = await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/journals", new { name, pattern = "Д-{yyyy}-{nn}" }), HttpStatusCode.BadRequest);
        journal.FieldCodes("pattern").ShouldBe(["unknown_token"]);
        journal.GetProperty("errors").GetProperty("pattern")[0].GetString().ShouldNotBeNullOrWhiteSpace();
        var code = "t-" + Guid.NewGuid().ToString("N")[..10];
        var type = await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/document-types", new { code, name = "Тип", numberPattern = "Х-{номер}" }), HttpStatusCode.BadRequest);
        type.FieldCodes("numberPattern").ShouldBe(["unknown_token"]);
        // A yearly counter without the year in the number would repeat numbers next year.
        var yearly = await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/journals", new { name, pattern = "ВХ-{n}", counterReset = "yearly" }), HttpStatusCode.BadRequest);
        yearly.FieldCodes("pattern").ShouldBe(["no_year_token"]);

        var journals = await admin.GetFromJsonAsync<JsonElement>("/api/v1/journals");
        journals.GetProperty("items").EnumerateArray().ShouldNotContain(j => j.Str("name") == name);
        var types = await admin.GetFromJsonAsync<JsonElement>("/api/v1/document-types");
        types.GetProperty("items").EnumerateArray().ShouldNotContain(t => t.Str("code") == code);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Journal_WithAValidPattern_NumbersWithEveryToken(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var prefix = Marker("Ж");
        var type = await OwnTypeAsync(admin, prefix + "/{type}/{yy}{MM}/{n:0000}");

        var document = await RegisterAsync(admin, new { typeCode = type.Str("code"), title = "Токены", registeredOn = "2027-03-05" });

        document.Str("number").ShouldBe($"{prefix}/{type.Str("code")}/2703/0001");
        type.Str("numberPattern").ShouldBe(prefix + "/{type}/{yy}{MM}/{n:0000}");
    }
}
