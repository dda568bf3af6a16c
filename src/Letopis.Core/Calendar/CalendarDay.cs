namespace Letopis.Core.Calendar;

/// <summary>
/// An exception to the ordinary week: a public holiday or transferred day off on a weekday
/// (<see cref="IsWorkingDay"/> false), or a working Saturday (true). Editable by admins.
/// </summary>
public class CalendarDay
{
    public DateOnly Date { get; set; }

    public bool IsWorkingDay { get; set; }

    public string Name { get; set; } = "";
}
