using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Documents;
using Letopis.Core.Documents.Files;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using static Letopis.Web.Tests.DocumentFiles.FileTestKit;

namespace Letopis.Web.Tests.DocumentFiles;

public class DemoFilesAndSharingTests
{
    private static async Task<List<Guid>> FoundAsync(HttpClient client, string q)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?pageSize=100&q=" + Uri.EscapeDataString(q));
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task DemoFiles_GiveContractsADocxAndAPdfWithARealTextLayer(string provider)
    {
        using var host = Started(new LetopisHost(provider));
        var client = await host.AdminAsync();
        var counterparty = await CounterpartyAsync(client, "ООО «Ромашка»");
        var contract = await DocumentAsync(host, await AdminIdAsync(host), "Договор генерального подряда", counterparty);
        var act = await host.WithDbAsync(async db =>
        {
            var type = await db.DocumentTypes.FirstAsync(t => t.Code == "act");
            var document = new Document
            {
                TypeId = type.Id,
                Title = "Акт № 1",
                TitleNormalized = "АКТ № 1",
                RegisteredOn = new DateOnly(2026, 11, 27),
                CounterpartyId = counterparty,
                ParentId = contract,
                RootId = contract,
                Status = DocumentStatus.Signed,
            };
            db.Documents.Add(document);
            await db.SaveChangesAsync();
            return document.Id;
        });

        await using (var scope = host.Scope())
            (await scope.ServiceProvider.GetRequiredService<SeedDemoFiles>().HandleAsync(CancellationToken.None)).ShouldBe(3);

        var contractFiles = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{contract}/files")).GetProperty("items").EnumerateArray().ToList();
        contractFiles.Select(f => f.GetProperty("contentType").GetString()).ShouldBe([ContentSniffer.Docx, ContentSniffer.Pdf], ignoreOrder: true);
        var actFile = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/documents/{act}/files")).GetProperty("items").EnumerateArray().Single();
        actFile.GetProperty("contentType").GetString().ShouldBe(ContentSniffer.Pdf);

        // Any PDF reader gets the words back, «ё» included.
        var pdf = await client.GetByteArrayAsync($"/api/v1/files/{actFile.GetProperty("id").GetGuid()}/content");
        using (var document = PdfDocument.Open(pdf))
        {
            // Lines wrap where the page ends them: the words are compared across line breaks.
            var text = string.Join(" ", document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p))).ReplaceLineEndings(" ");
            text.ShouldContain("Претензий по объёму, качеству и срокам стороны не имеют", Case.Sensitive);
        }

        // The seeding extracted the texts: a declined word from inside the files finds the contract.
        (await FoundAsync(client, "гарантийным сроком")).ShouldBe([contract]);
        // Seeding twice adds nothing.
        await using (var scope = host.Scope())
            (await scope.ServiceProvider.GetRequiredService<SeedDemoFiles>().HandleAsync(CancellationToken.None)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task FileText_IsFoundByACoResponsibleColleague_AndNobodyElse(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var admin = await host.AdminAsync();
        var colleague = await host.CreateUserAsync();
        var outsider = await host.CreateUserAsync();
        var marker = Marker();
        var document = await DocumentAsync(host, await AdminIdAsync(host), "Договор аренды");
        await host.WithDbAsync(async db =>
        {
            db.DocumentCoResponsibles.Add(new DocumentCoResponsible { DocumentId = document, UserId = colleague.Id });
            return await db.SaveChangesAsync();
        });
        var docx = new Letopis.Infrastructure.Documents.SimpleDocumentWriter().Docx("Договор аренды", [$"Арендатор оплачивает {marker}овки ежемесячно."]);
        await CreatedAsync(await UploadAsync(admin, $"/api/v1/documents/{document}/files", docx, "аренда.docx"));
        await ExtractAsync(host);

        (await FoundAsync(await host.ClientAsync(colleague.Login, colleague.Password), $"{marker}овками")).ShouldBe([document]);
        (await FoundAsync(await host.ClientAsync(outsider.Login, outsider.Password), $"{marker}овками")).ShouldBeEmpty();
    }
}
