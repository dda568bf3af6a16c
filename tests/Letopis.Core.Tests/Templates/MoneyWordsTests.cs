using Letopis.Core.Templates;

namespace Letopis.Core.Tests.Templates;

public class MoneyWordsTests
{
    [Theory]
    [InlineData("123000.45", "сто двадцать три тысячи рублей 45 копеек")]
    [InlineData("1", "один рубль 00 копеек")]
    [InlineData("2", "два рубля 00 копеек")]
    [InlineData("5", "пять рублей 00 копеек")]
    [InlineData("11", "одиннадцать рублей 00 копеек")]
    [InlineData("0", "ноль рублей 00 копеек")]
    [InlineData("0.01", "ноль рублей 01 копейка")]
    [InlineData("0.22", "ноль рублей 22 копейки")]
    [InlineData("21000", "двадцать одна тысяча рублей 00 копеек")]
    [InlineData("22000", "двадцать две тысячи рублей 00 копеек")]
    [InlineData("1000", "одна тысяча рублей 00 копеек")]
    [InlineData("111111", "сто одиннадцать тысяч сто одиннадцать рублей 00 копеек")]
    [InlineData("1000000", "один миллион рублей 00 копеек")]
    [InlineData("2500000.5", "два миллиона пятьсот тысяч рублей 50 копеек")]
    [InlineData("3000000001", "три миллиарда один рубль 00 копеек")]
    [InlineData("1000000000000000", "один квадриллион рублей 00 копеек")]
    [InlineData("999.999", "одна тысяча рублей 00 копеек")]
    public void Format_Amount_SpelledWithDeclension(string amount, string expected)
    {
        RussianMoneyWords.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);
    }

    [Fact]
    public void Format_Negative_Refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => RussianMoneyWords.Format(-1m));
    }

    [Fact]
    public void Format_Dollars_UsesDollarsAndCents()
    {
        RussianMoneyWords.Format(2.03m, "USD").ShouldBe("два доллара США 03 цента");
    }
}
