using System.Globalization;
using System.Text.Json.Nodes;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.CustomFields;

/// <summary>
/// One list filter on a custom field: equality (<see cref="Equal"/>, one stored row) or a range
/// (<see cref="From"/>/<see cref="To"/>, inclusive) for numbers, money and dates.
/// </summary>
public sealed record CustomFieldCondition(Guid FieldId, CustomFieldType Type, CustomFieldValue? Equal, CustomFieldValue? From, CustomFieldValue? To);

/// <summary>
/// Reads <c>cf.&lt;code&gt;=value</c>, <c>cf.&lt;code&gt;.from=</c> and <c>cf.&lt;code&gt;.to=</c> from a list's
/// query string and turns them into conditions every list of that entity applies the same way.
/// </summary>
public sealed class CustomFieldFilter(LetopisDb db)
{
    public const string Prefix = "cf.";

    /// <summary>The conditions, or a validation error naming <c>cf.&lt;code&gt;</c> (unknown field, bad value).</summary>
    public async Task<Result<IReadOnlyList<CustomFieldCondition>>> ParseAsync(
        string entity, IEnumerable<KeyValuePair<string, string?>> query, CancellationToken ct)
    {
        var pairs = query.Where(p => p.Key.StartsWith(Prefix, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(p.Value)).ToList();
        if (pairs.Count == 0)
            return Array.Empty<CustomFieldCondition>();
        var defs = await db.CustomFields.AsNoTracking().Where(f => f.Entity == entity).ToListAsync(ct);
        var errors = new List<(string, string)>();
        var conditions = new List<CustomFieldCondition>();
        foreach (var (key, raw) in pairs)
        {
            var rest = key[Prefix.Length..];
            var bound = rest.EndsWith(".from", StringComparison.Ordinal) ? "from" : rest.EndsWith(".to", StringComparison.Ordinal) ? "to" : null;
            var code = bound is null ? rest : rest[..^(bound.Length + 1)];
            var field = defs.FirstOrDefault(f => f.Code == code);
            if (field is null)
            {
                errors.Add((key, CustomFieldErrors.UnknownField));
                continue;
            }
            var ranged = field.Type is CustomFieldType.Number or CustomFieldType.Money or CustomFieldType.Date;
            if (bound is not null && !ranged)
            {
                errors.Add((key, FieldErrors.Invalid));
                continue;
            }
            // The query string carries text; read it as the JSON value the API would accept for this type.
            JsonNode? node = field.Type switch
            {
                CustomFieldType.Bool => raw!.Trim().ToLowerInvariant() switch { "true" or "1" => true, "false" or "0" => false, _ => raw },
                _ => raw!.Trim(),
            };
            // A filter on a multi-select list asks for one option; checking it against a single-value field is the same test.
            var single = new CustomField { Id = field.Id, Type = field.Type, Options = field.Options };
            var (values, error) = CustomValues.Parse(single, node);
            if (error is not null || values.Count != 1)
            {
                errors.Add((key, error ?? FieldErrors.Invalid));
                continue;
            }
            conditions.Add(bound switch
            {
                "from" => new CustomFieldCondition(field.Id, field.Type, null, values[0], null),
                "to" => new CustomFieldCondition(field.Id, field.Type, null, null, values[0]),
                _ => new CustomFieldCondition(field.Id, field.Type, values[0], null, null),
            });
        }
        return errors.Count > 0 ? Error.Validation([.. errors]) : conditions;
    }

    /// <summary>Query-string text of a value, as <see cref="ParseAsync"/> reads it (for UI filters and links).</summary>
    public static string Text(object value) => value switch
    {
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? "",
    };
}

public static class CustomFieldQueryExtensions
{
    /// <summary>
    /// Keeps the records matching every condition. Each condition is an EXISTS on the values table
    /// answered by its (FieldId, typed value, EntityId) index. «No» on a yes/no field also matches
    /// records where nobody ticked it.
    /// </summary>
    public static IQueryable<T> WhereCustomFields<T>(this IQueryable<T> query, IQueryable<CustomFieldValue> values,
        IReadOnlyList<CustomFieldCondition>? conditions)
        where T : class, IAudited
    {
        foreach (var c in conditions ?? [])
        {
            var fieldId = c.FieldId;
            var rows = values.Where(v => v.FieldId == fieldId);
            switch (c.Type)
            {
                case CustomFieldType.Bool when c.Equal?.BoolValue == false:
                    query = query.Where(e => !rows.Any(v => v.EntityId == e.Id && v.BoolValue == true));
                    continue;
                case CustomFieldType.Bool:
                    rows = rows.Where(v => v.BoolValue == true);
                    break;
                case CustomFieldType.Number or CustomFieldType.Money:
                    if (c.Equal?.NumberValue is { } n)
                        rows = rows.Where(v => v.NumberValue == n);
                    if (c.From?.NumberValue is { } from)
                        rows = rows.Where(v => v.NumberValue >= from);
                    if (c.To?.NumberValue is { } to)
                        rows = rows.Where(v => v.NumberValue <= to);
                    break;
                case CustomFieldType.Date:
                    if (c.Equal?.DateValue is { } d)
                        rows = rows.Where(v => v.DateValue == d);
                    if (c.From?.DateValue is { } dFrom)
                        rows = rows.Where(v => v.DateValue >= dFrom);
                    if (c.To?.DateValue is { } dTo)
                        rows = rows.Where(v => v.DateValue <= dTo);
                    break;
                case CustomFieldType.User or CustomFieldType.Counterparty:
                    var id = c.Equal!.GuidValue;
                    rows = rows.Where(v => v.GuidValue == id);
                    break;
                default:
                    var text = c.Equal!.StringValue;
                    rows = rows.Where(v => v.StringValue == text);
                    break;
            }
            query = query.Where(e => rows.Any(v => v.EntityId == e.Id));
        }
        return query;
    }
}
