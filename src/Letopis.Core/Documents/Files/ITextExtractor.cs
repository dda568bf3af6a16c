namespace Letopis.Core.Documents.Files;

/// <summary>
/// Reads the words out of one kind of file (DOCX, PDF, XLSX, plain text) so that search finds the
/// document by what its files say. Implementations live in the infrastructure, beside their libraries.
/// </summary>
public interface ITextExtractor
{
    /// <summary>Whether this extractor reads files of the sniffed <paramref name="contentType"/>.</summary>
    bool Handles(string contentType);

    /// <summary>
    /// The text of the file, at most <paramref name="maxChars"/> characters (reading stops there).
    /// <paramref name="content"/> is seekable.
    /// </summary>
    Task<string> ExtractAsync(Stream content, int maxChars, CancellationToken ct);
}
