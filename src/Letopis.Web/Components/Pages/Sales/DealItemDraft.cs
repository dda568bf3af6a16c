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

    public long? QuantityMilli => Quantity is { } q ? Core.Deals.DealItemMath.ToMilli(q) : null;

    public long? PriceMinor => Price is { } p ? Core.Deals.DealItemMath.ToMinor(p) : null;

    /// <summary>Quantity × price in kopecks as the server computes it; null while either is missing or invalid.</summary>
    public long? AmountMinor => QuantityMilli is { } q && PriceMinor is { } p ? Core.Deals.DealItemMath.Line(q, p, VatRate)?.Amount : null;

    /// <summary>The VAT included in <see cref="AmountMinor"/>.</summary>
    public long? VatMinor => QuantityMilli is { } q && PriceMinor is { } p ? Core.Deals.DealItemMath.Line(q, p, VatRate)?.Vat : null;
}
