using Letopis.Core.Deals;

namespace Letopis.Core.Tests.Deals;

public class DealItemMathTests
{
    [Theory]
    [InlineData(1500, 33333, 50000)] // 1,5 × 333,33 = 499,995 → 500,00: half away from zero
    [InlineData(1000, 1, 1)]
    [InlineData(1, 1, 0)] // 0,001 × 0,01 = 0,00001 → 0
    [InlineData(500, 1, 1)] // 0,5 × 0,01 = 0,005 → 0,01
    [InlineData(333, 3, 1)] // 0,333 × 0,03 = 0,00999 → 0,01
    [InlineData(3000, 5, 15)]
    public void AmountMinor_RoundsHalfAwayFromZeroToTheKopeck(long quantityMilli, long priceMinor, long expected) =>
        DealItemMath.AmountMinor(quantityMilli, priceMinor).ShouldBe(expected);

    [Theory]
    [InlineData(50000, 20, 8333)] // 500,00 × 20/120 = 83,333…
    [InlineData(12000, 20, 2000)]
    [InlineData(15, 10, 1)] // 0,15 × 10/110 = 0,0136… → 0,01
    [InlineData(61, 22, 11)] // 0,61 × 22/122 = 0,11
    [InlineData(21, 5, 1)] // 0,21 × 5/105 = 0,01 exactly
    [InlineData(300050, 22, 54107)]
    [InlineData(10000, 0, 0)]
    public void VatMinor_IsTheIncludedVat_Rounded(long amountMinor, int rate, long expected) =>
        DealItemMath.VatMinor(amountMinor, rate).ShouldBe(expected);

    [Fact]
    public void VatMinor_WithoutRate_IsZero() => DealItemMath.VatMinor(10000, null).ShouldBe(0);

    [Fact]
    public void VatMinor_ExactHalf_RoundsUp()
    {
        // 0,07 × 10/110 would not be a half; 1,1 × 5/105 neither — build one: amount × 20 / 120 = n + 0,5 ⇔ amount = 6n + 3.
        DealItemMath.VatMinor(3, 20).ShouldBe(1); // 0,5 → 1
        DealItemMath.VatMinor(9, 20).ShouldBe(2); // 1,5 → 2
    }

    [Theory]
    [InlineData("1.5", 1500L)]
    [InlineData("0.001", 1L)]
    [InlineData("0.0001", null)]
    [InlineData("1000000000.001", null)]
    public void ToMilli_AcceptsThreeDecimals(string quantity, long? expected) =>
        DealItemMath.ToMilli(decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);

    [Theory]
    [InlineData("333.33", 33333L)]
    [InlineData("0.10", 10L)]
    [InlineData("0.001", null)]
    public void ToMinor_AcceptsTwoDecimals(string amount, long? expected) =>
        DealItemMath.ToMinor(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);

    [Fact]
    public void Line_BeyondTheLimit_IsRefused() =>
        DealItemMath.Line(DealItemMath.MaxQuantityMilli, DealItemMath.MaxMinor, 20).ShouldBeNull();

    [Fact]
    public void Line_GivesAmountAndVat() =>
        DealItemMath.Line(2000, 150025, 22).ShouldBe((300050L, 54107L));

    [Theory]
    [InlineData(0, true)]
    [InlineData(22, true)]
    [InlineData(18, false)]
    [InlineData(null, true)]
    public void IsVatRate_KnowsTheRussianRates(int? rate, bool expected) => DealItemMath.IsVatRate(rate).ShouldBe(expected);
}
