using System.Globalization;
using Fluid;
using Fluid.Values;
using Letopis.Core.Deals;

namespace Letopis.Core.Templates;

/// <summary>
/// The filters Letopis adds to Liquid, in Russian formats:
/// <list type="bullet">
/// <item><c>money_words</c>: <c>{{ 123000.45 | money_words }}</c> → «сто двадцать три тысячи рублей 45 копеек» (optional currency: RUB, USD, EUR, CNY); a negative amount is refused.</item>
/// <item><c>date_words</c>: «28 ноября 2026 г.».</item>
/// <item><c>money</c>: «1 234 567,89 ₽»; <c>money: "USD"</c> gives «1 234,00 $».</item>
/// <item><c>number</c>: ru-RU grouping; <c>number: 2</c> fixes the decimals.</item>
/// <item><c>date</c>: «28.11.2026»; <c>date: "d MMMM yyyy"</c> takes a .NET format in ru-RU.</item>
/// <item><c>vat</c>: <c>amount | vat: 20</c> → the VAT inside an amount that includes it, rounded to kopecks half away from zero as <see cref="DealItemMath.VatMinor"/> does.</item>
/// <item><c>without_vat</c>: <c>amount | without_vat: 20</c> → the amount less that VAT.</item>
/// <item><c>quantity</c>: a quantity with up to three decimals, «1,5», «1 000».</item>
/// </list>
/// Spaces inside numbers are no-break spaces (U+00A0), so a number never breaks across lines.
/// </summary>
public static class TemplateFilters
{
    public static readonly CultureInfo Russian = CreateCulture();

