using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents;

/// <summary>Registration journals: read by everyone, edited with the <c>documentType</c> right.</summary>
public sealed class ManageJournals(LetopisDb db)
{
    public async Task<List<JournalDto>> ListAsync(bool? archived, CancellationToken ct)
    {
        var query = db.RegistrationJournals.AsNoTracking();
        if (archived is { } a)
            query = query.Where(j => j.Archived == a);
        var journals = await query.OrderBy(j => j.Name).ToListAsync(ct);
        var types = await db.DocumentTypes.AsNoTracking().Where(t => t.JournalId != null)
            .OrderBy(t => t.Order).Select(t => new { t.JournalId, t.Code }).ToListAsync(ct);
        return journals.Select(j => Dto(j, types.Where(t => t.JournalId == j.Id).Select(t => t.Code).ToList())).ToList();
    }

    public async Task<Result<JournalDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var journal = await db.RegistrationJournals.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct);
        if (journal is null)
            return Error.NotFound();
        var codes = await db.DocumentTypes.AsNoTracking().Where(t => t.JournalId == id).OrderBy(t => t.Order).Select(t => t.Code).ToListAsync(ct);
        return Dto(journal, codes);
    }

    public async Task<Result<JournalDto>> CreateAsync(AccessContext access, JournalFields fields, CancellationToken ct)
    {
        if (!ManageDocumentTypes.CanManage(access, PermissionAction.Create))
            return Error.Forbidden();
        var journal = new RegistrationJournal();
        var errors = Apply(journal, fields with { Archived = fields.Archived.HasValue ? fields.Archived : false }, isNew: true, "pattern");
        if (errors.Count > 0)
            return Error.Validation([.. errors]);
        db.RegistrationJournals.Add(journal);
        await db.SaveChangesAsync(ct);
        return await GetAsync(journal.Id, ct);
    }

    public async Task<Result<JournalDto>> UpdateAsync(AccessContext access, Guid id, JournalFields fields, int? version, int? ifMatch, CancellationToken ct)
    {
        var journal = await db.RegistrationJournals.SingleOrDefaultAsync(j => j.Id == id, ct);
        if (journal is null)
            return Error.NotFound();
        if (!ManageDocumentTypes.CanManage(access, PermissionAction.Edit))
            return Error.Forbidden();
        if (VersionCheck.Fails(journal.Version, version, ifMatch) is { } stale)
            return stale;
        var errors = Apply(journal, fields, isNew: false, "pattern");
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

    /// <summary>Validates and applies journal fields; <paramref name="patternField"/> names the pattern in errors.</summary>
    internal static List<(string, string)> Apply(RegistrationJournal journal, JournalFields f, bool isNew, string patternField)
    {
        var errors = new List<(string, string)>();
        var name = f.Name.HasValue ? f.Name.Value?.Trim() : journal.Name;
        if (string.IsNullOrEmpty(name))
            errors.Add(("name", FieldErrors.Required));
        else if (name.Length > TextLimits.Name)
            errors.Add(("name", FieldErrors.TooLong));
        else if (f.Name.HasValue)
            TextRules.Check(name, "name", errors);

        var patternText = f.Pattern.HasValue ? f.Pattern.Value : (isNew ? null : journal.Pattern);
        var (pattern, patternError) = NumberPattern.Parse(patternText);
        if (patternError is not null)
            errors.Add((patternField, patternError));

        var reset = journal.CounterReset;
        if (f.CounterReset is { HasValue: true, Value: var resetText })
        {
            if (ApiNames.Parse<CounterReset>(resetText) is { } parsed)
                reset = parsed;
            else
                errors.Add(("counterReset", FieldErrors.Invalid));
        }
        else if (isNew && pattern is not null)
            reset = GuessReset(pattern);
        if (pattern is not null && errors.Count == 0 && pattern.CheckUnique(reset) is { } unique)
            errors.Add((patternField, unique));

        if (errors.Count > 0)
            return errors;
        journal.Name = name!;
        journal.Pattern = pattern!.Text;
        journal.CounterReset = reset;
        journal.Archived = f.Archived.HasValue ? f.Archived.Value ?? false : journal.Archived;
        return errors;
    }

    /// <summary>A pattern with the parent's number counts per parent; one with the year, per year.</summary>
    internal static CounterReset GuessReset(NumberPattern pattern) =>
        pattern.UsesParent ? CounterReset.PerParent : pattern.UsesYear ? CounterReset.Yearly : CounterReset.Never;

    private static JournalDto Dto(RegistrationJournal j, IReadOnlyList<string> typeCodes) =>
        new(j.Id, j.Name, j.Pattern, ApiNames.Of(j.CounterReset), j.Archived, typeCodes, j.Version);
}
