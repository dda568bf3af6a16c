using System.Globalization;
using Letopis.Core.Activities;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Documents;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Components.Shared;

/// <summary>
/// How a history row's stored values read on screen, for every card and dialog that shows history.
/// History keeps values as the database holds them (enum members such as <c>OnApproval</c>,
/// invariant dates, money in minor units), so that they stay comparable whatever the reader's
/// language; this turns them into the reader's words and culture.
/// </summary>
public static class HistoryText
{
    // (entity kind, field) → the value's enum and the resource prefix of its localized names (keys use the API spelling).
    private static readonly Dictionary<(string Kind, string Field), (Func<string, string?> ToApi, string Prefix)> Enums = new()
    {
        [(Document.EntityKind, "status")] = (Api<DocumentStatus>, "doc.status."),
        [(DocumentType.EntityKind, "kind")] = (Api<DocumentKind>, "doc.kind."),
        [(DocumentType.EntityKind, "gender")] = (Api<GrammaticalGender>, "docSettings.gender."),
        [(Counterparty.EntityKind, "kind")] = (Api<CounterpartyKind>, "crm.kind."),
        [(Activity.EntityKind, "kind")] = (Api<ActivityKind>, "activity.kind."),
        [(CustomField.EntityKind, "type")] = (Api<CustomFieldType>, "customFields.type."),
    };

    // Money kept in kopecks; history shows it in roubles, under the field's own name.
    private static readonly Dictionary<(string Kind, string Field), string> Minor = new()
    {
        [(Document.EntityKind, "amountMinor")] = "amount",
        [(Document.EntityKind, "vatAmountMinor")] = "vatAmount",
    };

    /// <summary>
    /// A stored value as the reader reads it: a status or kind by its localized name, yes/no, a date
    /// or moment in the reader's culture and time zone, a sum in roubles, a name for a known id; «—» for none.
    /// </summary>
    public static string Value(
        IStringLocalizer<SharedResource> L, ViewerClock clock, string entityKind, string field, string? value, IReadOnlyDictionary<string, string>? names = null)
    {
        if (value is null)
            return "—";
        if (Enums.TryGetValue((entityKind, field), out var e) && e.ToApi(value) is { } api)
        {
            var text = L[e.Prefix + api];
            return text.ResourceNotFound ? value : text.Value;
        }
        if (Minor.ContainsKey((entityKind, field)) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var minor))
            return Document.FromMinor(minor)!.Value.ToString("N2", CultureInfo.CurrentCulture);
        if (names is not null && names.TryGetValue(value, out var name))
            return name;
        return value switch
        {
            "true" or "True" => L["common.yes"],
            "false" or "False" => L["common.no"],
            // Days are stored as yyyy-MM-dd, moments as ISO 8601 UTC.
            _ when value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                => UiText.Day(day),
            _ when value.Length >= 19 && value[4] == '-' && value[10] == 'T'
                   && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment)
                => clock.Moment(moment.Kind == DateTimeKind.Local ? moment.ToUniversalTime() : moment),
            _ => value,
        };
    }

    /// <summary>
    /// A history row's field as the reader knows it: a custom field by its label, else
    /// <paramref name="prefix"/> + field, else the shared <c>common.field.*</c> name, else the field as stored.
    /// </summary>
    public static string Field(
        IStringLocalizer<SharedResource> L, string entityKind, string prefix, string field, IReadOnlyDictionary<string, string>? customLabels = null)
    {
        if (customLabels is not null && customLabels.TryGetValue(field, out var custom))
            return custom;
        var key = Minor.GetValueOrDefault((entityKind, field), field);
        foreach (var candidate in new[] { prefix + key, "common.field." + key })
        {
            var text = L[candidate];
            if (!text.ResourceNotFound)
                return text.Value;
        }
        return field;
    }

    /// <summary>The API spelling of a stored enum value (<c>OnApproval</c> or <c>on_approval</c> → <c>on_approval</c>); null when it is no member.</summary>
    private static string? Api<T>(string value)
        where T : struct, Enum
    {
        if (value.Length > 0 && !char.IsAsciiDigit(value[0]) && value[0] != '-' && Enum.TryParse<T>(value, ignoreCase: true, out var member))
            return ApiNames.Of(member);
        return ApiNames.Parse<T>(value) is { } parsed ? ApiNames.Of(parsed) : null;
    }
}
