namespace Letopis.Core.Documents;

/// <summary>
/// How document events read on the counterparty's timeline. A status entry carries the document
/// on its first line, the new status (API name) on the second, the comment after that.
/// </summary>
public static class DocumentTimeline
{
    public static string Text(string typeName, Document document) =>
        document.Number is { } number ? $"{typeName} № {number} «{document.Title}»" : $"{typeName} «{document.Title}»";

    public static string StatusText(string typeName, Document document, string? comment)
    {
        var text = Text(typeName, document) + "\n" + DocumentStatuses.ToApi(document.Status) + (string.IsNullOrWhiteSpace(comment) ? "" : "\n" + comment.Trim());
        return text.Length > Common.TextLimits.Long ? text[..Common.TextLimits.Long] : text;
    }

    /// <summary>The parts of a status entry: the document, the status (API name), the comment.</summary>
    public static (string Document, string Status, string? Comment) ParseStatus(string? text)
    {
        var lines = (text ?? "").Split('\n', 3);
        return (lines[0], lines.Length > 1 ? lines[1] : "", lines.Length > 2 ? lines[2] : null);
    }
}
