using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Letopis.Browser.Tests;

[Collection(ServerCollection.Name)]
public class TemplatesJourneyTests(LetopisServer server)
{
    [Fact]
    public async Task Manager_GeneratesACommercialOfferFromADeal_RegistersIt_AndDownloadsThePdf()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var company = $"ООО «Тёплый дом {suffix}»";
        using var api = await server.ApiAsync("ivanova");
        var created = await api.PostAsJsonAsync("/api/v1/counterparties", new
        {
            name = company,
            inn = TestKit.TestRequisites.Inn10(),
            legalAddress = "420021, г. Казань, ул. Габдуллы Тукая, д. 58",
        });
        created.EnsureSuccessStatusCode();
        var companyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var pipelines = await api.GetFromJsonAsync<JsonElement>("/api/v1/pipelines?kind=deal");
        var pipelineId = pipelines.GetProperty("items").EnumerateArray().First(p => p.GetProperty("name").GetString() == "Продажи").GetProperty("id").GetGuid();
        var deal = await api.PostAsJsonAsync("/api/v1/deals", new
        {
            title = $"Утепление склада ({suffix})",
            pipelineId,
            companyId,
            items = new object[]
            {
                new { name = "Минеральная вата ТЕХНОРУФ 45, м³", quantity = 120m, unit = "м³", price = 7450.50m, vatRate = 20 },
                new { name = "Монтаж утеплителя кровли", quantity = 1500m, unit = "м²", price = 380m, vatRate = 20 },
            },
        });
        deal.EnsureSuccessStatusCode();
        var dealId = (await deal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var page = await server.NewPageAsync();
        await page.SignInAsync("ivanova", LetopisServer.DemoPassword);
        await page.GoAsync($"/deals/{dealId}");
        await page.ClickAsync("[data-testid=deal-generate]");
        await page.WaitForSelectorAsync("[data-testid=generate-dialog]");
        await page.PickAsync("generate-template", "Коммерческое предложение");
        await page.TickAsync("generate-output-pdf");
        await page.TickAsync("generate-register");
        await page.ShotAsync(server, "generate-dialog");
        await page.ClickAsync("[data-testid=generate-run]");
        await page.WaitForSelectorAsync("[data-testid=generate-registered]", new PageWaitForSelectorOptions { Timeout = 60_000 });

        // The PDF the manager downloads is the registered document's file.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=generate-download]"));
        var pdf = Path.Combine(Path.GetTempPath(), $"letopis-offer-{suffix}.pdf");
        await download.SaveAsAsync(pdf);
        download.SuggestedFilename.ShouldEndWith(".pdf");
        var text = await RunAsync("pdftotext", $"-layout \"{pdf}\" -");
        text.ShouldContain($"Тёплый дом {suffix}");
        text.ShouldContain("Минеральная вата");
        text.ShouldContain("рублей");

        // The deal's documents now hold the registered offer.
        var documents = await api.GetFromJsonAsync<JsonElement>($"/api/v1/documents?dealId={dealId}");
        documents.GetProperty("total").GetInt32().ShouldBe(1);

        // Its first page, as a picture for a person to look at.
        Directory.CreateDirectory(server.ScreenshotDir);
        var prefix = Path.Combine(Path.GetTempPath(), $"letopis-offer-{suffix}");
        await RunAsync("pdftoppm", $"-png -r 80 -f 1 -l 1 -singlefile \"{pdf}\" \"{prefix}\"");
        File.Copy(prefix + ".png", Path.Combine(server.ScreenshotDir, "commercial-offer-pdf.png"), overwrite: true);
        File.Delete(prefix + ".png");
        File.Delete(pdf);
    }

    private static async Task<string> RunAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync());
        return output;
    }
}
