using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Letopis.Core.Crm;

namespace Letopis.Core.Activities;

/// <summary>The words of a feed in its owner's language; the host fills them from its resources.</summary>
public sealed record CalendarFeedWording(
    string CalendarName, Func<ActivityKind, string> Kind, string Counterparty, string Contact, string Phone, string Done);

/// <summary>
/// Writes a feed as an iCalendar (RFC 5545) document with Ical.Net: one VEVENT per activity,
/// times in UTC (clients show them in their own zone), a stable UID per activity and its version
/// as SEQUENCE, so clients update moved activities in place instead of duplicating them.
/// </summary>
/// <remarks>
/// Cancelled activities are left out rather than sent as <c>STATUS:CANCELLED</c>: a subscribed
/// calendar is a snapshot that clients replace on every refresh, so a dropped event disappears, while
/// several clients (Google Calendar among them) ignore STATUS on subscribed feeds and would show a
/// cancelled meeting as if it were still on. Done ones stay, so the last month reads as it happened.
/// </remarks>
public static class CalendarFeedIcs
{
    /// <summary>Events without a duration (calls, letters, tasks) get this much room in a calendar grid.</summary>
    public const int DefaultMinutes = 15;

    public static string Write(CalendarFeedContent content, CalendarFeedWording words)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Letopis//Letopis CRM//RU", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", words.CalendarName);
        // RFC 7986 and its older Microsoft spelling: how often a subscriber should come back.
        var refresh = new CalendarProperty("REFRESH-INTERVAL", "PT30M");
        refresh.Parameters.Add("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT30M");
        var stamp = new CalDateTime(content.GeneratedAt);
        foreach (var item in content.Items)
        {
            var summary = $"{words.Kind(item.Kind)}: {item.Subject}" + (item.CounterpartyName is { } name ? $" — {name}" : "");
            var e = new CalendarEvent
            {
                Uid = $"{item.Id}@letopis",
                Sequence = item.Version,
                DtStamp = stamp,
                Start = new CalDateTime(item.PlannedAt),
                End = new CalDateTime(item.PlannedAt.AddMinutes(item.DurationMinutes is > 0 and var d ? d : DefaultMinutes)),
                Summary = summary,
                Description = Describe(item, words),
                Location = string.IsNullOrWhiteSpace(item.Place) ? null : item.Place,
                Status = EventStatus.Confirmed,
            };
            if (item.Status == ActivityStatus.Planned && item.RemindBeforeMinutes is { } minutes)
            {
                e.Alarms.Add(new Alarm
                {
                    Action = AlarmAction.Display,
                    Description = summary,
                    Trigger = new Trigger(Duration.FromMinutes(-minutes)),
                });
            }
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static string Describe(CalendarFeedItem item, CalendarFeedWording words)
    {
        var lines = new List<string>();
        if (item.Status == ActivityStatus.Done)
            lines.Add(words.Done);
        if (item.CounterpartyName is { } counterparty)
            lines.Add($"{words.Counterparty}: {counterparty}");
        if (item.ContactName is { } contact)
            lines.Add($"{words.Contact}: {contact}");
        if (item.Phone is { } phone)
            lines.Add($"{words.Phone}: {Phones.Format(phone)}");
        if (!string.IsNullOrWhiteSpace(item.Description))
        {
            if (lines.Count > 0)
                lines.Add("");
            lines.Add(item.Description.Trim());
        }
        return string.Join("\n", lines);
    }
}
