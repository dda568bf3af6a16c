using Letopis.Core.Common;

namespace Letopis.Core.Templates;

/// <summary>
/// Turns generated documents into PDF: HTML through headless Debian <c>chromium</c> (kept warm and
/// reused), DOCX through LibreOffice. Either engine may be missing on a server: the call then fails
/// with <see cref="PdfErrors.EngineMissing"/> naming the package to install, and HTML printing still works.
/// </summary>
public interface IPdfEngine
{
    Task<Result<byte[]>> FromHtmlAsync(string html, CancellationToken ct);

    Task<Result<byte[]>> FromDocxAsync(byte[] docx, CancellationToken ct);
}

public static class PdfErrors
{
    public const string EngineMissing = "pdf_engine_missing";

    /// <summary>The engine ran and failed (a crash, a timeout): the cause is in the message.</summary>
    public const string EngineFailed = "pdf_engine_failed";

    public static Error Missing(string package) => new(EngineMissing,
        $"PDF cannot be made on this server: install the system package «{package}».",
        Extensions: new Dictionary<string, object?> { ["package"] = package });

    public static Error Failed(string cause) => new(EngineFailed, $"The PDF engine failed: {cause}",
        Extensions: new Dictionary<string, object?> { ["cause"] = cause });
}
