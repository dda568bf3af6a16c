namespace Letopis.Core.Deals;

/// <summary>
/// The arithmetic of line items, exact in integers: quantities in thousandths, money in kopecks,
/// rounding half away from zero to the kopeck as Russian invoices do. No floating point anywhere,
/// so a sum is the same on the screen, in the API and in SQL.
/// </summary>
public static class DealItemMath
{
    /// <summary>The VAT rates Russian law knows (percent); null means «без НДС».</summary>
    public static readonly int[] VatRates = [0, 5, 7, 10, 20, 22];

    /// <summary>The largest amount a deal or an item may hold, in kopecks (10¹⁵ ₽ is beyond any sale).</summary>
    public const long MaxMinor = 100_000_000_000_000_000;

    /// <summary>The largest quantity, in thousandths (10⁹ units).</summary>
    public const long MaxQuantityMilli = 1_000_000_000_000;

    /// <summary>Quantity × price, rounded half away from zero to the kopeck.</summary>
    public static long AmountMinor(long quantityMilli, long priceMinor) =>
        (long)DivideRounded((Int128)quantityMilli * priceMinor, DealItem.QuantityScale);

    /// <summary>The VAT included in an amount at <paramref name="vatRate"/> percent: amount × rate / (100 + rate), rounded the same way.</summary>
    public static long VatMinor(long amountMinor, int? vatRate) =>
        vatRate is { } rate and > 0 ? (long)DivideRounded((Int128)amountMinor * rate, 100 + rate) : 0;

    public static bool IsVatRate(int? rate) => rate is null || VatRates.Contains(rate.Value);

    /// <summary>Kopecks from a decimal amount in roubles; null when it has more than two decimals or is out of range.</summary>
    public static long? ToMinor(decimal amount)
    {
        var scaled = amount * 100m;
        if (scaled != decimal.Truncate(scaled) || Math.Abs(scaled) > MaxMinor)
            return null;
        return (long)scaled;
    }

    /// <summary>Thousandths from a decimal quantity; null when it has more than three decimals or is out of range.</summary>
    public static long? ToMilli(decimal quantity)
    {
        var scaled = quantity * DealItem.QuantityScale;
        if (scaled != decimal.Truncate(scaled) || Math.Abs(scaled) > MaxQuantityMilli)
            return null;
        return (long)scaled;
    }

    public static decimal FromMinor(long minor) => minor / 100m;

    public static decimal FromMilli(long milli) => milli / (decimal)DealItem.QuantityScale;

    /// <summary>Computes an item's amount and VAT; null when the amount leaves the allowed range.</summary>
    public static (long Amount, long Vat)? Line(long quantityMilli, long priceMinor, int? vatRate)
    {
        var rounded = DivideRounded((Int128)quantityMilli * priceMinor, DealItem.QuantityScale);
        if (rounded > MaxMinor || rounded < -MaxMinor)
            return null;
        return ((long)rounded, VatMinor((long)rounded, vatRate));
    }

    /// <summary>n / d rounded half away from zero; d is positive.</summary>
    private static Int128 DivideRounded(Int128 n, long d)
    {
        var (quotient, remainder) = Int128.DivRem(n, d);
        if (Int128.Abs(remainder) * 2 >= d)
            quotient += Int128.Sign(n);
        return quotient;
    }
}
