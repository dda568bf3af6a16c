using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.History;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.CustomFields;

/// <summary>Field error codes of custom field values; the web layer localizes them.</summary>
public static class CustomFieldErrors
{
    public const string UnknownField = "unknown_field";
    public const string Archived = "field_archived";
    public const string NotANumber = "not_a_number";
    public const string NotMoney = "not_money";
    public const string NotADate = "not_a_date";
    public const string NotABool = "not_a_bool";
    public const string NotAnOption = "not_an_option";
    public const string NotText = "not_text";

    /// <summary>A value for a document custom field that the document's type hides.</summary>
    public const string NotUsedByType = "field_not_used_by_type";
}

/// <summary>
/// The custom field values of any kind of record, for the handlers that create, edit and read those
/// records: <see cref="PrepareAsync"/> validates a merge patch (<c>{"code": value}</c>, null clears),
/// <see cref="CustomValueChange.Apply"/> stages the rows and their history in the handler's
/// SaveChanges, <see cref="ReadManyAsync"/> returns <c>{"code": value}</c> per record.
/// </summary>
public static class CustomValues
{
    public const string FieldPrefix = "customFields.";

    public static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    /// <summary>
    /// Validates <paramref name="input"/> against the entity's definitions and the record's current
    /// values. On a new record every required, non-archived field must be given. <paramref name="modeOf"/>
    /// says how the record uses each field when its kind decides that (a document's type); without it
    /// a field is required as it is defined.
    /// </summary>
    public static Task<CustomValueChange> PrepareAsync(
        LetopisDb db, AccessContext access, string entity, Guid entityId, bool isNew,
        IReadOnlyDictionary<string, JsonNode?>? input, CancellationToken ct) =>
        PrepareAsync(db, access, entity, entityId, isNew, input, null, ct);

