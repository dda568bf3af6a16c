using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Templates;

/// <summary>
/// Creates the templates Letopis ships (<see cref="ShippedTemplates"/>) once each, by their code,
/// linked to the preconfigured document type where one exists; after that they are the company's to
/// change, archive or delete, and a deleted one is not brought back while another holds its code.
/// Two nodes starting together: the unique code lets one create them and the other find them made.
/// </summary>
public sealed class SeedTemplates(LetopisDb db, TimeProvider time)
{
    /// <summary>Returns whether anything was created.</summary>
    public async Task<bool> HandleAsync(CancellationToken ct)
    {
        var codes = ShippedTemplates.All.Select(t => t.Code).ToList();
        var existing = await db.DocumentTemplates.AsNoTracking().Where(t => t.ShippedCode != null && codes.Contains(t.ShippedCode))
            .Select(t => t.ShippedCode!).ToListAsync(ct);
        var missing = ShippedTemplates.All.Where(t => !existing.Contains(t.Code)).ToList();
        if (missing.Count == 0)
            return false;

        var typeCodes = missing.Where(t => t.DocumentTypeCode is not null).Select(t => t.DocumentTypeCode!).ToList();
        var types = await db.DocumentTypes.AsNoTracking().Where(t => typeCodes.Contains(t.Code) && !t.Archived)
            .Select(t => new { t.Code, t.Id }).ToDictionaryAsync(t => t.Code, t => t.Id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var shipped in missing)
        {
            db.DocumentTemplates.Add(new DocumentTemplate
            {
                Name = shipped.Name,
                Description = shipped.Description,
                Format = TemplateFormat.Html,
                Target = shipped.Target,
                Body = shipped.Body,
                DocumentTypeId = shipped.DocumentTypeCode is { } code && types.TryGetValue(code, out var typeId) ? typeId : null,
                FileNamePattern = shipped.FileNamePattern,
                EmailSubject = shipped.EmailSubject,
                EmailBody = shipped.EmailBody,
                ShippedCode = shipped.Code,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node created them at the same moment: nothing is left to do when all are there.
            if (!await AllPresentAsync(codes, ct))
                throw;
            return false;
        }
    }

    private async Task<bool> AllPresentAsync(List<string> codes, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.DocumentTemplates.AsNoTracking().CountAsync(t => t.ShippedCode != null && codes.Contains(t.ShippedCode), ct) == codes.Count;
    }
}
