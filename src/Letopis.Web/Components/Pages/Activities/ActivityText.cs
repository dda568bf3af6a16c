using System.Globalization;
using Letopis.Core.Activities;
using Letopis.Web.Components.Shared;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Letopis.Web.Components.Pages.Activities;

/// <summary>How activities read on screen: kind names, group titles, icons, days; times come from <see cref="ViewerClock"/>.</summary>
public static class ActivityText
{
    /// <summary>The kind as the API spells it (<c>call</c>, <c>meeting</c>…), also the suffix of its texts.</summary>
    public static string Code(ActivityKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>«Звонок», «Встреча»…</summary>
    public static string KindName(IStringLocalizer<SharedResource> L, ActivityKind kind) => L["activity.kind." + Code(kind)];

    /// <summary>«Звонки (5)», «Встречи (2)»…</summary>
    public static string GroupTitle(IStringLocalizer<SharedResource> L, ActivityKind kind, int count) => L["agenda.group." + Code(kind), count];

    public static string StatusName(IStringLocalizer<SharedResource> L, ActivityStatus status) => L["activity.status." + status.ToString().ToLowerInvariant()];

    public static string Icon(ActivityKind kind) => kind switch
    {
        ActivityKind.Call => Icons.Material.Filled.Phone,
        ActivityKind.Meeting => Icons.Material.Filled.Groups,
        ActivityKind.Email => Icons.Material.Filled.AlternateEmail,
        ActivityKind.Fax => Icons.Material.Filled.Fax,
        ActivityKind.Letter => Icons.Material.Filled.MarkunreadMailbox,
        _ => Icons.Material.Filled.TaskAlt,
    };

    public static Color StatusColor(ActivityStatus status) => status switch
    {
        ActivityStatus.Done => Color.Success,
        ActivityStatus.Cancelled => Color.Default,
        _ => Color.Info,
    };

    /// <summary>«14:30–15:30» for something that lasts, else «14:30», on the viewer's clock.</summary>
    public static string TimeRange(ActivityDto a, ViewerClock clock) =>
        a.DurationMinutes is > 0 ? $"{clock.Time(a.PlannedAt)}–{clock.Time(a.EndsAt)}" : clock.Time(a.PlannedAt);

    /// <summary>«Суббота, 28 ноября 2026 г.».</summary>
    public static string LongDay(DateOnly day)
    {
        var culture = CultureInfo.CurrentCulture;
        // ru-RU's long date already names the weekday; en-US's too; others may not.
        var text = culture.DateTimeFormat.LongDatePattern.Contains("dddd", StringComparison.Ordinal)
            ? day.ToString("D", culture)
            : $"{day.ToString("dddd", culture)}, {day.ToString("D", culture)}";
        return Capitalized(text);
    }

    /// <summary>«Ноябрь 2026 г.».</summary>
    public static string Month(DateOnly day) => Capitalized(day.ToString("Y", CultureInfo.CurrentCulture));

    private static string Capitalized(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.CurrentCulture) + text[1..];

    /// <summary>«Иванова Мария Александровна» → «Иванова М. А.», as Russian office papers name people.</summary>
    public static string ShortName(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            3 => $"{parts[0]} {parts[1][0]}. {parts[2][0]}.",
            2 => $"{parts[0]} {parts[1][0]}.",
            _ => fullName,
        };
    }

    /// <summary>Monday of the week a day falls in (Russian weeks start on Monday).</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
