using Letopis.Core.Calendar;

namespace Letopis.Core.Tests.Calendar;

public class WorkingHoursTests
{
    private static readonly IReadOnlyDictionary<DateOnly, bool> Calendar2026 =
        WorkingDays.Russia2026().ToDictionary(d => d.Date, d => d.IsWorkingDay);

    private static bool Working(DateOnly day) => WorkingDays.IsWorkingDay(day, Calendar2026);

    [Theory]
    [InlineData("2026-11-29T04:10", "2026-11-30T09:00")] // Sunday before dawn → Monday morning
    [InlineData("2026-11-29T19:30", "2026-11-30T09:00")] // Sunday evening → Monday morning
    [InlineData("2026-11-27T10:20", "2026-11-27T11:00")] // Friday morning → the next whole hour
    [InlineData("2026-11-27T16:59", "2026-11-27T17:00")] // the last hour of the day still starts before six
    [InlineData("2026-11-27T17:00", "2026-11-30T09:00")] // Friday after five → Monday
    [InlineData("2026-11-30T06:45", "2026-11-30T09:00")] // Monday at dawn → nine the same day
    [InlineData("2026-11-03T18:30", "2026-11-05T09:00")] // Tuesday evening before the 4 November holiday → Thursday
    public void NextStart_AnyMoment_IsTheNextWholeWorkingHour(string now, string expected) =>
        WorkingHours.NextStart(DateTime.Parse(now), Working).ShouldBe(DateTime.Parse(expected));

    [Theory]
    [InlineData("2026-11-26", "14:30", "2026-11-27T14:30")] // Thursday → Friday, same time
    [InlineData("2026-11-27", "14:30", "2026-11-30T14:30")] // Friday → Monday
    [InlineData("2026-11-29", "14:30", "2026-11-30T14:30")] // done on a Sunday → Monday
    [InlineData("2026-11-27", "05:00", "2026-11-30T10:00")] // a call at five in the morning → ten
    [InlineData("2026-11-27", "18:00", "2026-11-30T10:00")] // one at the close of the day → ten
    [InlineData("2026-12-30", "11:00", "2027-01-11T11:00")] // over the New Year holidays and the 31 December transfer
    public void FollowUpStart_AfterAContact_IsTheNextWorkingDayAtItsTimeOrTen(string today, string time, string expected) =>
        WorkingHours.FollowUpStart(DateOnly.Parse(today), TimeOnly.Parse(time), Working).ShouldBe(DateTime.Parse(expected));

    [Fact]
    public void NextStart_CalendarWithoutAWorkingDay_StillEnds()
    {
        var start = WorkingHours.NextStart(new DateTime(2026, 11, 29, 19, 0, 0), _ => false);

        start.ShouldBe(new DateTime(2026, 11, 30, 9, 0, 0));
    }
}
