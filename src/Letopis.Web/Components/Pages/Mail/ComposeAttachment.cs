using Letopis.Core.Documents.Files;
using Letopis.Core.Mail;

namespace Letopis.Web.Components.Pages.Mail;

/// <summary>
/// A file offered in the compose dialog: a document's file (its current version is sent) or a file
/// generated from a template (its blob key, see <see cref="GeneratedFileKeys"/>).
/// </summary>
public sealed record ComposeAttachment(string FileName, long Size, Guid? DocumentFileId = null, GeneratedAttachment? Generated = null)
{
    public static ComposeAttachment Of(DocumentFileDto file) => new(file.Name, file.Size, DocumentFileId: file.Id);

    /// <summary>A generated file, e.g. from <c>GenerateDocument</c>: <c>GeneratedFile.BlobKey</c>, its name, type and length.</summary>
    public static ComposeAttachment OfGenerated(string blobKey, string fileName, string contentType, long size) =>
        new(fileName, size, Generated: new GeneratedAttachment(blobKey, fileName, contentType));
}

/// <summary>What the compose dialog starts with.</summary>
/// <param name="CounterpartyId">Whose contact persons «Кому» offers and whose timeline shows the letter.</param>
/// <param name="DealId">The deal the letter is about.</param>
/// <param name="DocumentId">The document the letter is about.</param>
/// <param name="Attachments">Files attached from the start (the user may remove them).</param>
/// <param name="Subject">The proposed subject (e.g. a template's rendered <c>EmailSubject</c>).</param>
/// <param name="Body">The proposed text (e.g. a template's rendered <c>EmailBody</c>).</param>
public sealed record ComposeEmail(
    Guid? CounterpartyId, Guid? DealId = null, Guid? DocumentId = null,
    IReadOnlyList<ComposeAttachment>? Attachments = null, string? Subject = null, string? Body = null);
