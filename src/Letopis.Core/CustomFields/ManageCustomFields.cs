using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.CustomFields;

/// <summary>A custom field definition as the API and the settings screen show it.</summary>
public sealed record CustomFieldDto(
    Guid Id, string Entity, string Code, string Label, CustomFieldType Type, bool Required, bool Multiple,
    IReadOnlyList<string> Options, int Order, bool Archived, int Version)
{
    public static CustomFieldDto Of(CustomField f) =>
        new(f.Id, f.Entity, f.Code, f.Label, f.Type, f.Required, f.Multiple, f.OptionList(), f.Order, f.IsArchived, f.Version);
}

/// <summary>A new custom field.</summary>
/// <param name="Entity"><c>lead</c>, <c>contact</c>, <c>company</c> (a counterparty), <c>deal</c> or <c>document</c>.</param>
/// <param name="Code">Latin identifier used by the API and filters (<c>cf.&lt;code&gt;</c>), unique per entity, never changes.</param>
/// <param name="Label">The name people see on forms.</param>
/// <param name="Type"><c>string</c>, <c>number</c>, <c>money</c>, <c>date</c>, <c>bool</c>, <c>list</c>, <c>user</c> or <c>counterparty</c>.</param>
/// <param name="Required">A record cannot be created, or the value cleared, without it.</param>
/// <param name="Options">The choices of a <c>list</c> field.</param>
/// <param name="Multiple">A <c>list</c> field that takes several options.</param>
/// <param name="Order">Position on forms; defaults to after the existing fields.</param>
public sealed record CreateCustomFieldRequest(
    string? Entity, string? Code, string? Label, string? Type, bool? Required, IReadOnlyList<string>? Options, bool? Multiple, int? Order);

/// <summary>The editable parts of a definition (merge patch); entity, code, type and <c>multiple</c> never change.</summary>
public sealed record CustomFieldPatch(
    Optional<string?> Label, Optional<bool?> Required, Optional<IReadOnlyList<string>?> Options, Optional<int?> Order, Optional<bool?> Archived);

/// <summary>
/// Custom field definitions. Everyone reads them (forms need them); creating, editing and deleting
/// take the <c>customField</c> right of the role matrix (administrators always have it).
/// </summary>
public sealed class ManageCustomFields(LetopisDb db, TimeProvider time)
{
    public const string InUse = "custom_field_in_use";
    public const string OptionInUse = "custom_field_option_in_use";

    public static bool CanManage(AccessContext access, PermissionAction action) =>
        access.ScopeFor(EntityKinds.CustomField, action) != AccessScope.None;

    /// <summary>The fields of one entity (or all), in form order; <paramref name="archived"/> null lists both.</summary>
    public async Task<List<CustomFieldDto>> ListAsync(string? entity, bool? archived, CancellationToken ct)
    {
        var query = db.CustomFields.AsNoTracking();
        if (!string.IsNullOrEmpty(entity))
            query = query.Where(f => f.Entity == entity);
        if (archived is { } a)
            query = query.Where(f => f.IsArchived == a);
        var fields = await query.OrderBy(f => f.Entity).ThenBy(f => f.Order).ThenBy(f => f.Code).ToListAsync(ct);
        return fields.Select(CustomFieldDto.Of).ToList();
    }

