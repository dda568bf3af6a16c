using Letopis.Core.Common;

namespace Letopis.Core.Tests.Common;

public class TextRulesTests
{
    [Theory]
    [InlineData("ООО «Ромашка»")]
    [InlineData("Müller & Söhne GmbH")]
    [InlineData("Склад 🚚 №2")]
    [InlineData("אבג")]
    [InlineData("Иван\u200DИванович")]
    public void IsAllowed_TextPeopleType_IsAllowedOnOneLine(string text) =>
        TextRules.IsAllowed(text).ShouldBeTrue();

    [Theory]
    [InlineData("a\0b")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u2028b")]
    [InlineData("invoice\u202Efdp.exe")]
    [InlineData("a\u2066b\u2069")]
    public void IsAllowed_ControlsOverridesAndBrokenSurrogates_AreRefusedOnOneLine(string text) =>
        TextRules.IsAllowed(text).ShouldBeFalse();

    [Fact]
    public void IsAllowed_UnpairedSurrogate_IsRefused()
    {
        // In code, not in [InlineData]: attribute strings are stored as UTF-8 and lose a lone surrogate.
        TextRules.IsAllowed("a\uD800b").ShouldBeFalse();
        TextRules.IsAllowed("a\uDC00").ShouldBeFalse();
        TextRules.IsAllowed("a\uD83D\uDE9A").ShouldBeTrue();
    }

    [Fact]
    public void IsAllowed_MultiLine_TakesLineBreaksAndTabsButNotOtherControls()
    {
        TextRules.IsAllowed("КП отправлено.\r\nЖдём:\tдо пятницы", multiLine: true).ShouldBeTrue();
        TextRules.IsAllowed("Ждём\0", multiLine: true).ShouldBeFalse();
        TextRules.IsAllowed("Ждём\u001B[31m", multiLine: true).ShouldBeFalse();
        TextRules.IsAllowed("\u202Eответ", multiLine: true).ShouldBeFalse();
    }
}
