using System.Globalization;
using Letopis.Core.Access;
using Letopis.Core.Activities;
using Letopis.Core.Crm;
using Letopis.Core.CustomFields;
using Letopis.Core.Documents;
using Letopis.Core.History;
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
        [(Core.Leads.Lead.EntityKind, "status")] = (Api<Core.Leads.LeadStatus>, "lead.status."),
    };

    // Money kept in kopecks; history shows it in roubles, under the field's own name.
    private static readonly Dictionary<(string Kind, string Field), string> Minor = new()
    {
        [(Document.EntityKind, "amountMinor")] = "amount",
        [(Document.EntityKind, "vatAmountMinor")] = "vatAmount",
        [(Core.Deals.Deal.EntityKind, "amountMinor")] = "amount",
    };

    // Phones are kept as E.164 (+74951234567); the cards show them grouped (+7 495 123-45-67).
    private static readonly HashSet<string> PhoneFields = ["phone", "phone2", "fax", "phoneNumber"];

    /// <summary>
    /// Each card's fields in the order the card shows them, so that a save's changes read in that
    /// order (custom fields after them, anything else last).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> CardOrder = new Dictionary<string, string[]>
    {
        [Counterparty.EntityKind] =
        [
            "kind", "name", "fullName", "inn", "kpp", "ogrn", "legalAddress", "actualAddress", "postalAddress",
            "phone", "fax", "email", "website", "regionId", "categoryId", "groupId", "activityTypeId", "adSourceId", "responsibleId", "tags",
        ],
        [Document.EntityKind] =
        [
            "title", "typeId", "number", "journalId", "registeredOn", "status", "counterpartyId", "ourCompanyId", "parentId",
            "amountMinor", "currency", "vatRate", "vatAmountMinor", "signedByUsOn", "signedByCounterpartyOn", "validFrom", "validTo",
            "incomingNumber", "incomingDate", "responsibleId", "coResponsibleIds", "summary", "createdById",
        ],
        [ContactPerson.EntityKind] = ["fullName", "position", "phone", "phone2", "email", "birthDate", "consentOn", "notes"],
        [EntityKinds.User] = ["userName", "fullName", "email", "phoneNumber", "departmentId", "roles", "isActive", "culture", "timeZone"],
    };

    /// <summary>A save's changes in the card's field order: the kind's <see cref="CardOrder"/> (or <paramref name="order"/>), then custom fields, then the rest by name.</summary>
    public static IEnumerable<ChangeDto> InCardOrder(string entityKind, IEnumerable<ChangeDto> changes, IReadOnlyList<string>? order = null)
    {
        var fields = order ?? CardOrder.GetValueOrDefault(entityKind) ?? [];
        int Rank(string field)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                if (fields[i] == field)
                    return i;
            }
            return field.StartsWith(CustomValues.FieldPrefix, StringComparison.Ordinal) ? fields.Count : fields.Count + 1;
        }
        return changes.OrderBy(c => Rank(c.Field)).ThenBy(c => c.Field, StringComparer.Ordinal);
    }

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
        if (PhoneFields.Contains(field) && value.StartsWith('+'))
            return Phones.Format(value);
        if (entityKind == Document.EntityKind && field == "vatRate" && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rate))
            return $"{rate} %";
        if (entityKind == Document.EntityKind && field == "currency")
            return value == "RUB" ? "₽" : value;
        if (entityKind == Document.EntityKind && field == "approvalDecision")
            return DecisionText(L, value);
        if (entityKind == Document.EntityKind && field == Letopis.Core.Paper.PaperNotices.HistoryField)
            return Letopis.Web.Paper.PaperHistoryText.Render(L, value);
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
    /// A decision row is stored as «stage: who — approved» (and the comment and delay reason on the
    /// next lines); the reader reads the decision in their language: «— Согласовано».
    /// </summary>
    private static string DecisionText(IStringLocalizer<SharedResource> L, string value)
    {
        var end = value.IndexOf('\n');
        var first = end < 0 ? value : value[..end];
        var dash = first.LastIndexOf(" — ", StringComparison.Ordinal);
        if (dash < 0)
            return value;
        var word = L["approvals.card.task." + first[(dash + 3)..].Trim()];
        return word.ResourceNotFound ? value : first[..(dash + 3)] + word.Value + (end < 0 ? "" : value[end..]);
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
