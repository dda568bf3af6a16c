namespace Letopis.Web.Components.Pages.Documents;

/// <summary>Addresses of the files API the browser uses directly (the UI's cookie authenticates it).</summary>
public static class FileLinks
{
    /// <summary>The collocated script with upload and print.</summary>
    public const string Script = "./Components/Pages/Documents/DocumentFilesPanel.razor.js";

    public static string Download(Guid fileId, int? version = null) =>
        $"/api/v1/files/{fileId}/content" + (version is { } v ? $"?version={v}" : "");

    public static string Inline(Guid fileId, int? version = null) =>
        $"/api/v1/files/{fileId}/content?inline=true" + (version is { } v ? $"&version={v}" : "");

    /// <summary>What the preview shows: the file itself when a browser can, the server's HTML of it otherwise (DOCX).</summary>
    public static string Preview(Guid fileId, string contentType, int? version = null) =>
        Letopis.Core.Documents.Files.ContentSniffer.HasHtmlPreview(contentType)
            ? $"/api/v1/files/{fileId}/preview" + (version is { } v ? $"?version={v}" : "")
            : Inline(fileId, version);

    public static string Upload(Guid documentId) => $"/api/v1/documents/{documentId}/files";

    public static string NewVersion(Guid fileId) => $"/api/v1/files/{fileId}/versions";
}
