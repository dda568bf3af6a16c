using Letopis.Core.Common;

namespace Letopis.Core.Tests.Common;

public class TimeZonesTests
{
    [Theory]
    [InlineData("Asia/Novosibirsk", "Asia/Novosibirsk")]
    [InlineData("asia/novosibirsk", "Asia/Novosibirsk")]
    [InlineData(" ASIA/MAGADAN ", "Asia/Magadan")]
    public void TryFind_AnIanaIdInAnyCase_GivesTheZoneInItsOwnSpelling(string id, string expected)
    {
        TimeZones.TryFind(id, out var zone).ShouldBeTrue();
        zone.Id.ShouldBe(expected);
    }

    [Theory]
    [InlineData("Russian Standard Time")]
    [InlineData("Europe/Moskva")]
    [InlineData("")]
    [InlineData(null)]
    public void TryFind_WindowsIdsAndUnknownNames_AreRefused(string? id) => TimeZones.TryFind(id, out _).ShouldBeFalse();

    [Fact]
    public void DayStartUtc_OfAVladivostokDay_IsTheEveningBeforeInUtc()
    {
        TimeZones.TryFind("Asia/Vladivostok", out var zone).ShouldBeTrue();

        TimeZones.DayStartUtc(new DateOnly(2026, 11, 28), zone).ShouldBe(new DateTime(2026, 11, 27, 14, 0, 0, DateTimeKind.Utc));
        TimeZones.DayOf(new DateTime(2026, 11, 27, 14, 0, 0, DateTimeKind.Utc), zone).ShouldBe(new DateOnly(2026, 11, 28));
        TimeZones.DayOf(new DateTime(2026, 11, 27, 13, 59, 0, DateTimeKind.Utc), zone).ShouldBe(new DateOnly(2026, 11, 27));
    }

    [Fact]
    public void WithOffset_A14OClockMoscowCall_Is11Utc()
    {
        TimeZones.TryFind("Europe/Moscow", out var zone).ShouldBeTrue();

        var at = TimeZones.WithOffset(new DateTime(2026, 11, 30, 14, 0, 0), zone);

        at.Offset.ShouldBe(TimeSpan.FromHours(3));
        at.UtcDateTime.ShouldBe(new DateTime(2026, 11, 30, 11, 0, 0, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("Europe/Kaliningrad", "UTC+2")]
    [InlineData("Asia/Kamchatka", "UTC+12")]
    [InlineData("Asia/Kolkata", "UTC+5:30")]
    [InlineData("America/St_Johns", "UTC−3:30")]
    [InlineData("UTC", "UTC")]
    public void OffsetName_ReadsAsPeopleWriteIt(string id, string expected)
    {
        TimeZones.TryFind(id, out var zone).ShouldBeTrue();

        TimeZones.OffsetName(zone, new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc)).ShouldBe(expected);
    }

    [Fact]
    public void CompanyZone_FromAnUnknownSetting_StopsTheStartNamingTheSetting()
    {
        var error = Should.Throw<InvalidOperationException>(() => CompanyTimeZone.FromSetting("Europe/Moskva"));

        error.Message.ShouldContain("Letopis:TimeZone");
        CompanyTimeZone.FromSetting(null).Zone.Id.ShouldBe("Europe/Moscow");
    }
}