    public async Task<Result<CustomFieldDto>> GetAsync(Guid id, CancellationToken ct) =>
        await db.CustomFields.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct) is { } field
            ? CustomFieldDto.Of(field)
            : Error.NotFound();

    public async Task<Result<CustomFieldDto>> CreateAsync(AccessContext access, CreateCustomFieldRequest request, CancellationToken ct)
    {
        if (!CanManage(access, PermissionAction.Create))
            return Error.Forbidden();
        var errors = new List<(string, string)>();
        var entity = request.Entity?.Trim() ?? "";
        if (entity.Length == 0)
            errors.Add(("entity", FieldErrors.Required));
        else if (!CustomFieldEntities.All.Contains(entity))
            errors.Add(("entity", FieldErrors.Invalid));
        var code = request.Code?.Trim() ?? "";
        if (code.Length == 0)
            errors.Add(("code", FieldErrors.Required));
        else if (code.Length > CustomField.CodeMax)
            errors.Add(("code", FieldErrors.TooLong));
        else if (!IsCode(code))
            errors.Add(("code", "code_format"));
        else if (await db.CustomFields.AnyAsync(f => f.Entity == entity && f.Code == code, ct))
            errors.Add(("code", FieldErrors.Duplicate));
        var label = Label(request.Label, errors);
        CustomFieldType type = default;
        if (string.IsNullOrWhiteSpace(request.Type))
            errors.Add(("type", FieldErrors.Required));
        else if (!Enum.TryParse(request.Type.Trim(), ignoreCase: true, out type) || int.TryParse(request.Type, out _))
            errors.Add(("type", FieldErrors.Invalid));
        var options = Options(type, request.Options, errors);
        if (request.Multiple == true && type != CustomFieldType.List)
            errors.Add(("multiple", FieldErrors.Invalid));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        var order = request.Order
            ?? ((await db.CustomFields.Where(f => f.Entity == entity).MaxAsync(f => (int?)f.Order, ct)) ?? 0) + 1;
        var field = new CustomField
        {
            Entity = entity,
            Code = code,
            Label = label!,
            Type = type,
            Required = request.Required ?? false,
            Multiple = request.Multiple ?? false,
            Options = CustomField.OptionsText(options),
            Order = order,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.CustomFields.Add(field);
        await db.SaveChangesAsync(ct);
        return CustomFieldDto.Of(field);
    }

    public async Task<Result<CustomFieldDto>> UpdateAsync(
        AccessContext access, Guid id, CustomFieldPatch patch, int? version, int? ifMatch, CancellationToken ct)
    {
        if (!CanManage(access, PermissionAction.Edit))
            return Error.Forbidden();
        var field = await db.CustomFields.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (field is null)
            return Error.NotFound();
        if (VersionCheck.Fails(field.Version, version, ifMatch) is { } stale)
            return stale;

        var errors = new List<(string, string)>();
        var label = patch.Label.HasValue ? Label(patch.Label.Value, errors) : field.Label;
        IReadOnlyList<string>? options = null;
        if (patch.Options.HasValue)
            options = Options(field.Type, patch.Options.Value, errors);
        if (patch.Required is { HasValue: true, Value: null })
            errors.Add(("required", FieldErrors.Required));
        if (patch.Archived is { HasValue: true, Value: null })
            errors.Add(("archived", FieldErrors.Required));
        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        if (options is not null)
        {
            // A lead's list field and the fields its conversion made on the contact, company and deal
            // share one list of options: a change to any of them is a change to all.
            var members = field.OptionsGroupId is { } group
                ? await db.CustomFields.Where(f => f.OptionsGroupId == group).OrderBy(f => f.Id).ToListAsync(ct)
                : [field];
            var memberIds = members.Select(m => m.Id).ToList();
            // Values hold the option text: dropping (or renaming) an option still in use would orphan them.
            var removed = members.SelectMany(m => m.OptionList()).Distinct().Except(options).ToList();
            var used = removed.Count == 0 ? [] : await db.CustomFieldValues
                .Where(v => memberIds.Contains(v.FieldId) && v.StringValue != null && removed.Contains(v.StringValue))
                .Select(v => v.StringValue!).Distinct().ToListAsync(ct);
            if (used.Count > 0)
                return new Error(OptionInUse, "Some records still hold the options being removed.",
                    Extensions: new Dictionary<string, object?> { ["options"] = used });
            var text = CustomField.OptionsText(options);
            foreach (var member in members.Where(m => m.Options != text))
                member.Options = text;
        }
        field.Label = label!;
        field.Required = patch.Required.Or(field.Required) ?? field.Required;
        field.Order = patch.Order.Or(field.Order) ?? field.Order;
        field.IsArchived = patch.Archived.Or(field.IsArchived) ?? field.IsArchived;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return CustomFieldDto.Of(field);
    }

    /// <summary>
    /// Deletes a definition nobody has filled in. Once records hold values the field can only be
    /// archived: deleting it would silently erase part of those cards and their meaning in the history.
    /// </summary>
    public async Task<Result<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        if (!CanManage(access, PermissionAction.Delete))
            return Error.Forbidden();
        var field = await db.CustomFields.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (field is null)
            return Error.NotFound();
        if (await db.CustomFieldValues.AnyAsync(v => v.FieldId == id, ct))
            return new Error(InUse, "Records hold values of this field; archive it instead.");
        db.CustomFields.Remove(field);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static bool IsCode(string code) =>
        code.Length is > 0 and <= CustomField.CodeMax && char.IsAsciiLetter(code[0])
        && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string? Label(string? value, List<(string, string)> errors)
    {
        var label = value?.Trim();
        if (string.IsNullOrEmpty(label))
            errors.Add(("label", FieldErrors.Required));
        else if (label.Length > CustomField.LabelMax)
            errors.Add(("label", FieldErrors.TooLong));
        else
            TextRules.Check(label, "label", errors);
        return label;
    }

    private static List<string>? Options(CustomFieldType type, IReadOnlyList<string>? raw, List<(string, string)> errors)
    {
        if (type != CustomFieldType.List)
        {
            if (raw is { Count: > 0 })
                errors.Add(("options", FieldErrors.Invalid));
            return null;
        }
        var options = (raw ?? []).Select(o => o?.Trim() ?? "").ToList();
        if (options.Count == 0)
            errors.Add(("options", FieldErrors.Required));
        else if (options.Count > CustomField.MaxOptions || options.Any(o => o.Length > CustomField.OptionMax))
            errors.Add(("options", FieldErrors.TooLong));
        else if (options.Any(o => o.Length == 0))
            errors.Add(("options", FieldErrors.Invalid));
        else if (options.Any(o => !TextRules.IsAllowed(o)))
            errors.Add(("options", TextRules.ControlCharacters));
        else if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
            errors.Add(("options", FieldErrors.Duplicate));
        return options;
    }
}
