namespace Letopis.Core.Documents.Files;

/// <summary>
/// Writes a plain document — a heading and paragraphs — as DOCX or as PDF with a real text layer:
/// the demo company's contract files, and test files whose words search must find.
/// </summary>
public interface ISimpleDocumentWriter
{
    /// <summary>Whether a Cyrillic font is available for PDF output on this machine.</summary>
    bool CanWritePdf { get; }

    byte[] Docx(string title, IEnumerable<string> paragraphs);

    /// <summary>A PDF whose text can be selected and extracted (not a picture of text); Cyrillic included.</summary>
    byte[] Pdf(string title, IEnumerable<string> paragraphs);
}