    /// <inheritdoc cref="PrepareAsync(LetopisDb, AccessContext, string, Guid, bool, IReadOnlyDictionary{string, JsonNode?}?, CancellationToken)"/>
    public static async Task<CustomValueChange> PrepareAsync(
        LetopisDb db, AccessContext access, string entity, Guid entityId, bool isNew,
        IReadOnlyDictionary<string, JsonNode?>? input, Func<CustomField, DocumentFieldMode>? modeOf, CancellationToken ct)
    {
        DocumentFieldMode Mode(CustomField f) => modeOf?.Invoke(f) ?? DocumentType.DefaultMode(f.Required);

        var errors = new List<(string, string)>();
        var planned = new Dictionary<Guid, List<CustomFieldValue>>();
        if (input is not { Count: > 0 } && !isNew)
            return new CustomValueChange(errors, planned, [], [], isNew);

        var defs = await db.CustomFields.AsNoTracking().Where(f => f.Entity == entity).ToListAsync(ct);
        var existing = isNew ? [] : await db.CustomFieldValues.Where(v => v.EntityId == entityId).ToListAsync(ct);
        var newGuids = new List<(CustomField Field, Guid Id)>();
        foreach (var (code, node) in input ?? new Dictionary<string, JsonNode?>())
        {
            var field = defs.FirstOrDefault(f => f.Code == code);
            var name = FieldPrefix + code;
            if (field is null)
            {
                errors.Add((name, CustomFieldErrors.UnknownField));
                continue;
            }
            if (field.IsArchived)
            {
                errors.Add((name, CustomFieldErrors.Archived));
                continue;
            }
            var (values, error) = Parse(field, node);
            if (error is not null)
            {
                errors.Add((name, error));
                continue;
            }
            var mode = Mode(field);
            // A hidden field's stored value stays and may be cleared, or sent back unchanged; a new one is refused.
            if (mode == DocumentFieldMode.Hidden && values.Count > 0
                && Text(field, values) != Text(field, existing.Where(v => v.FieldId == field.Id).ToList()))
            {
                errors.Add((name, CustomFieldErrors.NotUsedByType));
                continue;
            }
            if (values.Count == 0 && mode == DocumentFieldMode.Required)
            {
                errors.Add((name, FieldErrors.Required));
                continue;
            }
            planned[field.Id] = values;
            foreach (var v in values)
            {
                if (v.GuidValue is { } id && !existing.Any(e => e.FieldId == field.Id && e.GuidValue == id))
                    newGuids.Add((field, id));
            }
        }
        if (isNew)
        {
            foreach (var field in defs.Where(f => Mode(f) == DocumentFieldMode.Required && !f.IsArchived && !planned.ContainsKey(f.Id)
                                                  && !errors.Any(e => e.Item1 == FieldPrefix + f.Code)))
                errors.Add((FieldPrefix + field.Code, FieldErrors.Required));
        }

        // A new reference must point at someone who works here, or a card the editor can see.
        var users = newGuids.Where(g => g.Field.Type == CustomFieldType.User).Select(g => g.Id).Distinct().ToList();
        if (users.Count > 0)
        {
            var found = await db.Users.Where(u => users.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(ct);
            errors.AddRange(newGuids.Where(g => g.Field.Type == CustomFieldType.User && !found.Contains(g.Id))
                .Select(g => (FieldPrefix + g.Field.Code, FieldErrors.NotFound)).Distinct());
        }
        var cards = newGuids.Where(g => g.Field.Type == CustomFieldType.Counterparty).Select(g => g.Id).Distinct().ToList();
        if (cards.Count > 0)
        {
            var found = await db.Counterparties.VisibleTo(access, Counterparty.EntityKind)
                .Where(c => cards.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            errors.AddRange(newGuids.Where(g => g.Field.Type == CustomFieldType.Counterparty && !found.Contains(g.Id))
                .Select(g => (FieldPrefix + g.Field.Code, FieldErrors.NotFound)).Distinct());
        }
        return new CustomValueChange(errors, planned, defs, existing, isNew);
    }

    /// <summary>The values of many records of one entity (a directory page), keyed by record and code.</summary>
    public static async Task<Dictionary<Guid, IReadOnlyDictionary<string, object?>>> ReadManyAsync(
        LetopisDb db, string entity, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, IReadOnlyDictionary<string, object?>>();
        if (ids.Count == 0)
            return result;
        var idList = ids.Distinct().ToList();
        // Values with their definitions in one round trip.
        var rows = await db.CustomFieldValues.AsNoTracking()
            .Where(v => EF.Parameter(idList).Contains(v.EntityId))
            .Join(db.CustomFields.Where(f => f.Entity == entity), v => v.FieldId, f => f.Id, (v, f) => new ValueWithField(v, f))
            .ToListAsync(ct);
        foreach (var byEntity in rows.GroupBy(r => r.Value.EntityId))
            result[byEntity.Key] = Values(byEntity);
        return result;
    }

    /// <summary>One record's values with their definitions in one compiled round trip: cards read it on every open.</summary>
    public static async Task<IReadOnlyDictionary<string, object?>> ReadAsync(LetopisDb db, string entity, Guid id, CancellationToken ct)
    {
        var rows = new List<ValueWithField>();
        await foreach (var row in ReadOneQuery.For(db)(db, entity, id).WithCancellation(ct))
            rows.Add(row);
        if (rows.Count == 0)
            return None;
        return Values(rows);
    }

    /// <summary>One record's values by field code, in the fields' order.</summary>
    private static Dictionary<string, object?> Values(IEnumerable<ValueWithField> rows)
    {
        var values = new Dictionary<string, object?>();
        foreach (var byField in rows.GroupBy(r => r.Field.Id).OrderBy(g => g.First().Field.Order))
            values[byField.First().Field.Code] = Value(byField.First().Field, byField.Select(r => r.Value).ToList());
        return values;
    }

    private static readonly PerModel<Func<LetopisDb, string, Guid, IAsyncEnumerable<ValueWithField>>> ReadOneQuery = new(() =>
        EF.CompileAsyncQuery((LetopisDb d, string entity, Guid id) => d.CustomFieldValues.AsNoTracking()
            .Where(v => v.EntityId == id)
            .Join(d.CustomFields.Where(f => f.Entity == entity), v => v.FieldId, f => f.Id, (v, f) => new ValueWithField(v, f))));

    // A named type, not a tuple: Npgsql would read a tuple as a PostgreSQL ROW.
    private sealed record ValueWithField(CustomFieldValue Value, CustomField Field);

    /// <summary>The API value of stored rows: text, number, date, bool, option(s) or an id.</summary>
    public static object? Value(CustomField field, IReadOnlyList<CustomFieldValue> rows)
    {
        if (rows.Count == 0)
            return null;
        var row = rows[0];
        return field.Type switch
        {
            CustomFieldType.String => row.StringValue,
            CustomFieldType.Number => row.NumberValue is { } n ? Number(n) : null,
            CustomFieldType.Money => row.NumberValue is { } m ? Money(m) : null,
            CustomFieldType.Date => row.DateValue,
            CustomFieldType.Bool => row.BoolValue,
            CustomFieldType.List when field.Multiple => Ordered(field, rows).ToArray(),
            CustomFieldType.List => row.StringValue,
            _ => row.GuidValue,
        };
    }

    /// <summary>Stored rows as one line of text for the history: invariant numbers, ISO dates, options joined.</summary>
    public static string? Text(CustomField field, IReadOnlyList<CustomFieldValue> rows)
    {
        if (rows.Count == 0)
            return null;
        return Value(field, rows) switch
        {
            null => null,
            string[] many => string.Join(", ", many),
            decimal d when field.Type == CustomFieldType.Money => d.ToString("0.00", CultureInfo.InvariantCulture),
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            var other => other.ToString(),
        };
    }

    public static decimal Number(long scaled) => scaled / (decimal)CustomFieldValue.Scale / 1.000000000000000000000000000000000m;

    // Two decimals always (1500000.00), as money is written.
    public static decimal Money(long scaled) => decimal.Round(scaled / (decimal)CustomFieldValue.Scale, 2) + 0.00m;

    /// <summary>A decimal as stored (ten-thousandths), or null when it has more decimals than the type allows or is too large.</summary>
    public static long? Scaled(decimal value, int maxDecimals)
    {
        // 10^14 keeps the scaled value well inside a long.
        if (decimal.Round(value, maxDecimals) != value || Math.Abs(value) >= 100_000_000_000_000m)
            return null;
        return (long)(value * CustomFieldValue.Scale);
    }

    private static IEnumerable<string> Ordered(CustomField field, IEnumerable<CustomFieldValue> rows)
    {
        var options = field.OptionList();
        return rows.Select(r => r.StringValue!).OrderBy(s => options.IndexOf(s) is var i and >= 0 ? i : int.MaxValue).ThenBy(s => s, StringComparer.Ordinal);
    }

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
                return i;
        }
        return -1;
    }

