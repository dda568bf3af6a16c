using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Letopis.TestKit;
using Letopis.Web.Components.Pages.TemplateBatches;
using Letopis.Web.Tests.Components;
using static Letopis.Web.Tests.TemplateBatches.TemplateBatchKit;

namespace Letopis.Web.Tests.TemplateBatches;

/// <summary>The batch page: progress as «N из M», the counts, links to the registered letters and the error of a failed one.</summary>
public sealed class TemplateBatchPageUiTests : HostedComponentTest
{
    [Fact]
    public async Task Page_OfAFinishedBatch_ShowsProgressDocumentsAndTheError()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var admin = await host.AdminAsync();
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).Id();
        var template = await CreateLetterTemplateAsync(host);
        var region = await CreateRegionAsync(admin);
        await CreateCounterpartyAsync(admin, region, Marker("ООО Первый "));
        await CreateCounterpartyAsync(admin, region, Marker("ООО Без ИНН "), withInn: false);
        var batch = await FinishedAsync(admin, (await StartedAsync(admin, template, region)).Id());

        SignIn(host, adminId);
        var cut = RenderPage<TemplateBatchPage>(("Id", batch.Id()));

        cut.WaitForAssertion(() => cut.Find("[data-testid=batch-of]").TextContent.ShouldBe("2 из 2"), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=batch-succeeded]").TextContent.ShouldBe("Готово: 1");
        cut.Find("[data-testid=batch-failed]").TextContent.ShouldBe("С ошибкой: 1");
        cut.Find("[data-testid=batch-status]").TextContent.ShouldBe("Завершено");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=batch-item-document]").Count.ShouldBe(1));
        cut.Find("[data-testid=batch-item-document]").GetAttribute("href")!.ShouldStartWith("/documents/");
        cut.Find("[data-testid=batch-item-error]").TextContent.ShouldContain("money_words");
        cut.FindAll("[data-testid=batch-cancel]").ShouldBeEmpty();
    }
}
