using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Notifications;

namespace Letopis.Core.Tests.Crm;

public class CardRequisitesTests
{
    [Theory]
    [InlineData("30101810400000000225", "044525225", true)]
    [InlineData("30101810700000000187", "044525187", true)]
    [InlineData("30101810400000000226", "044525225", false)]
    [InlineData("30101810400000000225", "044030653", false)]
    [InlineData("30101810500000000653", "044030653", true)]
    public void IsValidCorrespondentAccount_ChecksItAgainstTheBik(string account, string bik, bool valid) =>
        Requisites.IsValidCorrespondentAccount(account, bik).ShouldBe(valid);

    [Fact]
    public void CompleteAccount_MakesAnAccountThatPassesOnlyForItsBik()
    {
        var account = Requisites.CompleteAccount("40702810000000012345", "044525225");

        Requisites.IsValidAccount(account, "044525225").ShouldBeTrue();
        account.Remove(8, 1).ShouldBe("4070281000000012345");
        Requisites.IsValidAccount(account, "044525187").ShouldBeFalse();
    }

    [Theory]
    [InlineData("1988-02-29", 2027, "2027-02-28")]
    [InlineData("1988-02-29", 2028, "2028-02-29")]
    [InlineData("1990-12-31", 2027, "2027-12-31")]
    public void YearlyDate_In29FebruaryOfACommonYear_Is28February(string date, int year, string expected) =>
        YearlyDates.In(DateOnly.Parse(date), year).ShouldBe(DateOnly.Parse(expected));

    [Fact]
    public void YearlyDue_DaysBeforeNewYear_FallsInThePreviousYear()
    {
        var due = Reminder.YearlyDue(new DateOnly(1980, 1, 3), 7, new TimeOnly(6, 0), TimeZoneInfo.Utc, new DateTime(2026, 11, 27, 6, 0, 0, DateTimeKind.Utc));

        due.ShouldBe(new DateTime(2026, 12, 27, 6, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void YearlyDue_ComesAtNineOnTheRecipientsOwnClock()
    {
        var after = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
        var birthday = new DateOnly(1975, 12, 10);

        // Vladivostok is UTC+10: 09:00 there on 7 December is 23:00 UTC on 6 December.
        Reminder.YearlyDue(birthday, 3, new TimeOnly(9, 0), TimeZones.FindOr("Asia/Vladivostok", TimeZoneInfo.Utc), after)
            .ShouldBe(new DateTime(2026, 12, 6, 23, 0, 0, DateTimeKind.Utc));
        // Moscow is UTC+3: 06:00 UTC.
        Reminder.YearlyDue(birthday, 3, new TimeOnly(9, 0), TimeZones.FindOr("Europe/Moscow", TimeZoneInfo.Utc), after)
            .ShouldBe(new DateTime(2026, 12, 7, 6, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void NextYear_OfAFiredBirthdayReminder_IsArmedForTheNextOccurrence()
    {
        var fired = new Reminder
        {
            UserId = Guid.NewGuid(),
            Title = "День рождения",
            DueAt = new DateTime(2027, 2, 27, 6, 0, 0, DateTimeKind.Utc),
            RepeatYearlyOn = new DateOnly(1988, 2, 29),
            RepeatDaysBefore = 1,
        };

        var next = fired.NextYear(new DateTime(2027, 2, 27, 6, 1, 0, DateTimeKind.Utc))!;

        next.DueAt.ShouldBe(new DateTime(2028, 2, 28, 6, 0, 0, DateTimeKind.Utc));
        next.Id.ShouldNotBe(fired.Id);
        new Reminder { Title = "разовое", DueAt = fired.DueAt }.NextYear(fired.DueAt).ShouldBeNull();
    }
}
