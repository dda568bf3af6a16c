using System.Text;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Core.Documents.Files;
using Letopis.Core.History;
using Letopis.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letopis.Core.Templates;

/// <summary>
/// Generates a file from a template and a record the reader may see: HTML for printing, PDF (HTML
/// through chromium, Word through LibreOffice) or DOCX. With <see cref="GenerateRequest.Register"/>
/// the file becomes the first file of a new document of the template's type, all or nothing: the file
/// is made before anything is registered (a failed render takes no number), its bytes are stored
/// next, and the document, its number and the file's rows commit in one transaction (a failure there
/// deletes the stored bytes). A file that is not registered is kept in the blob store for a letter to
/// attach (<see cref="GeneratedFile.BlobKey"/>) and swept as an orphan after the grace period.
/// </summary>
public sealed class GenerateDocument(
    LetopisDb db,
    BuildTemplateModel models,
    LiquidTemplates liquid,
    DocxTemplates docx,
    IPdfEngine pdf,
    IBlobStore blobs,
    RegisterDocument register,
    IEnumerable<ITextExtractor> extractors,
    FileTextGate extraction,
    TimeProvider time,
    ICurrentActor actor,
    IOptions<QuotaOptions> quotas,
    ILogger<GenerateDocument> logger)
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    public async Task<Result<GeneratedFile>> HandleAsync(AccessContext access, Guid templateId, GenerateRequest request, CancellationToken ct)
    {
        var output = request.Output?.Trim().ToLowerInvariant();
        if (output is null || !TemplateFieldErrors.Outputs.Contains(output))
            return Error.Validation(("output", output is null ? FieldErrors.Required : FieldErrors.Invalid));
        var template = await ManageTemplates.FindAsync(db, access, templateId, ct);
        if (template is null)
            return Error.NotFound();
        if (template.IsArchived)
            return new Error(TemplateFieldErrors.Archived, "The template is archived: restore it to generate from it.");

        var (subject, field, recordId) = template.Target switch
        {
            TemplateTarget.Deal => (new TemplateSubject(null, request.DealId, null), "dealId", request.DealId),
            TemplateTarget.Document => (new TemplateSubject(null, null, request.DocumentId), "documentId", request.DocumentId),
            _ => (new TemplateSubject(request.CounterpartyId, null, null), "counterpartyId", request.CounterpartyId),
        };
        if (recordId is null)
            return Error.Validation((field, FieldErrors.Required));
        if (request.Register && template.DocumentTypeId is null)
            return new Error(TemplateFieldErrors.NotRegistrable, "The template has no document type, so its files cannot be registered.",
                new Dictionary<string, string[]> { ["register"] = [TemplateFieldErrors.NotRegistrable] });
        if (output == "html" && template.Format == TemplateFormat.Docx)
            return OutputNotSupported(output, template.Format);

        var model = await models.HandleAsync(access, subject, ct);
        if (!model.IsSuccess)
            return model.Error!;
        var rendered = await RenderAsync(template, model.Value, output, ct);
        if (!rendered.IsSuccess)
            return rendered.Error!;
        var (content, contentType, extension) = rendered.Value;
        var name = FileNameOf(template, model.Value, extension);
        if (!name.IsSuccess)
            return name.Error!;

        // The letter that may carry the file: its subject and text as the template proposes them.
        var (letterSubject, letterBody) = (LetterText(template.EmailSubject, model.Value), LetterText(template.EmailBody, model.Value));
        var blob = await blobs.PutAsync(Guid.CreateVersion7().ToString("N"), new MemoryStream(content, writable: false), ct);
        if (!request.Register)
            return new GeneratedFile(name.Value, contentType, content, null, null, blob.Key) { EmailSubject = letterSubject, EmailBody = letterBody };

        try
        {
            var registered = await RegisterAsync(access, template, subject, name.Value, content, blob, ct);
            if (!registered.IsSuccess)
                await DeleteBlobAsync(blob.Key);
            return registered.IsSuccess ? registered.Value with { EmailSubject = letterSubject, EmailBody = letterBody } : registered;
        }
        catch
        {
            await DeleteBlobAsync(blob.Key);
            throw;
        }
    }

    /// <summary>
    /// A letter's subject or text rendered for the record; a template whose letter text does not render
    /// still gives its file (the compose dialog then starts empty, and the user writes the letter).
    /// </summary>
    private string? LetterText(string? source, TemplateModel model)
    {
        if (string.IsNullOrWhiteSpace(source))
            return null;
        var text = liquid.RenderText(source, model);
        return text.IsSuccess && !string.IsNullOrWhiteSpace(text.Value) ? text.Value.Trim() : null;
    }

    /// <summary>The template rendered as <paramref name="output"/>: the bytes, their media type and the file extension.</summary>
    private async Task<Result<(byte[] Content, string ContentType, string Extension)>> RenderAsync(
        DocumentTemplate template, TemplateModel model, string output, CancellationToken ct)
    {
        if (template.Format == TemplateFormat.Html)
        {
            var parsed = liquid.Parse(template.Body ?? "");
            if (!parsed.IsSuccess)
                return TemplateFieldErrors.SyntaxIn("body", parsed.Error!);
            var html = liquid.RenderHtml(parsed.Value, model);
            if (!html.IsSuccess)
                return html.Error!;
            switch (output)
            {
                case "html":
                    return (Encoding.UTF8.GetBytes(html.Value), HtmlContentType, ".html");
                case "pdf":
                    var fromHtml = await pdf.FromHtmlAsync(html.Value, ct);
                    return fromHtml.IsSuccess ? (fromHtml.Value, ContentSniffer.Pdf, ".pdf") : fromHtml.Error!;
                default:
                    return (HtmlToDocx.Convert(html.Value), ContentSniffer.Docx, ".docx");
            }
        }

        if (template.FileBlobKey is null)
            return Error.NotFound();
        var source = await ManageTemplates.ReadBlobAsync(blobs, template.FileBlobKey, ct);
        if (source is null)
        {
            logger.LogError("The file {BlobKey} of template {TemplateId} is missing", template.FileBlobKey, template.Id);
            return Error.NotFound();
        }
        var filled = docx.Fill(source, model);
        if (!filled.IsSuccess)
            return filled.Error!;
        if (output == "docx")
            return (filled.Value, ContentSniffer.Docx, ".docx");
        var fromDocx = await pdf.FromDocxAsync(filled.Value, ct);
        return fromDocx.IsSuccess ? (fromDocx.Value, ContentSniffer.Pdf, ".pdf") : fromDocx.Error!;
    }

    /// <summary>The file name from the template's pattern (its name when it has none), made safe to save anywhere.</summary>
    private Result<string> FileNameOf(DocumentTemplate template, TemplateModel model, string extension)
    {
        var stem = template.Name;
        if (!string.IsNullOrWhiteSpace(template.FileNamePattern))
        {
            var parsed = liquid.Parse(template.FileNamePattern);
            if (!parsed.IsSuccess)
                return TemplateFieldErrors.SyntaxIn("fileNamePattern", parsed.Error!);
            var text = liquid.RenderText(parsed.Value, model);
            if (!text.IsSuccess)
                return text.Error!;
            stem = string.Join(' ', text.Value.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        }
        var cleaned = FileNames.Clean(stem + extension);
        // A pattern that left nothing but the extension (or a name cut to nothing) falls back to the template's name.
        return cleaned == extension || cleaned == FileNames.Fallback ? FileNames.Clean(template.Name + extension) : cleaned;
    }

    private async Task<Result<GeneratedFile>> RegisterAsync(
        AccessContext access, DocumentTemplate template, TemplateSubject subject, string fileName, byte[] content, BlobInfo blob, CancellationToken ct)
    {
        var type = await db.DocumentTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == template.DocumentTypeId, ct);
        if (type is null || type.Archived)
            return new Error(TemplateFieldErrors.NotRegistrable, "The template's document type is archived or gone.",
                new Dictionary<string, string[]> { ["register"] = [TemplateFieldErrors.NotRegistrable] });

        Guid? counterpartyId = subject.CounterpartyId, dealId = subject.DealId, parentId = null;
        if (subject.DealId is { } deal)
            counterpartyId = await db.Deals.AsNoTracking().Where(d => d.Id == deal).Select(d => d.CompanyId).SingleOrDefaultAsync(ct);
        if (subject.DocumentId is { } documentId)
        {
            var source = await db.VisibleDocuments(access).AsNoTracking().Where(d => d.Id == documentId)
                .Select(d => new { d.CounterpartyId, d.DealId, d.TypeId }).SingleOrDefaultAsync(ct);
            if (source is null)
                return Error.NotFound();
            counterpartyId = source.CounterpartyId;
            dealId = source.DealId;
            // An act or an appendix made from a contract goes under it when its type may; otherwise it stands beside it.
            if (type.AllowedParentTypeIds.Contains(source.TypeId) && type.ModeOf(DocumentCardFields.ParentId) != DocumentFieldMode.Hidden)
                parentId = documentId;
        }
        if (type.ModeOf(DocumentCardFields.CounterpartyId) == DocumentFieldMode.Hidden)
            counterpartyId = null;

        var title = Path.GetFileNameWithoutExtension(fileName);
        if (title.Length > Document.TitleMax)
            title = title[..Document.TitleMax].TrimEnd();
        var fields = new DocumentFields
        {
            Title = title,
            CounterpartyId = counterpartyId,
            DealId = dealId,
            ParentId = parentId,
        };

        var uploader = actor.UserId ?? access.UserId;
        var limits = await StorageQuotas.LimitsAsync(db, quotas.Value, ct);
        var contentType = ContentSniffer.Sniff(content.AsSpan(0, Math.Min(content.Length, ContentSniffer.HeadLength)));
        var extractable = ExtractFileTexts.Extractable(extractors, contentType);
        Guid? fileId = null;

        var result = await register.HandleAsync(access, new RegisterDocumentRequest(null, type.Id, fields), async (document, token) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var file = new DocumentFile { DocumentId = document.Id, Name = fileName, CurrentVersion = 1, CreatedAt = now };
            var version = new DocumentFileVersion
            {
                FileId = file.Id,
                Version = 1,
                Name = fileName,
                Size = blob.Size,
                Sha256 = blob.Sha256,
                ContentType = contentType,
                BlobKey = blob.Key,
                UploadedById = uploader,
                UploadedAt = now,
            };
            db.DocumentFiles.Add(file);
            ExtractFileTexts.AddVersion(db, extractors, document.Id, version, now);
            if (await StorageQuotas.ReserveAsync(db, uploader, blob.Size, limits, token) is { } refusal)
                return refusal.ToError();
            db.ChangeRecords.Add(ChangeRecord.Of(Document.EntityKind, document.Id, now, db.RecordAs ?? actor, ChangeOperation.Created,
                "files", null, $"{fileName} (v1)"));
            fileId = file.Id;
            return null;
        }, ct);
        if (!result.IsSuccess)
            return result.Error!;
        if (extractable)
            extraction.Wake();
        return new GeneratedFile(fileName, contentType == ContentSniffer.Html ? HtmlContentType : contentType, content, result.Value.Id, fileId, null)
        {
            DocumentNumber = result.Value.Number,
        };
    }

    private static Error OutputNotSupported(string output, TemplateFormat format) =>
        new(TemplateFieldErrors.OutputNotSupported, $"A {ApiNames.Of(format)} template cannot be generated as {output}.",
            new Dictionary<string, string[]> { ["output"] = [TemplateFieldErrors.OutputNotSupported] },
            new Dictionary<string, object?> { ["output"] = output, ["format"] = ApiNames.Of(format) });

    private async Task DeleteBlobAsync(string key)
    {
        try
        {
            await blobs.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Could not delete the generated file {BlobKey} that was not registered", key);
        }
    }
}