    /// <summary>One JSON value as rows to store (none: clear), or the field error code.</summary>
    internal static (List<CustomFieldValue> Values, string? Error) Parse(CustomField field, JsonNode? node)
    {
        if (node is null)
            return ([], null);
        if (field.Type == CustomFieldType.List && field.Multiple)
        {
            var items = node is JsonArray array ? array.ToList() : [node];
            var chosen = new List<string>();
            foreach (var item in items)
            {
                if (item is not JsonValue v || !v.TryGetValue<string>(out var s))
                    return ([], CustomFieldErrors.NotAnOption);
                if (!field.OptionList().Contains(s.Trim()))
                    return ([], CustomFieldErrors.NotAnOption);
                if (!chosen.Contains(s.Trim()))
                    chosen.Add(s.Trim());
            }
            return (chosen.Select(s => new CustomFieldValue { FieldId = field.Id, StringValue = s }).ToList(), null);
        }
        if (node is not JsonValue value)
            return ([], WrongType(field.Type));

        var row = new CustomFieldValue { FieldId = field.Id };
        switch (field.Type)
        {
            case CustomFieldType.String:
                if (!value.TryGetValue<string>(out var text))
                    return ([], CustomFieldErrors.NotText);
                text = text.Trim();
                if (text.Length == 0)
                    return ([], null);
                if (text.Length > CustomFieldValue.StringMax)
                    return ([], FieldErrors.TooLong);
                if (!TextRules.IsAllowed(text))
                    return ([], TextRules.ControlCharacters);
                row.StringValue = text;
                break;
            case CustomFieldType.Number or CustomFieldType.Money:
                var decimals = field.Type == CustomFieldType.Money ? 2 : 4;
                if (!TryDecimal(value, out var number) || Scaled(number, decimals) is not { } scaled)
                    return ([], WrongType(field.Type));
                row.NumberValue = scaled;
                break;
            case CustomFieldType.Date:
                if (!value.TryGetValue<string>(out var iso)
                    || !DateOnly.TryParseExact(iso.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return ([], CustomFieldErrors.NotADate);
                row.DateValue = date;
                break;
            case CustomFieldType.Bool:
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                    return ([], CustomFieldErrors.NotABool);
                row.BoolValue = value.GetValue<bool>();
                break;
            case CustomFieldType.List:
                if (!value.TryGetValue<string>(out var option) || !field.OptionList().Contains(option.Trim()))
                    return ([], CustomFieldErrors.NotAnOption);
                row.StringValue = option.Trim();
                break;
            default:
                if (!value.TryGetValue<string>(out var raw) || !Guid.TryParse(raw, out var id))
                    return ([], FieldErrors.Invalid);
                row.GuidValue = id;
                break;
        }
        return ([row], null);
    }

    private static bool TryDecimal(JsonValue value, out decimal number)
    {
        number = 0;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.TryGetValue(out number),
            // Forms and 1C exchanges often send numbers as strings; a comma is a Russian decimal separator.
            JsonValueKind.String => decimal.TryParse(
                new string(value.GetValue<string>().Where(c => !char.IsWhiteSpace(c)).ToArray()).Replace(',', '.'),
                NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }

    private static string WrongType(CustomFieldType type) => type switch
    {
        CustomFieldType.Number => CustomFieldErrors.NotANumber,
        CustomFieldType.Money => CustomFieldErrors.NotMoney,
        CustomFieldType.Date => CustomFieldErrors.NotADate,
        CustomFieldType.Bool => CustomFieldErrors.NotABool,
        CustomFieldType.List => CustomFieldErrors.NotAnOption,
        CustomFieldType.String => CustomFieldErrors.NotText,
        _ => FieldErrors.Invalid,
    };
}

/// <summary>A validated custom field patch of one record, ready to be staged for saving.</summary>
public sealed class CustomValueChange(
    List<(string Field, string Code)> errors,
    Dictionary<Guid, List<CustomFieldValue>> planned,
    List<CustomField> defs,
    List<CustomFieldValue> existing,
    bool isNew)
{
    /// <summary>Field errors named <c>customFields.&lt;code&gt;</c>.</summary>
    public IReadOnlyList<(string Field, string Code)> Errors => errors;

    /// <summary>
    /// Replaces the changed fields' rows and writes one history entry per changed field under
    /// <paramref name="historyKind"/>; returns the changed fields as <c>customFields.&lt;code&gt;</c>.
    /// Nothing is saved here: the handler's one SaveChanges writes the record, values and history together.
    /// </summary>
    public List<string> Apply(LetopisDb db, Guid entityId, string historyKind, DateTime at, ICurrentActor? actor)
    {
        if (errors.Count > 0)
            throw new InvalidOperationException("Apply after validation errors.");
        var changed = new List<string>();
        foreach (var (fieldId, values) in planned)
        {
            var field = defs.Single(f => f.Id == fieldId);
            var old = existing.Where(v => v.FieldId == fieldId).ToList();
            var oldText = CustomValues.Text(field, old);
            var newText = CustomValues.Text(field, values);
            if (oldText == newText)
                continue;
            db.CustomFieldValues.RemoveRange(old);
            foreach (var v in values)
            {
                v.EntityId = entityId;
                db.CustomFieldValues.Add(v);
            }
            var name = CustomValues.FieldPrefix + field.Code;
            db.ChangeRecords.Add(ChangeRecord.Of(historyKind, entityId, at, actor,
                isNew ? ChangeOperation.Created : ChangeOperation.Updated, name, oldText, newText));
            changed.Add(name);
        }
        return changed;
    }
}
