using Letopis.Core.Common;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Components.Shared;

/// <summary>Time zones as people read them: «Москва, UTC+3» for Russia's, «Europe/Berlin, UTC+1» for the rest.</summary>
public static class TimeZoneText
{
    /// <summary>The city of a Russian zone in the user's language; other zones by their IANA id.</summary>
    public static string City(IStringLocalizer<SharedResource> L, string id)
    {
        if (TimeZones.Russian.Contains(id))
        {
            var text = L["timeZone.city." + id[(id.LastIndexOf('/') + 1)..].ToLowerInvariant()];
            if (!text.ResourceNotFound)
                return text.Value;
        }
        return id.Replace('_', ' ');
    }

    /// <summary>«Москва, UTC+3»: the zone with its offset at <paramref name="atUtc"/>.</summary>
    public static string Name(IStringLocalizer<SharedResource> L, TimeZoneInfo zone, DateTime atUtc) =>
        $"{City(L, zone.Id)}, {TimeZones.OffsetName(zone, atUtc)}";

    /// <summary>The pick list: Russia's zones from west to east, then every other zone by offset.</summary>
    public static IEnumerable<(string Id, string Label, bool Russian)> Choices(IStringLocalizer<SharedResource> L, DateTime atUtc)
    {
        foreach (var id in TimeZones.Russian.Concat(TimeZones.Others))
        {
            if (TimeZones.TryFind(id, out var zone))
                yield return (id, Name(L, zone, atUtc), TimeZones.Russian.Contains(id));
        }
    }
}
