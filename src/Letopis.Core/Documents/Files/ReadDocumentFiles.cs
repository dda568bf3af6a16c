using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Letopis.Core.Documents.Files;

/// <summary>One version of a file: who uploaded it, when, with what comment; and how its text extraction went.</summary>
/// <param name="TextState"><c>pending</c>, <c>done</c>, <c>failed</c>, or null for a type whose text is not extracted.</param>
public sealed record FileVersionDto(
    Guid Id, int Version, string Name, long Size, string Sha256, string ContentType, DateTime UploadedAt,
    Guid? UploadedById, string? UploadedByName, string? Comment, string? TextState);

/// <summary>A file of a document with its current version and, on its own card, every version (newest first).</summary>
/// <param name="Previewable">Whether it can be previewed: a browser shows PDF, images and plain text inline; a DOCX is shown as HTML
/// (<c>GET /api/v1/files/{id}/preview</c>).</param>
/// <param name="Comment">The comment of the current version's upload.</param>
public sealed record DocumentFileDto(
    Guid Id, Guid DocumentId, string Name, int Version, long Size, string Sha256, string ContentType, bool Previewable,
    DateTime CreatedAt, DateTime UploadedAt, Guid? UploadedById, string? UploadedByName, string? Comment, IReadOnlyList<FileVersionDto> Versions);

/// <summary>
/// The files of a document and the card of one file. Files exist for the caller only through a
/// document they may see: a file of a hidden (or deleted) document is «not found».
/// </summary>
public sealed class ReadDocumentFiles(LetopisDb db)
{
    /// <summary>The document's files with their current versions, oldest file first.</summary>
    public async Task<Result<IReadOnlyList<DocumentFileDto>>> ListAsync(AccessContext access, Guid documentId, CancellationToken ct)
    {
        if (!await db.VisibleDocuments(access).AnyAsync(d => d.Id == documentId, ct))
            return Error.NotFound();
        var files = await Query(db.DocumentFiles.Where(f => f.DocumentId == documentId && !f.Deleted), current: true).ToListAsync(ct);
        return Result<IReadOnlyList<DocumentFileDto>>.Ok(files.GroupBy(f => f.File.Id).Select(g => ToDto(g.ToList(), withVersions: false)).OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).ToList());
    }

    /// <summary>One file with all its versions.</summary>
    public async Task<Result<DocumentFileDto>> GetAsync(AccessContext access, Guid fileId, CancellationToken ct)
    {
        var visible = db.VisibleDocuments(access).Select(d => d.Id);
        var rows = await Query(db.DocumentFiles.Where(f => f.Id == fileId && !f.Deleted && visible.Contains(f.DocumentId)), current: false).ToListAsync(ct);
        return rows.Count == 0 ? Error.NotFound() : ToDto(rows, withVersions: true);
    }

    /// <summary>The stored version to download: the current one, or <paramref name="version"/>.</summary>
    public async Task<Result<FileVersionContent>> ContentAsync(AccessContext access, Guid fileId, int? version, CancellationToken ct)
    {
        var visible = db.VisibleDocuments(access).Select(d => d.Id);
        var found = await (
            from f in db.DocumentFiles.AsNoTracking()
            join v in db.DocumentFileVersions on f.Id equals v.FileId
            where f.Id == fileId && !f.Deleted && visible.Contains(f.DocumentId) && v.Version == (version ?? f.CurrentVersion)
            select new FileVersionContent(f.Id, v.Version, v.Name, v.Size, v.Sha256, v.ContentType, v.BlobKey))
            .SingleOrDefaultAsync(ct);
        return found is null ? Error.NotFound() : found;
    }

    private sealed record Row(DocumentFile File, DocumentFileVersion Version, string? UploadedByName, TextState? Text);

    private IQueryable<Row> Query(IQueryable<DocumentFile> files, bool current) =>
        from f in files.AsNoTracking()
        join v in db.DocumentFileVersions on f.Id equals v.FileId
        where !current || v.Version == f.CurrentVersion
        join u in db.Users on v.UploadedById equals u.Id into users
        from u in users.DefaultIfEmpty()
        join x in db.Set<FileTextExtraction>() on v.Id equals x.VersionId into texts
        from x in texts.DefaultIfEmpty()
        select new Row(f, v, u == null ? null : u.FullName, x == null ? null : x.State);

    private static DocumentFileDto ToDto(List<Row> rows, bool withVersions)
    {
        var file = rows[0].File;
        var current = rows.Single(r => r.Version.Version == file.CurrentVersion);
        var versions = withVersions
            ? rows.OrderByDescending(r => r.Version.Version).Select(r => ToDto(r)).ToList()
            : [];
        var v = current.Version;
        return new DocumentFileDto(file.Id, file.DocumentId, file.Name, v.Version, v.Size, v.Sha256, v.ContentType,
            ContentSniffer.IsPreviewable(v.ContentType) || ContentSniffer.HasHtmlPreview(v.ContentType), file.CreatedAt, v.UploadedAt, v.UploadedById,
            current.UploadedByName, v.Comment, versions);
    }

    private static FileVersionDto ToDto(Row r) => new(
        r.Version.Id, r.Version.Version, r.Version.Name, r.Version.Size, r.Version.Sha256, r.Version.ContentType, r.Version.UploadedAt,
        r.Version.UploadedById, r.UploadedByName, r.Version.Comment, r.Text?.ToString().ToLowerInvariant());
}

/// <summary>Where a version's bytes are and what they must hash to.</summary>
public sealed record FileVersionContent(Guid FileId, int Version, string Name, long Size, string Sha256, string ContentType, string BlobKey);
