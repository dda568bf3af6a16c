using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Letopis.Core.Data;
using Letopis.Core.Documents.Files;
using Letopis.Infrastructure.Documents;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static Letopis.Web.Tests.DocumentFiles.FileTestKit;

namespace Letopis.Web.Tests.DocumentFiles;

public class FileTextSearchTests
{
    private static async Task<List<(string Entity, Guid Id, string Title, string? Snippet)>> SearchAsync(HttpClient client, string q)
    {
        var response = await client.GetAsync("/api/v1/search?pageSize=100&q=" + Uri.EscapeDataString(q));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return page.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("entity").GetString()!, i.GetProperty("id").GetGuid(), i.GetProperty("title").GetString()!, i.GetProperty("snippet").GetString()))
            .ToList();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_FindsADocument_ByADeclinedWordOnlyInItsDocx_WithASnippet(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var owner = await host.CreateUserAsync();
        var client = await host.ClientAsync(owner.Login, owner.Password);
        var marker = Marker();
        var document = await DocumentAsync(host, owner.Id, "Договор подряда на отделку");
        var docx = new SimpleDocumentWriter().Docx("Договор подряда", [
            "Подрядчик обязуется выполнить отделочные работы.",
            $"Стороны согласовали поставку {marker}овками и гидроизоляцию подвала.",
            "Оплата по актам."]);
        await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", docx, "договор.docx"));

        // The upload woke this node's extraction loop; this waits for it (or does the work itself).
        await ExtractAsync(host);

        // «…овками» in the file, «…овка» and «…овкой» typed: the same word.
        foreach (var q in new[] { $"{marker}овка", $"{marker}овкой" })
        {
            var hit = (await SearchAsync(client, q)).ShouldHaveSingleItem();
            (hit.Entity, hit.Id).ShouldBe(("document", document));
            hit.Snippet.ShouldNotBeNull();
            hit.Snippet.ShouldStartWith("договор.docx: ");
            hit.Snippet.ShouldContain($"поставку {marker}овками и гидроизоляцию");
        }

        // A colleague who may not see the document finds nothing; the administrator does.
        var stranger = await host.CreateUserAsync();
        var strangerClient = await host.ClientAsync(stranger.Login, stranger.Password);
        (await SearchAsync(strangerClient, $"{marker}овка")).ShouldBeEmpty();
        (await SearchAsync(admin, $"{marker}овка")).Select(h => h.Id).ShouldBe([document]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_FindsADocument_ByAWordOnlyInTheTextLayerOfItsPdf(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var marker = Marker();
        var document = await DocumentAsync(host, await AdminIdAsync(host), "Акт выполненных работ");
        var pdf = new SimpleDocumentWriter().Pdf("Акт № 7", [
            "Работы выполнены в полном объёме.",
            $"Принято ёмкостей для {marker}ации: двенадцать, претензий нет."]);
        await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", pdf, "акт (скан).pdf"));
        await ExtractAsync(host);

        var hit = (await SearchAsync(client, $"{marker}ацию")).ShouldHaveSingleItem();
        hit.Id.ShouldBe(document);
        hit.Snippet!.ShouldContain($"Принято ёмкостей для {marker}ации");

        // The text was read from the PDF's text layer, «ё» and all.
        var text = await host.WithDbAsync(db => db.Set<FileTextExtraction>().Where(x => x.DocumentId == document).Select(x => x.Text).SingleAsync());
        text!.ShouldContain("Принято ёмкостей", Case.Sensitive);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Search_ReadsSpreadsheetsAndPlainText_AndForgetsADeletedFile(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var client = await host.AdminAsync();
        var xlsxMarker = Marker();
        var txtMarker = Marker();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var document = await DocumentAsync(host, await AdminIdAsync(host), "Смета");
        var sheet = new MemoryStream();
        sheet.SaveAs(new[] { new { Позиция = $"Кладка {xlsxMarker}овками", Сумма = 125000 } });
        await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", sheet.ToArray(), "смета.xlsx"));
        var txt = (await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files",
            Encoding.GetEncoding(1251).GetBytes($"Письмо о {txtMarker}ах\r\n"), "письмо.txt"))).GetProperty("id").GetGuid();
        await ExtractAsync(host);

        (await SearchAsync(client, $"{xlsxMarker}овка")).Select(h => h.Id).ShouldBe([document]);
        (await SearchAsync(client, $"{txtMarker}")).Select(h => h.Id).ShouldBe([document]);

        (await client.DeleteAsync($"/api/v1/files/{txt}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SearchAsync(client, $"{txtMarker}")).ShouldBeEmpty();
        (await SearchAsync(client, $"{xlsxMarker}овка")).Select(h => h.Id).ShouldBe([document]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Claim_OnNodesRacingForTheSameWork_TakesEachExtractionOnce(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var client = await host.AdminAsync();
        var document = await DocumentAsync(host, await AdminIdAsync(host));
        for (var i = 0; i < 30; i++)
            await CreatedAsync(await UploadAsync(client, $"/api/v1/documents/{document}/files", Encoding.UTF8.GetBytes($"текст {i}"), $"f{i}.txt"));
        // The uploads woke this node's own loop, which may still run once more. The work is put back to
        // be raced for under a claim that holds until an hour past the node's clock, so the node's loop
        // cannot take it; the racing claimers run two hours later, when that claim has expired.
        await ExtractAsync(host);
        var clock = host.Clock.GetUtcNow().UtcDateTime;
        await host.WithDbAsync(db => db.Set<FileTextExtraction>().ExecuteUpdateAsync(s => s
            .SetProperty(x => x.State, TextState.Pending).SetProperty(x => x.Attempts, 0)
            .SetProperty(x => x.ClaimedBy, "a node that died").SetProperty(x => x.ClaimedUntil, clock.AddHours(1))));
        await using var gateScope = host.Scope();

        var claimer = gateScope.ServiceProvider.GetServices<IFileTextClaimer>().Single(c => c.ProviderKind == provider);
        var now = clock.AddHours(2);
        async Task<IReadOnlyList<Guid>> ClaimAsync(string node)
        {
            var all = new List<Guid>();
            while (true)
            {
                await using var scope = host.Scope();
                var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
                var got = await claimer.ClaimAsync(db, $"{node}/{Guid.NewGuid():N}", now, now.AddMinutes(10), 4, CancellationToken.None);
                if (got.Count == 0)
                    return all;
                all.AddRange(got);
            }
        }

        var claims = await Task.WhenAll(ClaimAsync("a"), ClaimAsync("b"), ClaimAsync("c"));
        var claimed = claims.SelectMany(c => c).ToList();
        claimed.Count.ShouldBe(30);
        claimed.Distinct().Count().ShouldBe(30);
        (await host.WithDbAsync(db => db.Set<FileTextExtraction>().Where(x => x.DocumentId == document).Select(x => x.Attempts).ToListAsync()))
            .ShouldAllBe(a => a == 1);
    }

    [Fact]
    public async Task OnSqlite_AnIdlePoll_DoesNotQueueBehindAWriter()
    {
        // With nothing waiting, a poll only reads. If it wrote, it would wait for the other
        // connection's write lock (up to the 30 s busy timeout) like a save does.
        using var host = new LetopisHost("sqlite");
        await host.AdminAsync();
        var claimer = host.Services.GetServices<IFileTextClaimer>().Single(c => c.ProviderKind == "sqlite");
        await using var writer = new Microsoft.Data.Sqlite.SqliteConnection(host.ConnectionString);
        await writer.OpenAsync();
        await using (var begin = writer.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        try
        {
            var poll = Task.Run(async () =>
            {
                await using var scope = host.Scope();
                var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
                var now = host.Clock.GetUtcNow().UtcDateTime;
                return await claimer.ClaimAsync(db, $"idle/{Guid.NewGuid():N}", now, now.AddMinutes(10), 4, CancellationToken.None);
            });
            (await Task.WhenAny(poll, Task.Delay(TimeSpan.FromSeconds(10)))).ShouldBe(poll, "the idle poll waited for the writer");
            (await poll).ShouldBeEmpty();
        }
        finally
        {
            await using var rollback = writer.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
    }
}
