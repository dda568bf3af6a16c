using System.Globalization;
using System.Text.Json.Nodes;
using Letopis.Core.CustomFields;
using Letopis.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Components.Shared;

/// <summary>A counterparty chosen in a custom field's autocomplete.</summary>
public sealed record PickedCounterparty(Guid Id, string Name)
{
    public override string ToString() => Name;
}

/// <summary>
/// The custom field values of one record while a form edits them: one typed slot per field for the
/// matching Mud input, and the merge patch of what changed for the handler.
/// </summary>
public sealed class CustomFieldDraft
{
    private readonly IReadOnlyDictionary<string, object?> _original;
    private readonly bool _isNew;
    private readonly IReadOnlyList<CustomFieldDto> _all;

    public CustomFieldDraft(IEnumerable<CustomFieldDto> fields, IReadOnlyDictionary<string, object?>? values, bool isNew)
    {
        Fields = _all = fields.Where(f => !f.Archived).OrderBy(f => f.Order).ThenBy(f => f.Code).ToList();
        _original = values ?? CustomValues.None;
        _isNew = isNew;
        foreach (var f in Fields)
        {
            var v = _original.GetValueOrDefault(f.Code);
            switch (f.Type)
            {
                case CustomFieldType.Number or CustomFieldType.Money:
                    Numbers[f.Code] = v as decimal?;
                    break;
                case CustomFieldType.Date:
                    Dates[f.Code] = v is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : null;
                    break;
                case CustomFieldType.Bool:
                    Bools[f.Code] = v as bool? ?? false;
                    break;
                case CustomFieldType.List when f.Multiple:
                    Options[f.Code] = v is string[] many ? many : [];
                    break;
                case CustomFieldType.User:
                    Users[f.Code] = v is Guid u ? new PickedUser(u, "") : null;
                    break;
                case CustomFieldType.Counterparty:
                    Counterparties[f.Code] = v is Guid c ? new PickedCounterparty(c, "") : null;
                    break;
                default:
                    Text[f.Code] = v as string;
                    break;
            }
        }
    }

    /// <summary>The fields a form shows: active ones, in their order.</summary>
    public IReadOnlyList<CustomFieldDto> Fields { get; private set; }

    /// <summary>Every active field the draft was made with, as defined.</summary>
    public IReadOnlyList<CustomFieldDto> AllFields => _all;

    /// <summary>Codes of fields shown only because they still hold a value the record's kind no longer uses: they may be cleared.</summary>
    public IReadOnlySet<string> NotUsed { get; private set; } = new HashSet<string>();

    /// <summary>
    /// Narrows the form to <paramref name="fields"/> (some of this draft's fields, their <c>Required</c> as the record's
    /// kind decides), keeping what was typed; a field left out is neither shown nor sent.
    /// </summary>
    public void Use(IEnumerable<CustomFieldDto> fields, IEnumerable<string>? notUsed = null)
    {
        var known = _all.Select(f => f.Code).ToHashSet();
        Fields = fields.Where(f => known.Contains(f.Code)).OrderBy(f => f.Order).ThenBy(f => f.Code).ToList();
        NotUsed = (notUsed ?? []).ToHashSet();
    }

    public Dictionary<string, string?> Text { get; } = [];

    public Dictionary<string, decimal?> Numbers { get; } = [];

    public Dictionary<string, DateTime?> Dates { get; } = [];

    public Dictionary<string, bool> Bools { get; } = [];

    public Dictionary<string, IReadOnlyCollection<string>> Options { get; } = [];

    public Dictionary<string, PickedUser?> Users { get; } = [];

    public Dictionary<string, PickedCounterparty?> Counterparties { get; } = [];

    /// <summary>The error keys the form should show beside these fields (<c>customFields.&lt;code&gt;</c>).</summary>
    public IEnumerable<string> ErrorKeys => Fields.Select(f => CustomValues.FieldPrefix + f.Code);

    /// <summary>
    /// What to send: on a new record every filled-in field, otherwise only the fields whose value
    /// differs from what was loaded (null clears).
    /// </summary>
    public Dictionary<string, JsonNode?> ToPatch()
    {
        var patch = new Dictionary<string, JsonNode?>();
        foreach (var f in Fields)
        {
            var now = Current(f);
            if (_isNew)
            {
                if (now is not null)
                    patch[f.Code] = now;
                continue;
            }
            var before = Node(f, _original.GetValueOrDefault(f.Code));
            if (now?.ToJsonString() != before?.ToJsonString())
                patch[f.Code] = now;
        }
        return patch;
    }

    private JsonNode? Current(CustomFieldDto f) => f.Type switch
    {
        CustomFieldType.Number or CustomFieldType.Money => Numbers.GetValueOrDefault(f.Code) is { } n ? JsonValue.Create(n) : null,
        CustomFieldType.Date => Dates.GetValueOrDefault(f.Code) is { } d ? JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
        // An unticked box that was never set stays unset, so a form does not fill every card with «no».
        CustomFieldType.Bool => Bools.GetValueOrDefault(f.Code) ? JsonValue.Create(true)
            : _original.ContainsKey(f.Code) ? JsonValue.Create(false) : null,
        CustomFieldType.List when f.Multiple => Options.GetValueOrDefault(f.Code)?.ToList() is { Count: > 0 } many
            ? new JsonArray([.. f.Options.Where(many.Contains).Select(o => (JsonNode?)JsonValue.Create(o))])
            : null,
        CustomFieldType.User => Users.GetValueOrDefault(f.Code) is { } u ? JsonValue.Create(u.Id.ToString()) : null,
        CustomFieldType.Counterparty => Counterparties.GetValueOrDefault(f.Code) is { } c ? JsonValue.Create(c.Id.ToString()) : null,
        _ => string.IsNullOrWhiteSpace(Text.GetValueOrDefault(f.Code)) ? null : JsonValue.Create(Text[f.Code]!.Trim()),
    };

    private static JsonNode? Node(CustomFieldDto f, object? value) => value switch
    {
        null => null,
        decimal d => JsonValue.Create(d),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        bool b => JsonValue.Create(b),
        string[] many => new JsonArray([.. f.Options.Where(many.Contains).Select(o => (JsonNode?)JsonValue.Create(o))]),
        Guid g => JsonValue.Create(g.ToString()),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>A stored value as the user reads it, in their culture: «1 234 567,89 ₽», «28.11.2026», «да».</summary>
    public static string Display(IStringLocalizer<SharedResource> L, CustomFieldDto field, object? value, Func<Guid, string?>? name = null) =>
        value switch
        {
            null => "",
            decimal m when field.Type == CustomFieldType.Money => m.ToString("N2", CultureInfo.CurrentCulture) + " ₽",
            decimal n => n.ToString("#,##0.####", CultureInfo.CurrentCulture),
            DateOnly d => UiText.Day(d),
            bool b => b ? L["common.yes"] : L["common.no"],
            string[] many => string.Join(", ", many),
            Guid g => name?.Invoke(g) ?? L["customFields.hiddenRecord"],
            _ => value.ToString() ?? "",
        };
}
