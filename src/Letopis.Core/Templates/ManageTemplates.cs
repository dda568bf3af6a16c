using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.Documents.Files;
using Letopis.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Letopis.Core.Templates;

/// <summary>
/// Templates of generated documents. Everyone signed in lists and reads the templates in use (the
/// cards offer them); creating, editing and archiving take the <c>template</c> right of the role
/// matrix, which also shows archived ones. The Liquid of a template is parsed when it is saved, so a
/// template with a syntax error is never stored; a Word file is checked the same way before it is.
/// </summary>
public sealed class ManageTemplates(
    LetopisDb db,
    LiquidTemplates liquid,
    DocxTemplates docx,
    IBlobStore blobs,
    TimeProvider time,
    ICurrentActor actor,
    ILogger<ManageTemplates> logger)
{
    /// <summary>The largest Word template accepted (10 MiB): a template is text and styles, not a photo album.</summary>
    public const long MaxDocxBytes = 10 * 1024 * 1024;

    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static bool CanManage(AccessContext access, PermissionAction action) =>
        access.ScopeFor(EntityKinds.Template, action) != AccessScope.None;

    public static bool CanManageAny(AccessContext access) =>
        CanManage(access, PermissionAction.Create) || CanManage(access, PermissionAction.Edit) || CanManage(access, PermissionAction.Delete);

    /// <summary>Templates by name; <paramref name="includeArchived"/> is honoured only for those who manage templates.</summary>
    public async Task<List<TemplateDto>> ListAsync(AccessContext access, TemplateTarget? target, bool includeArchived, CancellationToken ct)
    {
        var query = db.DocumentTemplates.AsNoTracking();
        if (target is { } t)
            query = query.Where(x => x.Target == t);
        if (!includeArchived || !CanManageAny(access))
            query = query.Where(x => !x.IsArchived);
        var templates = await query.OrderBy(x => x.Name).ThenBy(x => x.Id).ToListAsync(ct);
        var types = await TypeNamesAsync(templates.Select(x => x.DocumentTypeId), ct);
        return templates.Select(x => Dto(x, types, withBody: false)).ToList();
    }

    public async Task<Result<TemplateDto>> GetAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var template = await FindAsync(access, id, ct);
        if (template is null)
            return Error.NotFound();
        return Dto(template, await TypeNamesAsync([template.DocumentTypeId], ct), withBody: true);
    }

    /// <summary>Creates an HTML template.</summary>
    public async Task<Result<TemplateDto>> CreateAsync(AccessContext access, TemplateFields fields, CancellationToken ct)
    {
        if (!CanManage(access, PermissionAction.Create))
            return Error.Forbidden();
        var template = new DocumentTemplate { Format = TemplateFormat.Html };
        if (await ApplyAsync(template, fields, isNew: true, ct) is { } error)
            return error;
        var now = time.GetUtcNow().UtcDateTime;
        template.CreatedAt = now;
        template.UpdatedAt = now;
        template.CreatedById = actor.UserId ?? access.UserId;
        db.DocumentTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        return await GetAsync(access, template.Id, ct);
    }

    public Task<Result<TemplateDto>> UpdateAsync(AccessContext access, Guid id, TemplateFields fields, int? version, CancellationToken ct) =>
        UpdateAsync(access, id, fields, version, null, ct);

    /// <summary>Replaces the editable fields; a stale <paramref name="ifMatch"/> is 412, a stale body <paramref name="version"/> 409.</summary>
    public async Task<Result<TemplateDto>> UpdateAsync(AccessContext access, Guid id, TemplateFields fields, int? version, int? ifMatch, CancellationToken ct)
    {
        var template = await db.DocumentTemplates.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null || (template.IsArchived && !CanManageAny(access)))
            return Error.NotFound();
        if (!CanManage(access, PermissionAction.Edit))
            return Error.Forbidden();
        if (VersionCheck.Fails(template.Version, version, ifMatch) is { } stale)
            return stale;
        if (await ApplyAsync(template, fields, isNew: false, ct) is { } error)
            return error;
        template.UpdatedAt = time.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.StaleVersion();
        }
        return await GetAsync(access, id, ct);
    }

    /// <summary>
    /// A Word template: <paramref name="id"/> null creates one from <paramref name="fields"/> and the file;
    /// otherwise the file of that Word template is replaced (its fields stay). The file is checked
    /// (<see cref="DocxTemplates.Check"/>) before anything is stored; the old file is deleted only once the
    /// new one is recorded.
    /// </summary>
    public Task<Result<TemplateDto>> UploadDocxAsync(AccessContext access, Guid? id, TemplateFields? fields, string fileName, Stream content, CancellationToken ct) =>
        UploadDocxAsync(access, id, fields, fileName, content, null, ct);

    public async Task<Result<TemplateDto>> UploadDocxAsync(
        AccessContext access, Guid? id, TemplateFields? fields, string fileName, Stream content, int? ifMatch, CancellationToken ct)
    {
        DocumentTemplate template;
        if (id is { } existingId)
        {
            var found = await db.DocumentTemplates.SingleOrDefaultAsync(t => t.Id == existingId, ct);
            if (found is null || (found.IsArchived && !CanManageAny(access)))
                return Error.NotFound();
            if (!CanManage(access, PermissionAction.Edit))
                return Error.Forbidden();
            if (VersionCheck.Fails(found.Version, null, ifMatch) is { } stale)
                return stale;
            if (found.Format != TemplateFormat.Docx)
                return Error.Validation(("file", TemplateFieldErrors.OutputNotSupported));
            template = found;
        }
        else
        {
            if (!CanManage(access, PermissionAction.Create))
                return Error.Forbidden();
            template = new DocumentTemplate { Format = TemplateFormat.Docx };
            if (await ApplyAsync(template, fields ?? new TemplateFields(null), isNew: true, ct) is { } error)
                return error;
        }
        if (FileNames.Check(fileName) is { } nameError)
            return Error.Validation(("file", nameError));

        var read = await ReadLimitedAsync(content, ct);
        if (read is null)
            return UploadDocumentFile.TooLargeError(MaxDocxBytes);
        if (read.Length == 0)
            return Error.Validation(("file", UploadDocumentFile.Empty));
        var check = docx.Check(read);
        if (!check.IsSuccess)
            return check.Error!.Code == TemplateErrors.Syntax ? TemplateFieldErrors.SyntaxIn("file", check.Error) : check.Error!;

        var key = Guid.CreateVersion7().ToString("N");
        var blob = await blobs.PutAsync(key, new MemoryStream(read, writable: false), ct);
        var oldKey = template.FileBlobKey;
        var now = time.GetUtcNow().UtcDateTime;
        template.FileBlobKey = blob.Key;
        template.FileName = FileNames.Clean(fileName);
        template.FileSize = blob.Size;
        template.FileSha256 = blob.Sha256;
        template.UpdatedAt = now;
        if (id is null)
        {
            template.CreatedAt = now;
            template.CreatedById = actor.UserId ?? access.UserId;
            db.DocumentTemplates.Add(template);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e)
        {
            await DeleteBlobAsync(blob.Key);
            if (e is DbUpdateConcurrencyException)
                return Error.StaleVersion();
            throw;
        }
        if (oldKey is not null)
            await DeleteBlobAsync(oldKey);
        return await GetAsync(access, template.Id, ct);
    }

    /// <summary>The uploaded .docx of a Word template.</summary>
    public async Task<Result<(string FileName, byte[] Content)>> ReadDocxAsync(AccessContext access, Guid id, CancellationToken ct)
    {
        var template = await FindAsync(access, id, ct);
        if (template?.FileBlobKey is null)
            return Error.NotFound();
        var bytes = await ReadBlobAsync(blobs, template.FileBlobKey, ct);
        if (bytes is null)
        {
            logger.LogError("The file {BlobKey} of template {TemplateId} is missing", template.FileBlobKey, template.Id);
            return Error.NotFound();
        }
        return (template.FileName ?? template.Name + ".docx", bytes);
    }

    /// <summary>Archived templates are not offered for generation (their documents stay); archiving takes the delete right.</summary>
    public async Task<Result<TemplateDto>> ArchiveAsync(AccessContext access, Guid id, bool archived, CancellationToken ct)
    {
        var template = await db.DocumentTemplates.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null || (template.IsArchived && !CanManageAny(access)))
            return Error.NotFound();
        if (!CanManage(access, PermissionAction.Delete))
            return Error.Forbidden();
        if (template.IsArchived != archived)
        {
            template.IsArchived = archived;
            template.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        return await GetAsync(access, id, ct);
    }

    /// <summary>A template the caller may read: any that is in use, archived ones for those who manage templates.</summary>
    internal static async Task<DocumentTemplate?> FindAsync(LetopisDb db, AccessContext access, Guid id, CancellationToken ct)
    {
        var template = await db.DocumentTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        return template is null || (template.IsArchived && !CanManageAny(access)) ? null : template;
    }

    private Task<DocumentTemplate?> FindAsync(AccessContext access, Guid id, CancellationToken ct) => FindAsync(db, access, id, ct);

    internal static async Task<byte[]?> ReadBlobAsync(IBlobStore blobs, string key, CancellationToken ct)
    {
        var stream = await blobs.OpenReadAsync(key, ct);
        if (stream is null)
            return null;
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            return copy.ToArray();
        }
    }

    /// <summary>The stream's bytes, or null when there are more than <see cref="MaxDocxBytes"/>.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream content, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > MaxDocxBytes)
                return null;
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }

    private async Task DeleteBlobAsync(string key)
    {
        try
        {
            await blobs.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The orphan sweep takes it later: no template references it.
            logger.LogError(e, "Could not delete the template file {BlobKey}", key);
        }
    }

    /// <summary>Checks every field and applies them all, or returns the error and changes nothing.</summary>
    private async Task<Error?> ApplyAsync(DocumentTemplate template, TemplateFields f, bool isNew, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var name = TextRules.Field(f.Name, "name", DocumentTemplate.NameMax, errors, required: true);
        var description = TextRules.Field(f.Description, "description", DocumentTemplate.DescriptionMax, errors, multiLine: true);

        var target = template.Target;
        if (ApiNames.Parse<TemplateTarget>(f.Target) is { } t)
            target = t;
        else if (f.Target is not null || isNew)
            errors.Add(("target", f.Target is null ? FieldErrors.Required : FieldErrors.Invalid));

        string? body = null;
        if (template.Format == TemplateFormat.Html)
        {
            if (string.IsNullOrWhiteSpace(f.Body))
                errors.Add(("body", FieldErrors.Required));
            else if (f.Body.Length > DocumentTemplate.BodyMax)
                errors.Add(("body", FieldErrors.TooLong));
            else if (f.Body.Contains('\0'))
                errors.Add(("body", TextRules.ControlCharacters));
            else
                body = f.Body;
        }
        else if (!string.IsNullOrEmpty(f.Body))
            errors.Add(("body", TemplateFieldErrors.BodyNotAllowed));

        var fileNamePattern = TextRules.Field(f.FileNamePattern, "fileNamePattern", DocumentTemplate.FileNamePatternMax, errors);
        var emailSubject = TextRules.Field(f.EmailSubject, "emailSubject", DocumentTemplate.EmailSubjectMax, errors);
        var emailBody = TextRules.Field(f.EmailBody, "emailBody", DocumentTemplate.EmailBodyMax, errors, multiLine: true);

        if (f.DocumentTypeId is { } typeId && typeId != template.DocumentTypeId
            && !await db.DocumentTypes.AnyAsync(d => d.Id == typeId && !d.Archived, ct))
            errors.Add(("documentTypeId", FieldErrors.NotFound));

        if (errors.Count > 0)
            return Error.Validation([.. errors]);

        // Syntax last: the other fields' errors are quicker to fix and come all at once.
        foreach (var (field, text) in new[] { ("body", body), ("fileNamePattern", fileNamePattern), ("emailSubject", emailSubject), ("emailBody", emailBody) })
        {
            if (text is null)
                continue;
            var parsed = liquid.Parse(text);
            if (!parsed.IsSuccess)
                return TemplateFieldErrors.SyntaxIn(field, parsed.Error!);
        }

        template.Name = name!;
        template.Description = description;
        template.Target = target;
        template.Body = body;
        template.DocumentTypeId = f.DocumentTypeId;
        template.FileNamePattern = fileNamePattern;
        template.EmailSubject = emailSubject;
        template.EmailBody = emailBody;
        return null;
    }

    private async Task<Dictionary<Guid, string>> TypeNamesAsync(IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var list = ids.OfType<Guid>().Distinct().ToList();
        return list.Count == 0
            ? []
            : await db.DocumentTypes.AsNoTracking().Where(t => list.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
    }

    private static TemplateDto Dto(DocumentTemplate t, IReadOnlyDictionary<Guid, string> types, bool withBody) => new(
        t.Id, t.Name, t.Description, ApiNames.Of(t.Format), ApiNames.Of(t.Target), withBody ? t.Body : null,
        t.FileName, t.FileSize, t.FileSha256,
        t.DocumentTypeId, t.DocumentTypeId is { } d ? types.GetValueOrDefault(d) : null, t.FileNamePattern, t.EmailSubject, t.EmailBody,
        t.ShippedCode, t.IsArchived, t.CreatedAt, t.UpdatedAt, t.Version);
}
