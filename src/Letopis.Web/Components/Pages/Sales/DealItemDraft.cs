namespace Letopis.Web.Components.Pages.Sales;

/// <summary>A line of a deal as typed in the <see cref="DealItemsEditor"/>: roubles and units, converted exactly.</summary>
public sealed class DealItemDraft
{
    /// <summary>The VAT select's value for «без НДС».</summary>
    public const int NoVat = -1;

    /// <summary>The rates offered: 0, 10, 20 and 22 % (from 2026), and without VAT.</summary>
    public static readonly int[] VatRates = [0, 10, 20, 22, NoVat];

    public string? Name { get; set; }

    public decimal? Quantity { get; set; } = 1;

    public string? Unit { get; set; }

    /// <summary>The price of one unit with VAT, in roubles.</summary>
    public decimal? Price { get; set; }

    /// <summary>Percent, or <see cref="NoVat"/>.</summary>
    public int Vat { get; set; } = 22;

    public int? VatRate => Vat == NoVat ? null : Vat;

    public long? QuantityMilli => Quantity is { } q ? SalesText.ToMilli(q) : null;

    public long? PriceMinor => Price is { } p ? SalesText.ToMinor(p) : null;

    /// <summary>Quantity × price in kopecks, rounded half away from zero; null while either is missing or invalid.</summary>
    public long? AmountMinor => QuantityMilli is { } q && PriceMinor is { } p ? DealItemMath.Amount(q, p) : null;

    /// <summary>The VAT included in <see cref="AmountMinor"/>.</summary>
    public long? VatMinor => AmountMinor is { } a ? DealItemMath.Vat(a, VatRate) : null;
}

/// <summary>The sums of a line, in integers: the same kopecks the server stores.</summary>
public static class DealItemMath
{
    public static long Amount(long quantityMilli, long priceMinor) =>
        (long)Math.Round((decimal)quantityMilli * priceMinor / 1000m, MidpointRounding.AwayFromZero);

    /// <summary>VAT included in a sum: sum × rate / (100 + rate).</summary>
    public static long Vat(long amountMinor, int? rate) =>
        rate is { } r and > 0 ? (long)Math.Round((decimal)amountMinor * r / (100 + r), MidpointRounding.AwayFromZero) : 0;
}
