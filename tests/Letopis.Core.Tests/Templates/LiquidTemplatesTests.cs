using Letopis.Core.Templates;

namespace Letopis.Core.Tests.Templates;

public class LiquidTemplatesTests
{
    private static readonly LiquidTemplates Liquid = new();

    private static string Html(string source, TemplateModel? model = null)
    {
        var parsed = Liquid.Parse(source);
        parsed.IsSuccess.ShouldBeTrue(parsed.Error?.Message);
        var result = Liquid.RenderHtml(parsed.Value, model ?? TemplateSamples.Model());
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return result.Value;
    }

    private static string Text(string source, TemplateModel? model = null)
    {
        var result = Liquid.RenderText(source, model ?? TemplateSamples.Model());
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return result.Value;
    }

    [Fact]
    public void RenderHtml_ModelFields_Inserted()
    {
        Html("{{ counterparty.name }}, ИНН {{ counterparty.inn }}, {{ deal.items.size }} поз., {{ document.parent.number }}")
            .ShouldBe("ООО «Ромашка», ИНН 7701234567, 2 поз., Д-1");
    }

    [Fact]
    public void RenderHtml_ScriptInName_Escaped()
    {
        var html = Html("<p>{{ counterparty.name }}</p>", TemplateSamples.Model("<script>alert(1)</script> & Co"));
        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
    }

    [Fact]
    public void RenderHtml_RawFilter_NotAvailable()
    {
        var parsed = Liquid.Parse("{{ counterparty.name | raw }}");
        parsed.IsSuccess.ShouldBeFalse();
        parsed.Error!.Code.ShouldBe(TemplateErrors.Syntax);
    }

    [Fact]
    public void RenderText_ScriptInName_NotEscaped()
    {
        Text("{{ counterparty.name }}", TemplateSamples.Model("A & B <x>")).ShouldBe("A & B <x>");
    }

