using Letopis.Core.Common;
using Letopis.Core.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Letopis.Infrastructure.Pdf;

/// <summary>
/// The node's PDF engine: HTML through the warm <see cref="ChromiumPdfPrinter"/>, DOCX through
/// <see cref="LibreOfficePdfConverter"/>. A singleton; disposing it (with the host) closes the browser.
/// </summary>
public sealed class PdfEngine : IPdfEngine, IAsyncDisposable
{
    public PdfEngine(IOptions<PdfOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        Chromium = new ChromiumPdfPrinter(options.Value, time, loggers);
        LibreOffice = new LibreOfficePdfConverter(options.Value, time, loggers.CreateLogger<LibreOfficePdfConverter>());
    }

    public ChromiumPdfPrinter Chromium { get; }

    public LibreOfficePdfConverter LibreOffice { get; }

    public Task<Result<byte[]>> FromHtmlAsync(string html, CancellationToken ct) => Chromium.PrintAsync(html, ct);

    public Task<Result<byte[]>> FromDocxAsync(byte[] docx, CancellationToken ct) => LibreOffice.ConvertAsync(docx, ct);

    public ValueTask DisposeAsync() => Chromium.DisposeAsync();
}
