using System.ComponentModel;
using System.Diagnostics;
using Letopis.Core.Common;
using Letopis.Core.Templates;
using Microsoft.Extensions.Logging;

namespace Letopis.Infrastructure.Pdf;

/// <summary>
/// Converts DOCX to PDF with LibreOffice (<c>soffice --headless --convert-to pdf</c>), one process per
/// file. Each call has its own user profile: two sofficess sharing one profile lock each other out or
/// hand the file to the instance already running. A few run at once (each is ~2 s of one CPU core);
/// more calls wait their turn.
/// </summary>
public sealed class LibreOfficePdfConverter
{
    public const string Package = "libreoffice-writer-nogui";

    private readonly EngineLocator _locator;
    private readonly PdfOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;

    public LibreOfficePdfConverter(PdfOptions options, TimeProvider time, ILogger<LibreOfficePdfConverter> logger)
    {
        _options = options;
        _logger = logger;
        _locator = new EngineLocator(options.SofficePath, ["soffice", "libreoffice"], TimeSpan.FromSeconds(options.RecheckSeconds), time);
        _slots = new SemaphoreSlim(options.DocxConcurrency, options.DocxConcurrency);
    }

    public async Task<Result<byte[]>> ConvertAsync(byte[] docx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(docx);
        var soffice = _locator.Find();
        if (soffice is null)
            return PdfErrors.Missing(Package);

        await _slots.WaitAsync(ct);
        var work = Directory.CreateDirectory(Path.Combine(_options.WorkDirectory is { Length: > 0 } root ? root : Path.GetTempPath(), "letopis-docx-" + Guid.NewGuid().ToString("N")));
        try
        {
            var input = Path.Combine(work.FullName, "document.docx");
            var output = Path.Combine(work.FullName, "out");
            await File.WriteAllBytesAsync(input, docx, ct);
            var start = new ProcessStartInfo(soffice)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = work.FullName,
            };
            foreach (var arg in (string[])[
                "-env:UserInstallation=" + new Uri(Path.Combine(work.FullName, "profile")).AbsoluteUri,
                "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                "--convert-to", "pdf", "--outdir", output, input])
                start.ArgumentList.Add(arg);
            // LibreOffice writes caches under HOME; a service account may have none.
            start.Environment["HOME"] = work.FullName;

            using var process = new Process { StartInfo = start };
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                _locator.Forget();
                _logger.LogError(e, "LibreOffice could not be started from {Path}", soffice);
                return _locator.Find() is null ? PdfErrors.Missing(Package) : PdfErrors.Failed(e.Message);
            }
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                ct.ThrowIfCancellationRequested();
                _logger.LogWarning("LibreOffice did not convert a DOCX within {Seconds} s", _options.TimeoutSeconds);
                return PdfErrors.Failed($"LibreOffice did not convert the file within {_options.TimeoutSeconds} s");
            }
            await Task.WhenAll(stdout, stderr);

            var pdf = Path.Combine(output, "document.pdf");
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                var said = (await stderr).Trim() is { Length: > 0 } err ? err : (await stdout).Trim();
                if (said.Length > 300)
                    said = said[..300];
                _logger.LogWarning("LibreOffice made no PDF (exit {Code}): {Output}", process.ExitCode, said);
                return PdfErrors.Failed($"LibreOffice made no PDF (exit code {process.ExitCode}). {said}".Trim());
            }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            _slots.Release();
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException e)
            {
                _logger.LogWarning(e, "Temporary folder {Folder} could not be removed", work.FullName);
            }
        }
    }

    private void Kill(Process process)
    {
        try
        {
            // /usr/bin/soffice is a shell script around soffice.bin: the whole tree must go.
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            _logger.LogDebug(e, "LibreOffice process had already exited");
        }
    }
}