    [Fact]
    public void Parse_SyntaxError_NamesLineAndCause()
    {
        var result = Liquid.Parse("<p>Строка 1</p>\n<p>Строка 2</p>\n{% if counterparty.name %}\n<p>нет конца</p>");
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(TemplateErrors.Syntax);
        result.Error.Extensions!["cause"].ShouldBeOfType<string>().ShouldNotBeEmpty();
        result.Error.Extensions["line"].ShouldBeOfType<int>().ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void Parse_BrokenOutputOnLine2_Line2()
    {
        var result = Liquid.Parse("ok\n{{ counterparty.name \nrest");
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Extensions!["line"].ShouldBe(2);
    }

    [Theory]
    [InlineData("{{ counterparty.innn }}", "counterparty.innn")]
    [InlineData("{{ clientt.name }}", "clientt")]
    [InlineData("{% for item in deal.items %}{{ item.price2 }}{% endfor %}", "item.price2")]
    [InlineData("{% if document.parent.numbr %}x{% endif %}", "document.parent.numbr")]
    public void RenderHtml_UnknownField_NamesIt(string source, string field)
    {
        var parsed = Liquid.Parse(source);
        parsed.IsSuccess.ShouldBeTrue();
        var result = Liquid.RenderHtml(parsed.Value, TemplateSamples.Model());
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(TemplateErrors.UnknownField);
        result.Error.Extensions!["field"].ShouldBe(field);
    }

    [Fact]
    public void RenderHtml_EmptyFieldAndMissingDeal_RenderBlank()
    {
        var model = TemplateSamples.Model() with { Deal = null };
        Html("[{{ counterparty.actualAddress }}][{{ deal.title }}]{% if deal %}deal{% endif %}", model).ShouldBe("[][]");
    }

    [Fact]
    public void Parse_Include_Refused()
    {
        var result = Liquid.Parse("{% include '/etc/passwd' %}");
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(TemplateErrors.Syntax);
        Liquid.Parse("{% render 'secrets' %}").IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void Parse_HugeRange_Refused()
    {
        var result = Liquid.Parse("{% for i in (1..2000000000) %}x{% endfor %}");
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(TemplateErrors.Syntax);
        Liquid.Parse("{% for i in (1..deal.amount) %}x{% endfor %}").IsSuccess.ShouldBeFalse();
        Html("{% for i in (1..3) %}{{ i }}{% endfor %}").ShouldBe("123");
    }

    [Fact]
    public void RenderHtml_NestedLoopsRunaway_TooLarge()
    {
        var source = "{% for a in (1..9999) %}{% for b in (1..9999) %}{{ b }}{% endfor %}{% endfor %}";
        var result = Liquid.RenderHtml(Liquid.Parse(source).Value, TemplateSamples.Model());
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(TemplateErrors.TooLarge);
    }

    [Fact]
    public void RenderHtml_DoublingAssign_TooLarge()
    {
        var source = "{% assign s = 'xxxxxxxxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}";
        var result = Liquid.RenderHtml(Liquid.Parse(source).Value, TemplateSamples.Model());
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(TemplateErrors.TooLarge);
    }

    [Fact]
    public void RenderHtml_TenThousandItems_Rendered()
    {
        var model = TemplateSamples.Model(items: 10_000);
        var html = Html("<table>{% for item in deal.items %}<tr><td>{{ item.n }}</td><td>{{ item.name }}</td><td>{{ item.quantity | quantity }}</td><td>{{ item.amount | money }}</td></tr>{% endfor %}</table>", model);
        html.ShouldContain("<td>10000</td><td>Товар 10000</td>");
    }

    [Fact]
    public void MoneyWords_Filter_AmountInWords()
    {
        Text("{{ deal.amount | money_words }}").ShouldBe("сто двадцать три тысячи рублей 45 копеек");
        Text("{{ 21000 | money_words | capitalize }}").ShouldBe("Двадцать одна тысяча рублей 00 копеек");
    }

    [Fact]
    public void MoneyWords_Negative_FilterError()
    {
        var result = Liquid.RenderText("{{ -5 | money_words }}", TemplateSamples.Model());
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(TemplateErrors.FilterFailed);
        result.Error.Extensions!["filter"].ShouldBe("money_words");
    }

    [Fact]
    public void DateFilters_RussianFormats()
    {
        Text("{{ today | date_words }}").ShouldBe("28 ноября 2026 г.");
        Text("{{ today | date }}").ShouldBe("28.11.2026");
        Text("{{ document.parent.date | date: 'd MMMM yyyy' }}").ShouldBe("15 января 2026");
        Text("{{ '2026-03-01' | date_words }}").ShouldBe("1 марта 2026 г.");
    }

    [Fact]
    public void DateFilter_StrftimeAsLiquidAuthorsWriteIt()
    {
        Text("{{ today | date: '%d.%m.%Y' }}").ShouldBe("28.11.2026");
        Text("{{ document.parent.date | date: '%e %B %Y г., 100%%' }}").ShouldBe("15 января 2026 г., 100%");
        var unknown = Liquid.RenderText("{{ today | date: '%Q' }}", TemplateSamples.Model());
        unknown.Error.ShouldNotBeNull().Code.ShouldBe(TemplateErrors.FilterFailed);
    }

    [Fact]
    public void MoneyAndNumber_RussianGrouping()
    {
        Text("{{ 1234567.891 | money }}").ShouldBe("1\u00A0234\u00A0567,89\u00A0₽");
        Text("{{ 1234.5 | money: 'USD' }}").ShouldBe("1\u00A0234,50\u00A0$");
        Text("{{ 1234567 | number }}").ShouldBe("1\u00A0234\u00A0567");
        Text("{{ 1234.5 | number: 2 }}").ShouldBe("1\u00A0234,50");
        Text("{{ 1.5 | quantity }}|{{ 1000 | quantity }}|{{ 0.125 | quantity }}").ShouldBe("1,5|1\u00A0000|0,125");
    }

    [Fact]
    public void Vat_RoundsHalfAwayFromZeroToKopecks()
    {
        // A bare number prints in ru-RU (decimal comma).
        // 100.00 × 20 / 120 = 16.666… → 16.67; 0.03 × 20 / 120 = 0.005 → 0.01 (half away from zero)
        Text("{{ 100 | vat: 20 }}").ShouldBe("16,67");
        Text("{{ 0.03 | vat: 20 }}").ShouldBe("0,01");
        Text("{{ 100 | without_vat: 20 }}").ShouldBe("83,33");
        Text("{{ 1000 | vat: 0 }}").ShouldBe("0");
        Text("{{ 120 | vat: 20 | money }}").ShouldBe("20,00\u00A0₽");
    }

    [Fact]
    public void Vat_MatchesDealItemMath()
    {
        foreach (var minor in new long[] { 1, 3, 99, 12_345, 1_000_001, 999_999_999 })
            TemplateFilters.VatOf(minor / 100m, 22).ShouldBe(Letopis.Core.Deals.DealItemMath.VatMinor(minor, 22) / 100m);
    }
}
