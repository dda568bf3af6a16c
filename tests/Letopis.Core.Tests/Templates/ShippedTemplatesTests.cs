using Letopis.Core.Templates;

namespace Letopis.Core.Tests.Templates;

public class ShippedTemplatesTests
{
    private static readonly LiquidTemplates Liquid = new();

    public static TheoryData<string> Codes() =>
        new(ShippedTemplates.All.Select(t => t.Code));

    private static string Render(string code, TemplateModel model)
    {
        var parsed = Liquid.Parse(ShippedTemplates.Get(code).Body);
        parsed.IsSuccess.ShouldBeTrue(parsed.Error?.Message);
        var html = Liquid.RenderHtml(parsed.Value, model);
        html.IsSuccess.ShouldBeTrue(html.Error?.Message);
        return html.Value;
    }

    [Fact]
    public void All_FourRussianTemplates_WithTheirTargetsAndTypes()
    {
        ShippedTemplates.All.Select(t => (t.Code, t.Target, t.DocumentTypeCode)).ShouldBe(
        [
            (ShippedTemplates.SupplyContract, TemplateTarget.Deal, "contract"),
            (ShippedTemplates.CommercialOffer, TemplateTarget.Deal, null),
            (ShippedTemplates.CompletedWorksAct, TemplateTarget.Document, "act"),
            (ShippedTemplates.CoverLetter, TemplateTarget.Counterparty, "outgoing-letter"),
        ]);
        ShippedTemplates.All.ShouldAllBe(t => t.Body.Contains("@page { size: A4") && !t.Body.Contains("/*STYLE*/"));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Render_FullModel_HoldsPartiesAndAmountInWords(string code)
    {
        var html = Render(code, TemplateSamples.Model("ООО «Ромашка» <script>x</script>"));
        html.ShouldContain("ООО «Ромашка» &lt;script&gt;x&lt;/script&gt;");
        html.ShouldNotContain("<script>");
        html.ShouldContain("ООО «Летопись»");
        if (code != ShippedTemplates.CoverLetter)
            html.ShouldContain("три тысячи рублей 00 копеек"); // the two items' 3 000,00 ₽
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Render_BareCounterparty_RendersWithBlanks(string code)
    {
        var bare = new TemplateCounterparty("ИП Пустов", null, null, null, null, null, null, null, null, null, null, [], [], null);
        var html = Render(code, new TemplateModel(bare, null, null, null, null, new DateTime(2026, 11, 28)));
        html.ShouldContain("ИП Пустов");
    }

    [Fact]
    public void Render_CommercialOffer_ItemsTableWithVatAndTotalInWords()
    {
        var html = Render(ShippedTemplates.CommercialOffer, TemplateSamples.Model(items: 2));
        html.ShouldContain("<td>Товар 2</td>");
        html.ShouldContain("<td class=\"num\">20 %</td>");
        html.ShouldContain("три тысячи рублей 00 копеек");
        html.ShouldContain("Предложение действительно до 31 декабря 2026 г.");
    }

    [Fact]
    public void Render_ActUnderContract_NamesTheContract()
    {
        var html = Render(ShippedTemplates.CompletedWorksAct, TemplateSamples.Model() with { Deal = null });
        html.ShouldContain("Акт № Д-17");
        html.ShouldContain("по договору № Д-1 от 15 января 2026 г.");
        html.ShouldContain("одна тысяча рублей 00 копеек");
    }

    [Fact]
    public void Render_FileNamesAndEmails_AsText()
    {
        foreach (var shipped in ShippedTemplates.All)
        {
            foreach (var source in new[] { shipped.FileNamePattern, shipped.EmailSubject, shipped.EmailBody })
            {
                var text = Liquid.RenderText(source, TemplateSamples.Model("ООО «A&B»"));
                text.IsSuccess.ShouldBeTrue(text.Error?.Message);
                text.Value.ShouldNotContain("&amp;");
            }
        }
        Liquid.RenderText(ShippedTemplates.Get(ShippedTemplates.SupplyContract).FileNamePattern, TemplateSamples.Model("ООО «A&B»")).Value
            .ShouldBe("Договор поставки — ООО «A&B»");
    }
}
