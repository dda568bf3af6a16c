using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.CustomFields;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>
/// Document types. Everyone reads them (forms need them); creating and editing take the
/// <c>documentType</c> right of the role matrix (administrators always have it).
/// </summary>
public sealed class ManageDocumentTypes(LetopisDb db)
{
    public const string CodeFormat = "type_code_format";

    public static bool CanManage(AccessContext access, PermissionAction action) =>
        access.ScopeFor(EntityKinds.DocumentType, action) != AccessScope.None;

    /// <summary>All types in display order; <paramref name="archived"/> null lists both.</summary>
    public async Task<List<DocumentTypeDto>> ListAsync(bool? archived, CancellationToken ct)
    {
        var all = await db.DocumentTypes.AsNoTracking().OrderBy(t => t.Order).ThenBy(t => t.Name).ToListAsync(ct);
        var journals = await db.RegistrationJournals.AsNoTracking().ToDictionaryAsync(j => j.Id, ct);
        var users = await UserNamesAsync(all.Select(t => t.DefaultResponsibleId), ct);
        var fields = await ActiveCustomFieldsAsync(ct);
        return all.Where(t => archived is null || t.Archived == archived).Select(t => Dto(t, all, journals, users, fields)).ToList();
    }

    public async Task<Result<DocumentTypeDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var all = await db.DocumentTypes.AsNoTracking().ToListAsync(ct);
        var type = all.SingleOrDefault(t => t.Id == id);
        if (type is null)
            return Error.NotFound();
        var journals = await db.RegistrationJournals.AsNoTracking().Where(j => j.Id == type.JournalId).ToDictionaryAsync(j => j.Id, ct);
        return Dto(type, all, journals, await UserNamesAsync([type.DefaultResponsibleId], ct), await ActiveCustomFieldsAsync(ct));
    }

    public async Task<Result<DocumentTypeDto>> CreateAsync(AccessContext access, DocumentTypeFields fields, CancellationToken ct)
    {
        if (!CanManage(access, PermissionAction.Create))
            return Error.Forbidden();
        var order = await db.DocumentTypes.MaxAsync(t => (int?)t.Order, ct) ?? 0;
        var type = new DocumentType { Kind = DocumentKind.Other, Order = order + 10 };
        var errors = await ApplyAsync(type, fields, isNew: true, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        db.DocumentTypes.Add(type);
        await db.SaveChangesAsync(ct);
        return await GetAsync(type.Id, ct);
    }

    public async Task<Result<DocumentTypeDto>> UpdateAsync(
        AccessContext access, Guid id, DocumentTypeFields fields, int? version, int? ifMatch, CancellationToken ct)
    {
        var type = await db.DocumentTypes.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (type is null)
            return Error.NotFound();
        if (!CanManage(access, PermissionAction.Edit))
            return Error.Forbidden();
        if (VersionCheck.Fails(type.Version, version, ifMatch) is { } stale)
            return stale;
        var errors = await ApplyAsync(type, fields, isNew: false, ct);
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return await GetAsync(id, ct);
    }

    private async Task<List<(string, string)>> ApplyAsync(DocumentType type, DocumentTypeFields f, bool isNew, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var code = type.Code;
        if (isNew)
        {
            code = f.Code.Value?.Trim() ?? "";
            if (code.Length == 0)
                errors.Add(("code", FieldErrors.Required));
            else if (code.Length > DocumentType.CodeMax)
                errors.Add(("code", FieldErrors.TooLong));
            else if (!IsCode(code))
                errors.Add(("code", CodeFormat));
            else if (await db.DocumentTypes.AnyAsync(t => t.Code == code, ct))
                errors.Add(("code", FieldErrors.Duplicate));
        }
        else if (f.Code is { HasValue: true, Value: var newCode } && newCode?.Trim() != type.Code)
            // Integrations and number patterns ({type}) depend on the code.
            errors.Add(("code", "read_only"));

        var name = f.Name.HasValue ? f.Name.Value?.Trim() : type.Name;
        if (string.IsNullOrEmpty(name))
            errors.Add(("name", FieldErrors.Required));
        else if (name.Length > TextLimits.Name)
            errors.Add(("name", FieldErrors.TooLong));
        else if (f.Name.HasValue)
            TextRules.Check(name, "name", errors);

        var kind = type.Kind;
        if (f.Kind.HasValue)
        {
            if (ApiNames.Parse<DocumentKind>(f.Kind.Value) is { } k)
                kind = k;
            else
                errors.Add(("kind", f.Kind.Value is null ? FieldErrors.Required : FieldErrors.Invalid));
        }

        var gender = type.Gender;
        if (f.Gender is { HasValue: true, Value: var genderText })
        {
            if (genderText is null)
                gender = null;
            else if (ApiNames.Parse<GrammaticalGender>(genderText) is { } g)
                gender = g;
            else
                errors.Add(("gender", FieldErrors.Invalid));
        }

        var journalId = f.JournalId.Or(type.JournalId);
        if (f.JournalId is { HasValue: true, Value: { } jid } && jid != type.JournalId
            && !await db.RegistrationJournals.AnyAsync(j => j.Id == jid && !j.Archived, ct))
            errors.Add(("journalId", FieldErrors.NotFound));

        // A pattern names the type's own journal: a new one, or the one it already has.
        RegistrationJournal? journal = null;
        if (f.NumberPattern is { HasValue: true, Value: not null })
        {
            journal = f.JournalId is { HasValue: true, Value: null } || journalId is null
                ? null
                : await db.RegistrationJournals.SingleOrDefaultAsync(j => j.Id == journalId, ct);
            var isNewJournal = journal is null;
            journal ??= new RegistrationJournal();
            var journalFields = new JournalFields
            {
                Name = isNewJournal ? name : Optional<string?>.Absent,
                Pattern = f.NumberPattern.Value,
                CounterReset = f.CounterReset,
            };
            // The type's own name errors already say what is wrong with the journal's name.
            errors.AddRange(ManageJournals.Apply(journal, journalFields, isNewJournal, "numberPattern").Where(e => e.Item1 != "name"));
            if (isNewJournal && errors.Count == 0)
            {
                db.RegistrationJournals.Add(journal);
                journalId = journal.Id;
            }
        }

        var allowed = f.AllowedParentTypeIds.HasValue ? (f.AllowedParentTypeIds.Value ?? []) : type.AllowedParentTypeIds;
        var expected = f.ExpectedChildTypeIds.HasValue ? (f.ExpectedChildTypeIds.Value ?? []) : type.ExpectedChildTypeIds;
        var referenced = allowed.Concat(expected).Distinct().Where(id => id != type.Id).ToList();
        var known = await db.DocumentTypes.Where(t => referenced.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
        if (f.AllowedParentTypeIds.HasValue && allowed.Any(id => id != type.Id && !known.Contains(id)))
            errors.Add(("allowedParentTypeIds", FieldErrors.NotFound));
        if (f.ExpectedChildTypeIds.HasValue && expected.Any(id => id != type.Id && !known.Contains(id)))
            errors.Add(("expectedChildTypeIds", FieldErrors.NotFound));

        var modes = type.FieldSettings.ToDictionary();
        if (f.FieldSettings is { HasValue: true, Value: var settings })
        {
            modes.Clear();
            foreach (var (field, modeText) in settings ?? new Dictionary<string, string?>())
            {
                if (!DocumentCardFields.Optional.Contains(field))
                    errors.Add(("fieldSettings." + field, CustomFieldErrors.UnknownField));
                else if (ApiNames.Parse<DocumentFieldMode>(modeText) is { } mode)
                    modes[field] = mode;
                else
                    errors.Add(("fieldSettings." + field, FieldErrors.Invalid));
            }
        }

        var customModes = type.CustomFieldSettings;
        if (f.CustomFieldSettings is { HasValue: true, Value: var customSettings })
        {
            var defs = await db.CustomFields.AsNoTracking().Where(d => d.Entity == CustomFieldEntities.Document).ToListAsync(ct);
            // Archived fields are not listed, so a client cannot send their settings back: they are kept.
            var replaced = customModes.Where(p => defs.Any(d => d.Id == p.Key && d.IsArchived)).ToDictionary();
            foreach (var (fieldCode, modeText) in customSettings ?? new Dictionary<string, string?>())
            {
                var def = defs.FirstOrDefault(d => d.Code == fieldCode);
                var key = "customFieldSettings." + fieldCode;
                if (def is null)
                    errors.Add((key, CustomFieldErrors.UnknownField));
                else if (def.IsArchived)
                    errors.Add((key, CustomFieldErrors.Archived));
                else if (ApiNames.Parse<DocumentFieldMode>(modeText) is { } mode)
                    replaced[def.Id] = mode;
                else
                    errors.Add((key, FieldErrors.Invalid));
            }
            customModes = replaced;
        }

        if (f.DefaultResponsibleId is { HasValue: true, Value: { } responsible } && responsible != type.DefaultResponsibleId
            && !await db.Users.AnyAsync(u => u.Id == responsible && u.IsActive, ct))
            errors.Add(("defaultResponsibleId", FieldErrors.NotFound));

        if (errors.Count > 0)
            return errors;
        type.Code = code;
        type.Name = name!;
        type.Kind = kind;
        type.Gender = gender;
        type.JournalId = journalId;
        type.AllowedParentTypeIds = allowed;
        type.ExpectedChildTypeIds = expected;
        type.FieldSettings = modes;
        type.CustomFieldSettings = customModes;
        type.DefaultResponsibleId = f.DefaultResponsibleId.Or(type.DefaultResponsibleId);
        type.Archived = f.Archived.HasValue ? f.Archived.Value ?? false : type.Archived;
        if (f.Order is { HasValue: true, Value: { } order })
            type.Order = order;
        return errors;
    }

    /// <summary>Latin letters, digits and hyphens, starting with a letter: <c>supplementary-agreement</c>.</summary>
    public static bool IsCode(string code) =>
        code.Length is > 0 and <= DocumentType.CodeMax && char.IsAsciiLetterLower(code[0])
        && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    private async Task<Dictionary<Guid, string>> UserNamesAsync(IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var list = ids.OfType<Guid>().Distinct().ToList();
        return list.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
    }

    /// <summary>The document custom fields a type's settings list, in form order (one query for any number of types).</summary>
    private Task<List<CustomField>> ActiveCustomFieldsAsync(CancellationToken ct) =>
        db.CustomFields.AsNoTracking().Where(f => f.Entity == CustomFieldEntities.Document && !f.IsArchived)
            .OrderBy(f => f.Order).ThenBy(f => f.Code).ToListAsync(ct);

    private static DocumentTypeDto Dto(
        DocumentType t, IReadOnlyList<DocumentType> all, IReadOnlyDictionary<Guid, RegistrationJournal> journals, IReadOnlyDictionary<Guid, string> users,
        IReadOnlyList<CustomField> customFields)
    {
        var customModes = t.CustomFieldSettings;
        var journal = t.JournalId is { } j ? journals.GetValueOrDefault(j) : null;
        string CodeOf(Guid id) => all.FirstOrDefault(x => x.Id == id)?.Code ?? "";
        var modes = t.FieldSettings;
        return new DocumentTypeDto(
            t.Id, t.Code, t.Name, ApiNames.Of(t.Kind), t.JournalId, journal?.Name, journal?.Pattern,
            t.AllowedParentTypeIds, t.AllowedParentTypeIds.Select(CodeOf).ToList(),
            t.ExpectedChildTypeIds, t.ExpectedChildTypeIds.Select(CodeOf).ToList(),
            DocumentCardFields.Optional.ToDictionary(f => f, f => ApiNames.Of(modes.GetValueOrDefault(f, DocumentFieldMode.Shown))),
            customFields.ToDictionary(f => f.Code, f => ApiNames.Of(DocumentType.ModeOf(customModes, f))),
            t.DefaultResponsibleId, t.DefaultResponsibleId is { } u ? users.GetValueOrDefault(u) : null,
            t.Archived, t.Order, t.Version)
        {
            Gender = ApiNames.Of(DocumentType.GenderOf(t.Gender, t.Kind)),
        };
    }
}
