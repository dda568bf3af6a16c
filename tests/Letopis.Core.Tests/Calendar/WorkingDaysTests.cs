using Letopis.Core.Calendar;

namespace Letopis.Core.Tests.Calendar;

public class WorkingDaysTests
{
    private static readonly IReadOnlyDictionary<DateOnly, bool> None = new Dictionary<DateOnly, bool>();
    private static readonly IReadOnlyDictionary<DateOnly, bool> Calendar2026 =
        WorkingDays.Russia2026().ToDictionary(d => d.Date, d => d.IsWorkingDay);

    [Theory]
    [InlineData("2026-11-27", true)] // Friday
    [InlineData("2026-11-28", false)] // Saturday
    [InlineData("2026-11-29", false)] // Sunday
    [InlineData("2026-11-04", false)] // Day of National Unity, a Wednesday
    [InlineData("2027-01-08", false)] // New Year holidays, a Friday
    [InlineData("2027-06-11", true)] // Friday before Russia Day
    public void IsWorkingDay_WithoutOverrides_FollowsTheWeekAndFixedHolidays(string date, bool expected) =>
        WorkingDays.IsWorkingDay(DateOnly.Parse(date), None).ShouldBe(expected);

    [Fact]
    public void IsWorkingDay_Override_WinsOverTheWeekAndTheHolidays()
    {
        var overrides = new Dictionary<DateOnly, bool> { [new(2026, 11, 28)] = true, [new(2026, 11, 4)] = true, [new(2026, 12, 31)] = false };

        WorkingDays.IsWorkingDay(new(2026, 11, 28), overrides).ShouldBeTrue();
        WorkingDays.IsWorkingDay(new(2026, 11, 4), overrides).ShouldBeTrue();
        WorkingDays.IsWorkingDay(new(2026, 12, 31), overrides).ShouldBeFalse();
    }

    [Fact]
    public void Add_AcrossNewYear_SkipsTheTransferredDec31AndTheHolidays()
    {
        WorkingDays.Add(new(2026, 12, 30), 1, Calendar2026).ShouldBe(new DateOnly(2027, 1, 11));
        WorkingDays.Add(new(2026, 12, 30), 3, Calendar2026).ShouldBe(new DateOnly(2027, 1, 13));
        // Without the 2026 decree, 31 December is an ordinary Thursday.
        WorkingDays.Add(new(2026, 12, 30), 3, None).ShouldBe(new DateOnly(2027, 1, 12));
    }

    [Fact]
    public void Add_FromFridayOverTheWeekend_LandsOnMonday() =>
        WorkingDays.Add(new(2026, 11, 27), 1, None).ShouldBe(new DateOnly(2026, 11, 30));

    [Fact]
    public void Add_FromAWeekendDay_CountsTheNextWorkingDayAsTheFirst() =>
        WorkingDays.Add(new(2026, 11, 28), 1, None).ShouldBe(new DateOnly(2026, 11, 30));

    [Fact]
    public void Add_Zero_IsTheSameDayEvenWhenItIsADayOff() =>
        WorkingDays.Add(new(2026, 11, 29), 0, None).ShouldBe(new DateOnly(2026, 11, 29));

    [Fact]
    public void Add_Negative_CountsBackOverHolidays()
    {
        WorkingDays.Add(new(2026, 11, 5), -1, Calendar2026).ShouldBe(new DateOnly(2026, 11, 3));
        WorkingDays.Add(new(2027, 1, 11), -1, Calendar2026).ShouldBe(new DateOnly(2026, 12, 30));
    }

    [Fact]
    public void Russia2026_MarksDec31AndNov4AsDaysOff()
    {
        Calendar2026[new(2026, 12, 31)].ShouldBeFalse();
        Calendar2026[new(2026, 11, 4)].ShouldBeFalse();
        WorkingDays.Russia2026().ShouldAllBe(d => !string.IsNullOrEmpty(d.Name));
    }
}
