using Letopis.Core.Crm;

namespace Letopis.Core.Tests;

public class RequisitesTests
{
    [Theory]
    [InlineData("7707083893", true)]
    [InlineData("7707083894", false)]
    [InlineData("500100732259", true)]
    [InlineData("500100732258", false)]
    [InlineData("77070838", false)]
    [InlineData("77070838AB", false)]
    public void IsValidInn_ChecksTheControlDigits(string inn, bool valid) => Requisites.IsValidInn(inn).ShouldBe(valid);

    [Fact]
    public void CompleteInn10_AddsTheCheckDigit() => Requisites.CompleteInn10("770708389").ShouldBe("7707083893");

    [Theory]
    [InlineData("1027700132195", true)]
    [InlineData("1027700132196", false)]
    public void IsValidOgrn_ChecksTheControlDigit(string ogrn, bool valid) => Requisites.IsValidOgrn(ogrn).ShouldBe(valid);

    [Theory]
    [InlineData("304500116000157", true)]
    [InlineData("304500116000158", false)]
    public void IsValidOgrnip_ChecksTheControlDigit(string ogrnip, bool valid) => Requisites.IsValidOgrnip(ogrnip).ShouldBe(valid);

    [Theory]
    [InlineData("773601001", true)]
    [InlineData("7736AB001", true)]
    [InlineData("77360100", false)]
    [InlineData("7736ab001", false)]
    public void IsValidKpp_ChecksTheFormat(string kpp, bool valid) => Requisites.IsValidKpp(kpp).ShouldBe(valid);

    [Theory]
    [InlineData("40702810900000000001", "044525225", false)]
    [InlineData("40702810200000000001", "044525225", true)]
    public void IsValidAccount_ChecksTheAccountAgainstTheBik(string account, string bik, bool valid) =>
        Requisites.IsValidAccount(account, bik).ShouldBe(valid);

    [Theory]
    [InlineData("8 (495) 123-45-67", "+74951234567")]
    [InlineData("+7 916 000 11 22", "+79160001122")]
    [InlineData("позвоните мне", null)]
    public void Phones_NormalizesToE164(string raw, string? expected) => Phones.Normalize(raw).ShouldBe(expected);
}
