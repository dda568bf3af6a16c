namespace Letopis.Core.Common;

/// <summary>
/// The one range of dates and instants Letopis accepts, from any client: years 1900 to 2199. It is
/// far wider than any date a CRM records (birthdays, contracts, plans), and far enough inside what
/// <see cref="DateTime"/> holds that converting to any time zone, adding days or a year, and a
/// database's own date arithmetic cannot overflow.
/// </summary>
public static class DateLimits
{
    public static readonly DateOnly First = new(1900, 1, 1);
    public static readonly DateOnly Last = new(2199, 12, 31);

    public static bool Contains(DateOnly day) => day >= First && day <= Last;

    public static bool Contains(DateTime instant) => Contains(DateOnly.FromDateTime(instant));

    /// <summary>Both the local date as written and the UTC date must be in range.</summary>
    public static bool Contains(DateTimeOffset instant) =>
        Contains(DateOnly.FromDateTime(instant.DateTime)) && Contains(DateOnly.FromDateTime(instant.UtcDateTime));
}