    private static readonly string[] MonthsGenitive =
        ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];

    internal static void Register(FilterCollection filters)
    {
        filters.AddFilter("money_words", MoneyWords);
        filters.AddFilter("date_words", DateWords);
        filters.AddFilter("money", Money);
        filters.AddFilter("number", Number);
        filters.AddFilter("date", Date);
        filters.AddFilter("vat", Vat);
        filters.AddFilter("without_vat", WithoutVat);
        filters.AddFilter("quantity", Quantity);
    }

    /// <summary>«28 ноября 2026 г.»</summary>
    public static string FormatDateWords(DateTime date) => $"{date.Day} {MonthsGenitive[date.Month - 1]} {date.Year} г.";

    /// <summary>«1 234 567,89 ₽»</summary>
    public static string FormatMoney(decimal amount, string currency = "RUB")
    {
        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        var symbol = currency.ToUpperInvariant() switch
        {
            "RUB" or "RUR" => "₽",
            "USD" => "$",
            "EUR" => "€",
            "CNY" => "¥",
            var other => other,
        };
        return rounded.ToString("#,##0.00", Russian) + "\u00A0" + symbol;
    }

    /// <summary>ru-RU grouping; <paramref name="decimals"/> fixes the count, null shows what the number has.</summary>
    public static string FormatNumber(decimal value, int? decimals = null) =>
        decimals is { } d
            ? Math.Round(value, d, MidpointRounding.AwayFromZero).ToString("#,##0" + (d > 0 ? "." + new string('0', d) : ""), Russian)
            : value.ToString("#,##0.############", Russian);

    /// <summary>The VAT inside an amount that includes it at <paramref name="rate"/> percent, to the kopeck.</summary>
    public static decimal VatOf(decimal amountWithVat, decimal rate)
    {
        var minor = DealItemMath.ToMinor(Math.Round(amountWithVat, 2, MidpointRounding.AwayFromZero))
            ?? throw new TemplateFilterException("vat", "The amount is out of range.");
        if (rate < 0 || rate > 100 || rate != decimal.Truncate(rate))
            throw new TemplateFilterException("vat", "The VAT rate must be a whole percent from 0 to 100.");
        return DealItemMath.FromMinor(DealItemMath.VatMinor(minor, (int)rate));
    }

    private static ValueTask<FluidValue> MoneyWords(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (input.IsNil())
            return Nil();
        var currency = arguments.Count > 0 ? arguments.At(0).ToStringValue() : "RUB";
        var amount = Amount(input, "money_words");
        if (amount < 0)
            throw new TemplateFilterException("money_words", "A negative amount cannot be written in words.");
        if (!RussianMoneyWords.IsKnownCurrency(currency))
            throw new TemplateFilterException("money_words", $"Amounts in {currency} cannot be written in words.");
        if (Math.Round(amount, 2, MidpointRounding.AwayFromZero) > RussianMoneyWords.Max)
            throw new TemplateFilterException("money_words", "The amount is too large to be written in words.");
        return Text(RussianMoneyWords.Format(amount, currency));
    }

    private static ValueTask<FluidValue> DateWords(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        ToDate(input, context) is { } date ? Text(FormatDateWords(date)) : Nil();

    private static ValueTask<FluidValue> Date(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (ToDate(input, context) is not { } date)
            return Nil();
        var format = arguments.Count > 0 ? arguments.At(0).ToStringValue() : "dd.MM.yyyy";
        // Liquid authors write strftime («%d.%m.%Y»), .NET authors «dd.MM.yyyy»: both are understood.
        if (format.Contains('%', StringComparison.Ordinal))
            format = FromStrftime(format);
        try
        {
            return Text(date.ToString(string.IsNullOrEmpty(format) ? "dd.MM.yyyy" : format, Russian));
        }
        catch (FormatException)
        {
            throw new TemplateFilterException("date", $"'{format}' is not a date format.");
        }
    }

    /// <summary>A strftime pattern as a .NET one: its directives mapped, everything else kept as literal text.</summary>
    internal static string FromStrftime(string pattern)
    {
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '%' || i + 1 == pattern.Length)
            {
                result.Append('\\').Append(pattern[i]);
                continue;
            }
            var directive = pattern[++i] switch
            {
                'd' => "dd",
                'e' => "%d",
                'm' => "MM",
                'y' => "yy",
                'Y' => "yyyy",
                'B' => "MMMM",
                'b' or 'h' => "MMM",
                'H' => "HH",
                'M' => "mm",
                'S' => "ss",
                'A' => "dddd",
                'a' => "ddd",
                '%' => "\\%",
                _ => throw new TemplateFilterException("date", $"'%{pattern[i]}' is not a date directive."),
            };
            result.Append(directive);
        }
        return result.ToString();
    }

    private static ValueTask<FluidValue> Money(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (input.IsNil())
            return Nil();
        var currency = arguments.Count > 0 && !arguments.At(0).IsNil() ? arguments.At(0).ToStringValue() : "RUB";
        return Text(FormatMoney(Amount(input, "money"), currency));
    }

    private static ValueTask<FluidValue> Number(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (input.IsNil())
            return Nil();
        int? decimals = null;
        if (arguments.Count > 0)
        {
            var d = arguments.At(0).ToNumberValue();
            if (d < 0 || d > 10 || d != decimal.Truncate(d))
                throw new TemplateFilterException("number", "The number of decimals must be from 0 to 10.");
            decimals = (int)d;
        }
        return Text(FormatNumber(Amount(input, "number"), decimals));
    }

    private static ValueTask<FluidValue> Quantity(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input.IsNil() ? Nil() : Text(FormatNumber(Math.Round(Amount(input, "quantity"), 3, MidpointRounding.AwayFromZero)));

    private static ValueTask<FluidValue> Vat(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (input.IsNil())
            return Nil();
        var rate = arguments.Count > 0 && !arguments.At(0).IsNil() ? arguments.At(0).ToNumberValue() : 20m;
        return new ValueTask<FluidValue>(NumberValue.Create(VatOf(Amount(input, "vat"), rate)));
    }

    private static ValueTask<FluidValue> WithoutVat(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (input.IsNil())
            return Nil();
        var rate = arguments.Count > 0 && !arguments.At(0).IsNil() ? arguments.At(0).ToNumberValue() : 20m;
        var amount = Math.Round(Amount(input, "without_vat"), 2, MidpointRounding.AwayFromZero);
        return new ValueTask<FluidValue>(NumberValue.Create(amount - VatOf(amount, rate)));
    }

    private static decimal Amount(FluidValue input, string filter)
    {
        if (input.Type == FluidValues.Number)
            return input.ToNumberValue();
        var text = input.ToStringValue().Replace("\u00A0", "").Replace(" ", "");
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var invariant))
            return invariant;
        if (decimal.TryParse(text, NumberStyles.Number, Russian, out var russian))
            return russian;
        throw new TemplateFilterException(filter, $"'{input.ToStringValue()}' is not a number.");
    }

    private static DateTime? ToDate(FluidValue input, TemplateContext context)
    {
        if (input.IsNil())
            return null;
        return input.ToObjectValue() switch
        {
            DateTime dt => dt,
            DateTimeOffset dto => dto.DateTime,
            DateOnly d => d.ToDateTime(TimeOnly.MinValue),
            _ => input.TryGetDateTimeInput(context, out var parsed) ? parsed.DateTime : throw new TemplateFilterException("date", $"'{input.ToStringValue()}' is not a date."),
        };
    }

    private static ValueTask<FluidValue> Text(string value) => new(new StringValue(value));

    private static ValueTask<FluidValue> Nil() => new(NilValue.Instance);

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ru-RU").Clone();
        culture.NumberFormat.NumberGroupSeparator = "\u00A0";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.CurrencyGroupSeparator = "\u00A0";
        culture.NumberFormat.CurrencyDecimalSeparator = ",";
        return CultureInfo.ReadOnly(culture);
    }
}

/// <summary>A filter refused its input; rendering turns it into <see cref="TemplateErrors.FilterFailed"/>.</summary>
public sealed class TemplateFilterException(string filter, string cause) : Exception(cause)
{
    public string Filter { get; } = filter;
}
