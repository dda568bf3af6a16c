using System.Collections.Concurrent;
using System.Globalization;

namespace Letopis.Core.Common;

/// <summary>
/// Time zones as Letopis names them: IANA ids only (<c>Europe/Moscow</c>, <c>Asia/Novosibirsk</c>), so
/// a stored zone means the same on every node whatever its operating system, and the conversions
/// between a stored UTC instant and the day or time a person reads.
/// </summary>
public static class TimeZones
{
    /// <summary>The company zone when <c>Letopis:TimeZone</c> is not set.</summary>
    public const string DefaultId = "Europe/Moscow";

    /// <summary>The longest id stored (the longest IANA id is 32 characters).</summary>
    public const int MaxIdLength = 64;

    /// <summary>Russia's zones from west to east, the pick list's first part (one city per zone, two for UTC+7).</summary>
    public static readonly IReadOnlyList<string> Russian =
    [
        "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk",
        "Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok",
        "Asia/Magadan", "Asia/Kamchatka",
    ];

    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Found = new(StringComparer.Ordinal);

    private static readonly Lazy<IReadOnlyList<string>> OtherIds = new(() =>
    [
        .. TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.HasIanaId && !Russian.Contains(z.Id))
            .OrderBy(z => z.BaseUtcOffset).ThenBy(z => z.Id, StringComparer.Ordinal)
            .Select(z => z.Id),
    ]);

    /// <summary>Every other IANA zone this machine knows, by offset, for the pick list's second part.</summary>
    public static IReadOnlyList<string> Others => OtherIds.Value;

    /// <summary>The zone of an IANA id (matched regardless of case); Windows ids and unknown names are refused.</summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength)
            return false;
        var found = Found.GetOrAdd(id.Trim(), static key =>
            Lookup(key) ?? (SpellingOf.Value.TryGetValue(key, out var canonical) ? Lookup(canonical) : null));
        if (found is null)
            return false;
        zone = found;
        return true;
    }

    // The runtime matches an id regardless of case only once it has that zone cached, so a spelling
    // in another case is first mapped to the machine's own spelling of it.
    private static readonly Lazy<Dictionary<string, string>> SpellingOf = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId)
            .DistinctBy(z => z.Id, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(z => z.Id, z => z.Id, StringComparer.OrdinalIgnoreCase));

    private static TimeZoneInfo? Lookup(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId ? zone : null;

    /// <summary>A stored zone, or <paramref name="fallback"/> when it is unset or no longer known to this machine.</summary>
    public static TimeZoneInfo FindOr(string? id, TimeZoneInfo fallback) =>
        id is not null && TryFind(id, out var zone) ? zone : fallback;

    /// <summary>A UTC instant as the wall-clock time of the zone.</summary>
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>The calendar day of a UTC instant in the zone.</summary>
    public static DateOnly DayOf(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(utc, zone));

    /// <summary>Today in the zone.</summary>
    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone) => DayOf(time.GetUtcNow().UtcDateTime, zone);

    /// <summary>The UTC instant a day starts in the zone.</summary>
    public static DateTime DayStartUtc(DateOnly day, TimeZoneInfo zone) =>
        ToUtc(day.ToDateTime(TimeOnly.MinValue), zone);

    /// <summary>
    /// A wall-clock time of the zone as a UTC instant. A time skipped by a clock change is read as if
    /// the clock had not moved yet; an ambiguous one as its first occurrence.
    /// </summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(unspecified)
            ? zone.GetUtcOffset(unspecified.AddHours(-3))
            : zone.IsAmbiguousTime(unspecified) ? zone.GetAmbiguousTimeOffsets(unspecified).Max() : zone.GetUtcOffset(unspecified);
        return DateTime.SpecifyKind(unspecified - offset, DateTimeKind.Utc);
    }

    /// <summary>A wall-clock time of the zone with its offset, as the API writes instants.</summary>
    public static DateTimeOffset WithOffset(DateTime local, TimeZoneInfo zone)
    {
        var utc = ToUtc(local, zone);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(utc));
    }

    /// <summary>«UTC+3», «UTC+5:30», «UTC−3:30»: the zone's offset at an instant.</summary>
    public static string OffsetName(TimeZoneInfo zone, DateTime utc)
    {
        var offset = zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        if (offset == TimeSpan.Zero)
            return "UTC";
        var sign = offset < TimeSpan.Zero ? "−" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0
            ? $"UTC{sign}{abs.Hours.ToString(CultureInfo.InvariantCulture)}"
            : $"UTC{sign}{abs.Hours.ToString(CultureInfo.InvariantCulture)}:{abs.Minutes.ToString("00", CultureInfo.InvariantCulture)}";
    }
}

/// <summary>The company's time zone (<c>Letopis:TimeZone</c>): the zone of every user who has not chosen one.</summary>
public sealed class CompanyTimeZone(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The company's calendar day now: deputyships begin and end on these days.</summary>
    public DateOnly Today(TimeProvider time) => TimeZones.Today(time, Zone);

    /// <summary>The wall-clock time deadline reminders arrive: the start of a working morning.</summary>
    public static readonly TimeOnly ReminderTime = new(9, 0);

    /// <summary>09:00 of a day in the company's zone, as UTC: when a reminder of a deadline arrives.</summary>
    public DateTime ReminderUtc(DateOnly day) => TimeZones.ToUtc(day.ToDateTime(ReminderTime), Zone);

    /// <summary>The start of the day after a due date, as UTC: from then on the thing is overdue.</summary>
    public DateTime OverdueFromUtc(DateOnly due) => TimeZones.DayStartUtc(due.AddDays(1), Zone);

    /// <summary>The configured zone; an unknown id stops the start with a message naming the setting.</summary>
    public static CompanyTimeZone FromSetting(string? id)
    {
        var value = string.IsNullOrWhiteSpace(id) ? TimeZones.DefaultId : id;
        return TimeZones.TryFind(value, out var zone)
            ? new CompanyTimeZone(zone)
            : throw new InvalidOperationException(
                $"Letopis:TimeZone is '{value}', which is not an IANA time zone id known to this machine. " +
                "Use an id such as Europe/Moscow, Asia/Novosibirsk or Asia/Vladivostok.");
    }
}
