using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Letopis.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents.Files;

/// <summary>
/// Turns one kind of file (DOCX) into a simple HTML fragment a browser can show: paragraphs,
/// headings, bold and italic, lists and tables, every piece of text escaped, nothing that runs.
/// Implementations live in the infrastructure, beside their libraries.
/// </summary>
public interface IHtmlPreviewer
{
    bool Handles(string contentType);

    /// <summary>The body's HTML, cut off (with a closing note) once it reaches <paramref name="maxChars"/>; <paramref name="content"/> is seekable.</summary>
    Task<string> RenderAsync(Stream content, int maxChars, CancellationToken ct);
}

/// <summary>A version rendered for preview: its name and the HTML of its body.</summary>
public sealed record FilePreview(Guid FileId, int Version, string Name, string Html);

/// <summary>
/// The HTML preview of a file a browser cannot show itself (DOCX), for whoever may see its
/// document (404 otherwise, as for its download). Files above <see cref="MaxBytes"/> are refused:
/// the preview reads the whole file into memory.
/// </summary>
public sealed class PreviewDocumentFile(LetopisDb db, IBlobStore blobs, IEnumerable<IHtmlPreviewer> previewers)
{
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>At most this many characters of HTML: a long contract fits, a runaway one stops.</summary>
    public const int MaxChars = 2_000_000;

    public const string NotPreviewable = "not_previewable";
    public const string TooLarge = "preview_too_large";

    public async Task<Result<FilePreview>> HandleAsync(AccessContext access, Guid fileId, int? version, CancellationToken ct)
    {
        var visible = db.VisibleDocuments(access).Select(d => d.Id);
        var file = await (
            from f in db.DocumentFiles.AsNoTracking()
            join v in db.DocumentFileVersions on f.Id equals v.FileId
            where f.Id == fileId && !f.Deleted && visible.Contains(f.DocumentId) && v.Version == (version ?? f.CurrentVersion)
            select new FileVersionContent(f.Id, v.Version, v.Name, v.Size, v.Sha256, v.ContentType, v.BlobKey))
            .SingleOrDefaultAsync(ct);
        if (file is null)
            return Error.NotFound();
        var previewer = previewers.FirstOrDefault(p => p.Handles(file.ContentType));
        if (previewer is null)
            return new Error(NotPreviewable, "This kind of file has no HTML preview.");
        if (file.Size > MaxBytes)
            return new Error(TooLarge, "The file is too large to preview; download it instead.");
        await using var blob = await blobs.OpenReadAsync(file.BlobKey, ct);
        if (blob is null)
            return new Error("file_corrupted", "The stored file is missing.");
        using var copy = new MemoryStream((int)file.Size);
        await blob.CopyToAsync(copy, ct);
        copy.Position = 0;
        string html;
        try
        {
            html = await previewer.RenderAsync(copy, MaxChars, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A damaged or disguised file: the download still works, the preview says it cannot read it.
            return new Error(NotPreviewable, "The file could not be read for preview.");
        }
        return new FilePreview(file.FileId, file.Version, file.Name, html);
    }
}
