using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.Templates;
using Letopis.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.Web.Tests.Templates;

/// <summary>The shipped templates: created on start, linked to the preconfigured types, and rendering a demo deal.</summary>
public class EngineShippedTemplatesTests
{
    private static LetopisHost DemoHost(string provider) => DemoHosts.Shared(provider);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Start_CreatesShippedTemplatesOnce_LinkedToTheirTypes(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);

        var templates = await host.WithDbAsync(db => db.DocumentTemplates.AsNoTracking().Where(t => t.ShippedCode != null).ToListAsync());
        var types = await host.WithDbAsync(db => db.DocumentTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Id));

        templates.Select(t => t.ShippedCode).OrderBy(c => c).ShouldBe(ShippedTemplates.All.Select(t => t.Code).OrderBy(c => c));
        templates.ShouldAllBe(t => t.Format == TemplateFormat.Html && !t.IsArchived && t.Body != null);
        templates.Single(t => t.ShippedCode == ShippedTemplates.SupplyContract).DocumentTypeId.ShouldBe(types[SeedDocumentTypes.Contract]);
        templates.Single(t => t.ShippedCode == ShippedTemplates.CompletedWorksAct).DocumentTypeId.ShouldBe(types[SeedDocumentTypes.Act]);
        templates.Single(t => t.ShippedCode == ShippedTemplates.CoverLetter).DocumentTypeId.ShouldBe(types[SeedDocumentTypes.OutgoingLetter]);
        templates.Single(t => t.ShippedCode == ShippedTemplates.CommercialOffer).DocumentTypeId.ShouldBe(types[SeedDocumentTypes.OutgoingLetter]);
        templates.Single(t => t.ShippedCode == ShippedTemplates.CommercialOffer).Name.ShouldBe("Коммерческое предложение");

        await using var scope = host.Scope();
        (await scope.ServiceProvider.GetRequiredService<SeedTemplates>().HandleAsync(CancellationToken.None)).ShouldBeFalse();
        (await host.WithDbAsync(db => db.DocumentTemplates.CountAsync(t => t.ShippedCode != null))).ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ShippedOffer_DemoDeal_RendersItemsAndAmountInWords(string provider)
    {
        var host = DemoHost(provider);
        var dealId = await host.WithDbAsync(db => db.Deals.AsNoTracking()
            .Where(d => d.CompanyId != null && db.DealItems.Any(i => i.DealId == d.Id))
            .OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        var model = await ModelBuildTests.BuildAsync(host, await ModelBuildTests.AdminIdAsync(host), new TemplateSubject(null, dealId, null));
        model.IsSuccess.ShouldBeTrue(model.Error?.Message);
        var deal = model.Value.Deal.ShouldNotBeNull();

        var body = await host.WithDbAsync(db => db.DocumentTemplates.AsNoTracking()
            .Where(t => t.ShippedCode == ShippedTemplates.CommercialOffer).Select(t => t.Body!).SingleAsync());
        var liquid = host.Services.GetRequiredService<LiquidTemplates>();
        var html = liquid.RenderHtml(liquid.Parse(body).Value, model.Value);

        html.IsSuccess.ShouldBeTrue(html.Error?.Message);
        html.Value.ShouldContain(RussianMoneyWords.Format(deal.Total));
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        html.Value.ShouldContain(encoder.Encode(deal.Items[0].Name));
        html.Value.ShouldContain(encoder.Encode(model.Value.Counterparty!.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ShippedOffer_Generated_ProposesTheLetterRenderedForTheDeal(string provider)
    {
        var host = DemoHost(provider);
        var dealId = await host.WithDbAsync(db => db.Deals.AsNoTracking()
            .Where(d => d.CompanyId != null && db.DealItems.Any(i => i.DealId == d.Id))
            .OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
        var templateId = await host.WithDbAsync(db => db.DocumentTemplates.AsNoTracking()
            .Where(t => t.ShippedCode == ShippedTemplates.CommercialOffer).Select(t => t.Id).SingleAsync());
        var ourCompanies = await host.WithDbAsync(db => db.OurCompanies.AsNoTracking().Where(c => !c.IsArchived).Select(c => c.Name).ToListAsync());

        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LetopisDb>();
        var access = await scope.ServiceProvider.GetRequiredService<Letopis.Core.Access.AccessCache>().GetAsync(db, await ModelBuildTests.AdminIdAsync(host), null, CancellationToken.None);
        var file = await scope.ServiceProvider.GetRequiredService<GenerateDocument>()
            .HandleAsync(access, templateId, new GenerateRequest("html", null, dealId, null, Register: false), CancellationToken.None);

        file.IsSuccess.ShouldBeTrue(file.Error?.Message);
        // The compose dialog starts with these: the offer's subject names our company, its text the deal's sum.
        ourCompanies.Select(name => $"Коммерческое предложение {name}").ShouldContain(file.Value.EmailSubject);
        file.Value.EmailBody.ShouldNotBeNull().ShouldContain("Направляем коммерческое предложение");
        file.Value.EmailBody.ShouldNotContain("{{");
    }
}
